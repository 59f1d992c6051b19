//! The mock NetServer's help desk: the state behind its `CustomerService` operations, as plain
//! data with no XML in it. [`crate::mock`] maps the wire types onto it.
//!
//! What it keeps, and how each operation uses it:
//! - **mailboxes** (`GetMailboxes`), two to start with; mail arriving at one becomes a ticket in
//!   its category and priority (`CreateTicketFromMailData`);
//! - **tickets**, three to start with: `FindTicketsByTitleOrId` searches them,
//!   `AddMessageFromMailData` appends a mail to one;
//! - **chat sessions** of the current user (`ChatSessionsForUser`, `HasChatNotify`),
//!   deleted by id (`DeleteChatSessions`);
//! - the **SMS configuration** (`CreateDefaultSmsConfig` makes one without saving it,
//!   `SaveSmsConfig` keeps it, `GetSmsConfig` reads it back);
//! - **feature toggles** (`UpdateFeatureToggles`) and the installed **event handlers**
//!   (`EventHandlerExists`);
//! - the **program URLs** (`GetProgramUrl`) and the shared secret of `CheckSymmetricEncryption`.
//!
//! ```
//! use examples::helpdesk::Desk;
//! let mut desk = Desk::seeded();
//! let mail = "From: Ada Lovelace <ada@example.com>\r\nSubject: Engine stalls\r\n\r\nIt stalls at step 3.";
//! let ticket = desk.create_ticket_from_mail(1, mail).unwrap();
//! assert_eq!((ticket.title.as_str(), ticket.person.as_str()), ("Engine stalls", "Ada Lovelace"));
//! assert_eq!(desk.find_tickets("stalls", 10).len(), 1);
//! ```

use std::collections::{BTreeMap, BTreeSet};

/// Where the mock's programs live, as `GetProgramUrl` reports them.
const INTERNAL_BASE: &str = "http://netserver.internal/cs";
const EXTERNAL_BASE: &str = "https://cs.example.com";
/// The programs `GetProgramUrl` knows, and their scripts.
const PROGRAMS: &[(&str, &str)] = &[
    ("ticket", "ticket.fcgi"),
    ("customer", "customer.fcgi"),
    ("rms", "rms.fcgi"),
];
/// The key of the mock's "symmetric encryption": a byte-wise XOR, written as hex. It stands in
/// for NetServer's shared-secret encryption, which a client checks by sending a string it
/// encrypted and getting the plain text back.
const SYMMETRIC_KEY: &[u8] = b"netserver-mock";

/// A mailbox mail is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// `MailInFilterId`.
    pub id: i32,
    /// The address mail arrives at.
    pub address: String,
    /// The category new tickets get.
    pub category: String,
    /// The priority new tickets get.
    pub priority: String,
}

/// A ticket (a help-desk request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// `TicketId`.
    pub id: i32,
    /// The title: a mail's subject.
    pub title: String,
    /// The user who owns it.
    pub owner: String,
    /// Its category.
    pub category: String,
    /// Its priority.
    pub priority: String,
    /// The customer who wrote in: a mail's sender name.
    pub person: String,
    /// The customer's company.
    pub contact: String,
    /// The messages, oldest first: mail bodies.
    pub messages: Vec<String>,
}

impl Ticket {
    /// Where the ticket is shown.
    pub fn url(&self) -> String {
        format!(
            "{EXTERNAL_BASE}/ticket.fcgi?action=showTicket&id={}",
            self.id
        )
    }
}

/// The SMS configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsSettings {
    /// The country code numbers without one are in (`47`).
    pub default_country: String,
    /// The provider NetServer sends through.
    pub provider: String,
    /// The sender name of the plugin.
    pub plugin_sender: String,
    /// The plugin's settings, in order.
    pub plugin_config: Vec<(String, String)>,
}

impl SmsSettings {
    /// What `CreateDefaultSmsConfig` answers: a configuration nothing has saved.
    pub fn default_config() -> Self {
        SmsSettings {
            default_country: "47".into(),
            provider: "SuperOffice.SMS.Provider".into(),
            plugin_sender: "SuperOffice".into(),
            plugin_config: vec![("Endpoint".into(), "https://sms.example.com/send".into())],
        }
    }
}

/// Why an operation on the desk was refused: the message a Client/Sender fault carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The help desk's state.
#[derive(Debug, Clone)]
pub struct Desk {
    mailboxes: Vec<Mailbox>,
    tickets: BTreeMap<i32, Ticket>,
    chat_sessions: BTreeSet<i32>,
    sms: Option<SmsSettings>,
    feature_toggles: BTreeMap<String, bool>,
    event_handlers: BTreeSet<String>,
}

impl Default for Desk {
    fn default() -> Self {
        Desk::seeded()
    }
}

impl Desk {
    /// The desk a fresh mock starts with: two mailboxes, three tickets, two chat sessions, no
    /// saved SMS configuration, two event handlers.
    pub fn seeded() -> Self {
        let mailboxes = vec![
            Mailbox {
                id: 1,
                address: "support@example.com".into(),
                category: "Support".into(),
                priority: "Medium".into(),
            },
            Mailbox {
                id: 2,
                address: "sales@example.com".into(),
                category: "Sales".into(),
                priority: "High".into(),
            },
        ];
        let tickets = [
            (1, "Printer on fire", "Support"),
            (2, "Cannot log in", "Support"),
            (3, "Invoice missing", "Sales"),
        ]
        .into_iter()
        .map(|(id, title, category)| {
            let ticket = Ticket {
                id,
                title: title.into(),
                owner: "Mock Agent".into(),
                category: category.into(),
                priority: "Medium".into(),
                person: "Sam Customer".into(),
                contact: "Example Ltd".into(),
                messages: Vec::new(),
            };
            (id, ticket)
        })
        .collect();
        Desk {
            mailboxes,
            tickets,
            chat_sessions: BTreeSet::from([10, 11]),
            sms: None,
            feature_toggles: BTreeMap::new(),
            event_handlers: BTreeSet::from([
                "SalesBeforeSaveAppointment".to_string(),
                "SalesAfterSaveContact".to_string(),
            ]),
        }
    }

    /// The mailboxes.
    pub fn mailboxes(&self) -> &[Mailbox] {
        &self.mailboxes
    }

    /// Opens a ticket from a mail (RFC 5322 text) that arrived at mailbox `mailbox_id`: the
    /// subject is its title, the sender's name its person, the body its first message.
    pub fn create_ticket_from_mail(
        &mut self,
        mailbox_id: i32,
        data: &str,
    ) -> Result<&Ticket, Refused> {
        let mailbox = self
            .mailboxes
            .iter()
            .find(|m| m.id == mailbox_id)
            .ok_or_else(|| Refused(format!("MailboxId {mailbox_id} is not a mailbox")))?;
        let mail = Mail::parse(data)?;
        let id = self.tickets.keys().next_back().map_or(1, |last| last + 1);
        let ticket = Ticket {
            id,
            title: mail.subject.unwrap_or_else(|| "(no subject)".into()),
            owner: "Mock Agent".into(),
            category: mailbox.category.clone(),
            priority: mailbox.priority.clone(),
            person: mail.sender.unwrap_or_default(),
            contact: String::new(),
            messages: vec![mail.body],
        };
        Ok(self.tickets.entry(id).or_insert(ticket))
    }

    /// Adds a mail to ticket `ticket_id` as its next message.
    pub fn add_message_from_mail(
        &mut self,
        ticket_id: i32,
        data: &str,
    ) -> Result<&Ticket, Refused> {
        let mail = Mail::parse(data)?;
        let ticket = self
            .tickets
            .get_mut(&ticket_id)
            .ok_or_else(|| Refused(format!("TicketId {ticket_id} is not a ticket")))?;
        ticket.messages.push(mail.body);
        Ok(ticket)
    }

    /// The tickets whose id is `title_or_id` or whose title contains it (all of them when it is
    /// empty), at most `max_rows` (none when it is 0 or less), by id.
    pub fn find_tickets(&self, title_or_id: &str, max_rows: i32) -> Vec<&Ticket> {
        let wanted = title_or_id.trim();
        self.tickets
            .values()
            .filter(|t| wanted.is_empty() || t.id.to_string() == wanted || t.title.contains(wanted))
            .take(usize::try_from(max_rows).unwrap_or(0))
            .collect()
    }

    /// The user's open chat sessions, by id.
    pub fn chat_sessions(&self) -> Vec<i32> {
        self.chat_sessions.iter().copied().collect()
    }

    /// Whether the user has a chat session to be told about.
    pub fn has_chat_notify(&self) -> bool {
        !self.chat_sessions.is_empty()
    }

    /// Deletes the chat sessions `ids` names; ids that are not open are ignored, as deleting is
    /// idempotent. Returns how many were deleted.
    pub fn delete_chat_sessions(&mut self, ids: &[i32]) -> usize {
        ids.iter()
            .filter(|id| self.chat_sessions.remove(id))
            .count()
    }

    /// The saved SMS configuration, else the default one.
    pub fn sms_config(&self) -> SmsSettings {
        self.sms.clone().unwrap_or_else(SmsSettings::default_config)
    }

    /// Saves the SMS configuration and returns it as saved.
    pub fn save_sms_config(&mut self, settings: SmsSettings) -> &SmsSettings {
        self.sms.insert(settings)
    }

    /// Sets feature toggles by name.
    pub fn update_feature_toggles(&mut self, toggles: impl IntoIterator<Item = (String, bool)>) {
        self.feature_toggles.extend(toggles);
    }

    /// The feature toggles, by name.
    pub fn feature_toggles(&self) -> &BTreeMap<String, bool> {
        &self.feature_toggles
    }

    /// Whether an event handler of type `handler` (an `EventHandlerType` name) is installed.
    pub fn event_handler_exists(&self, handler: &str) -> bool {
        self.event_handlers.contains(handler)
    }

    /// Where program `name` is reached: from outside (`external`), or inside the network.
    pub fn program_url(&self, name: &str, external: bool) -> Result<String, Refused> {
        let (_, script) = PROGRAMS
            .iter()
            .find(|(program, _)| program.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                let known: Vec<_> = PROGRAMS.iter().map(|(p, _)| *p).collect();
                Refused(format!(
                    "ProgramName {name:?} is not a program (known: {})",
                    known.join(", ")
                ))
            })?;
        let base = if external {
            EXTERNAL_BASE
        } else {
            INTERNAL_BASE
        };
        Ok(format!("{base}/{script}"))
    }

    /// What a statistic counts: labelled values over the tickets.
    pub fn statistic(&self, function: &str) -> Vec<(String, f64)> {
        let mut counts: BTreeMap<String, f64> = BTreeMap::new();
        let key = |t: &Ticket| -> Option<String> {
            match function {
                "OpenRequestsPerCategory" | "OpenRequestsPerTopCategory" => {
                    Some(t.category.clone())
                }
                "OpenRequestsPerUser" | "OwnOpenRequests" => Some(t.owner.clone()),
                "OpenRequestsPerPriority" => Some(t.priority.clone()),
                "OpenRequestsPerStatus" => Some("Open".into()),
                "UnassignedRequests" => t.owner.is_empty().then(|| "Unassigned".into()),
                _ => None,
            }
        };
        for ticket in self.tickets.values() {
            if let Some(label) = key(ticket) {
                *counts.entry(label).or_default() += 1.0;
            }
        }
        counts.into_iter().collect()
    }

    /// Decrypts what a client encrypted with the shared secret, to show both sides agree.
    pub fn check_symmetric_encryption(&self, encrypted: &str) -> Result<String, Refused> {
        let refuse = || {
            Refused(format!(
                "EncryptedString {encrypted:?} is not hex of the shared-secret cipher"
            ))
        };
        let hex = encrypted.trim();
        if hex.len() % 2 != 0 {
            return Err(refuse());
        }
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| {
                hex.get(i..i + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
            })
            .collect::<Option<_>>()
            .ok_or_else(refuse)?;
        let plain: Vec<u8> = xor(&bytes);
        String::from_utf8(plain).map_err(|_| refuse())
    }
}

/// Encrypts `plain` the way [`Desk::check_symmetric_encryption`] expects (what a client does).
///
/// ```
/// use examples::helpdesk::{encrypt, Desk};
/// assert_eq!(Desk::seeded().check_symmetric_encryption(&encrypt("hello")).unwrap(), "hello");
/// ```
pub fn encrypt(plain: &str) -> String {
    xor(plain.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn xor(bytes: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .zip(SYMMETRIC_KEY.iter().cycle())
        .map(|(b, k)| b ^ k)
        .collect()
}

/// The parts of a mail the desk uses.
struct Mail {
    subject: Option<String>,
    sender: Option<String>,
    body: String,
}

impl Mail {
    /// Reads the header fields up to the first empty line and keeps the rest as the body.
    /// A message with no header/body separator is refused: it is not a mail.
    fn parse(data: &str) -> Result<Mail, Refused> {
        let data = data.replace("\r\n", "\n");
        let (head, body) = data.split_once("\n\n").ok_or_else(|| {
            Refused("Data is not a mail: it has no empty line after its header".into())
        })?;
        let mut mail = Mail {
            subject: None,
            sender: None,
            body: body.trim_end().to_string(),
        };
        for line in head.lines() {
            let Some((field, value)) = line.split_once(':') else {
                return Err(Refused(format!(
                    "Data is not a mail: header line {line:?} has no colon"
                )));
            };
            let value = value.trim();
            match field.trim().to_ascii_lowercase().as_str() {
                "subject" => mail.subject = Some(value.to_string()),
                // `Name <address>`: the name; a bare address stands for itself.
                "from" => {
                    let name = value
                        .split('<')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_matches('"');
                    mail.sender = Some(
                        if name.is_empty() {
                            value.trim_matches(['<', '>'])
                        } else {
                            name
                        }
                        .to_string(),
                    );
                }
                _ => {}
            }
        }
        Ok(mail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: &str =
        "From: \"Ada Lovelace\" <ada@example.com>\r\nSubject: Engine stalls\r\n\r\nIt stalls.\r\n";

    #[test]
    fn mail_to_a_mailbox_opens_a_ticket_in_its_category() {
        let mut desk = Desk::seeded();
        let ticket = desk.create_ticket_from_mail(2, MAIL).unwrap().clone();
        assert_eq!(ticket.id, 4);
        assert_eq!(ticket.title, "Engine stalls");
        assert_eq!(ticket.person, "Ada Lovelace");
        assert_eq!(
            (ticket.category.as_str(), ticket.priority.as_str()),
            ("Sales", "High")
        );
        assert_eq!(ticket.messages, ["It stalls."]);
        assert_eq!(
            desk.create_ticket_from_mail(9, MAIL),
            Err(Refused("MailboxId 9 is not a mailbox".into()))
        );
    }

    #[test]
    fn a_mail_adds_a_message_to_an_existing_ticket_only() {
        let mut desk = Desk::seeded();
        let ticket = desk
            .add_message_from_mail(2, "From: a@b\n\nStill broken")
            .unwrap();
        assert_eq!(ticket.messages, ["Still broken"]);
        assert!(desk.add_message_from_mail(42, MAIL).is_err());
        assert!(desk
            .add_message_from_mail(2, "no header separator")
            .is_err());
    }

    #[test]
    fn tickets_are_found_by_id_or_title_and_capped() {
        let desk = Desk::seeded();
        let ids = |found: Vec<&Ticket>| found.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(desk.find_tickets("2", 10)), [2]);
        assert_eq!(ids(desk.find_tickets("missing", 10)), [3]);
        assert_eq!(ids(desk.find_tickets("", 2)), [1, 2]);
        assert!(desk.find_tickets("", 0).is_empty());
    }

    #[test]
    fn chat_sessions_are_deleted_once() {
        let mut desk = Desk::seeded();
        assert!(desk.has_chat_notify());
        assert_eq!(desk.delete_chat_sessions(&[10, 10, 99]), 1);
        assert_eq!(desk.chat_sessions(), [11]);
        desk.delete_chat_sessions(&[11]);
        assert!(!desk.has_chat_notify());
    }

    #[test]
    fn the_sms_configuration_is_the_default_until_saved() {
        let mut desk = Desk::seeded();
        assert_eq!(desk.sms_config(), SmsSettings::default_config());
        let mut mine = SmsSettings::default_config();
        mine.default_country = "46".into();
        desk.save_sms_config(mine.clone());
        assert_eq!(desk.sms_config(), mine);
    }

    #[test]
    fn program_urls_depend_on_where_the_caller_is() {
        let desk = Desk::seeded();
        assert_eq!(
            desk.program_url("Ticket", true).unwrap(),
            "https://cs.example.com/ticket.fcgi"
        );
        assert_eq!(
            desk.program_url("rms", false).unwrap(),
            "http://netserver.internal/cs/rms.fcgi"
        );
        assert!(desk
            .program_url("solitaire", true)
            .unwrap_err()
            .0
            .contains("known: ticket"));
    }

    #[test]
    fn statistics_count_the_tickets() {
        let desk = Desk::seeded();
        assert_eq!(
            desk.statistic("OpenRequestsPerCategory"),
            [("Sales".to_string(), 1.0), ("Support".to_string(), 2.0)]
        );
        assert!(desk.statistic("Hotlist").is_empty());
    }

    #[test]
    fn event_handlers_and_feature_toggles_are_kept_by_name() {
        let mut desk = Desk::seeded();
        assert!(desk.event_handler_exists("SalesBeforeSaveAppointment"));
        assert!(!desk.event_handler_exists("SalesAfterSaveSale"));
        desk.update_feature_toggles([("Chat".to_string(), true), ("Sms".to_string(), false)]);
        desk.update_feature_toggles([("Chat".to_string(), false)]);
        let toggles: Vec<_> = desk
            .feature_toggles()
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        assert_eq!(toggles, [("Chat", false), ("Sms", false)]);
    }

    #[test]
    fn symmetric_encryption_round_trips_and_refuses_garbage() {
        let desk = Desk::seeded();
        assert_eq!(
            desk.check_symmetric_encryption(&encrypt("secret æøå"))
                .unwrap(),
            "secret æøå"
        );
        for bad in ["abc", "zz", "ff"] {
            assert!(desk.check_symmetric_encryption(bad).is_err(), "{bad}");
        }
    }
}
