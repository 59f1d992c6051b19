"""zeep, built from a vendor's WSDL alone, calls a server generated from that same WSDL by
soap-codegen (tests/tests/interop_generated.rs). Prints one JSON document of what came back.

Usage:
  generated_client.py so-principal WSDL ENDPOINT APP_TOKEN
      SoPrincipal, with its own request header (ApplicationToken only): authenticate with a
      good and a bad password, and read the system information.
  generated_client.py customer-service WSDL ENDPOINT APP_TOKEN TICKET
      Services86 CustomerService, with its three request headers: a session's life, a program
      URL, a ticket search and a chat-session delete (an ArrayOfint in WCF's Arrays namespace).
"""
import json
import sys
import warnings

import zeep
from zeep.wsdl.bindings.soap import Soap11Binding


def service(wsdl, endpoint):
    settings = zeep.Settings(strict=True)
    with warnings.catch_warnings():
        # Strict: a warning while loading the vendor's WSDL is a failure, not noise.
        warnings.simplefilter("error")
        client = zeep.Client(wsdl, settings=settings)
    binding = next(
        name for name, b in client.wsdl.bindings.items() if type(b) is Soap11Binding
    )
    return client.create_service(binding, endpoint)


def so_principal(wsdl, endpoint, app_token):
    svc = service(wsdl, endpoint)
    headers = {"ApplicationToken": app_token}
    good = svc.AuthenticateUsernamePassword(
        UserName="ada", Password="secret", _soapheaders=headers
    )
    bad = svc.AuthenticateUsernamePassword(
        UserName="ada", Password="wrong", _soapheaders=headers
    )
    info = svc.GetSystemInfo(_soapheaders=headers)
    return {
        "ticket": good.body.Credentials.Ticket,
        "succeeded": good.body.AuthenticationSucceeded,
        "refused": bad.body.AuthenticationSucceeded,
        "bad_credentials": bad.body.Credentials,
        "branch": info.body.SystemInfo.BranchName,
        "database_version": info.body.SystemInfo.DatabaseVersion,
        "succeeded_header": good.header.Succeeded,
    }


def customer_service(wsdl, endpoint, app_token, ticket):
    svc = service(wsdl, endpoint)
    headers = {"ApplicationToken": app_token, "Credentials": {"Ticket": ticket}}

    def call(operation, **params):
        body = getattr(svc, operation)(_soapheaders=headers, **params).body
        # An operation without a result has an empty response element.
        return getattr(body, "Response", None) if body is not None else None

    key = call("CreateSession", RemoteIp="10.0.0.1")
    valid = call("SessionIsValid", CsSessionKey=key.Key)
    call("RemoveSession", LoginId=key.LoginId)
    valid_after = call("SessionIsValid", CsSessionKey=key.Key)
    url = call("GetProgramUrl", ProgramName="ticket", External=True)
    found = call("FindTicketsByTitleOrId", TitleOrId="engine", MaxRows=10)
    call("DeleteChatSessions", Ids={"int": [3, 4]})
    return {
        "key": key.Key,
        "login_id": key.LoginId,
        "valid": valid,
        "valid_after_remove": valid_after,
        "url": url,
        "titles": [t.Title for t in (found.TicketInfo if found is not None else [])],
    }


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "so-principal":
        result = so_principal(*args)
    elif command == "customer-service":
        result = customer_service(*args)
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
