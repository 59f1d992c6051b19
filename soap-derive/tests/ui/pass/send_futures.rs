//! Every operation's future is `Send`, for any implementation: generic code can spawn it on a
//! multi-threaded runtime without knowing the implementation.
use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:example")]
pub trait Echo {
    #[soap_operation(action = "Echo")]
    async fn echo(&self, text: String) -> Result<String, Fault>;
}

fn spawn_echo<T: Echo + Send + Sync + 'static>(service: std::sync::Arc<T>) -> tokio::task::JoinHandle<Result<String, Fault>> {
    tokio::spawn(async move { service.echo("hi".to_string()).await })
}

fn assert_send<T: Send>(_: &T) {}

struct Impl;

impl Echo for Impl {
    async fn echo(&self, text: String) -> Result<String, Fault> {
        Ok(text)
    }
}

fn main() {
    let client = EchoClient::new(soap_core::InMemoryTransport::new(EchoServer::new(Impl)));
    assert_send(&client.echo(String::new()));
    assert_send(&client.echo_with((), String::new()));
    let _ = spawn_echo::<Impl>;
    let _ = spawn_echo::<EchoClient>;
}
