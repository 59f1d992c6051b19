"""Calls every CustomerService operation on a fresh mock NetServer with zeep, using only a WSDL
(ours from ?wsdl, or the vendor's), and checks each answer against the mock's starting state
(examples/src/helpdesk.rs).

Prints one JSON object: {"checked": [operation, ...], "failed": {operation: why, ...}}.
Exits 0 either way; the Rust test reads the JSON.

Usage: zeep_all_operations.py WSDL ENDPOINT (11|12) APP_TOKEN TICKET
"""
import json
import sys
import warnings

import zeep
from zeep.exceptions import Fault
from zeep.wsdl.bindings.soap import Soap11Binding, Soap12Binding

NS = "http://www.superoffice.net/ws/crm/NetServer/Services86"
# The mock's stand-in for NetServer's shared-secret encryption (examples/src/helpdesk.rs).
SYMMETRIC_KEY = b"netserver-mock"
MAIL = "From: Ada Lovelace <ada@example.com>\r\nSubject: Engine stalls\r\n\r\nIt stalls at step 3."


def encrypt(plain):
    data = plain.encode("utf-8")
    return "".join("%02x" % (b ^ SYMMETRIC_KEY[i % len(SYMMETRIC_KEY)]) for i, b in enumerate(data))


def binding_for(client, version):
    """The binding of the SOAP version asked for, whatever the WSDL names it."""
    wanted = Soap11Binding if version == "11" else Soap12Binding
    for name, binding in client.wsdl.bindings.items():
        if type(binding) is wanted:
            return name
    raise SystemExit("the WSDL has no SOAP %s binding" % version)


def items(array, item):
    """The items of a WCF array (`None` when absent or nil)."""
    if array is None:
        return []
    return list(getattr(array, item) or [])


def main():
    wsdl, endpoint, version, app_token, ticket = sys.argv[1:6]
    settings = zeep.Settings(strict=True)
    with warnings.catch_warnings():
        # Strict: a warning while loading the WSDL is a failure, not noise.
        warnings.simplefilter("error")
        client = zeep.Client(wsdl, settings=settings)
    service = client.create_service(binding_for(client, version), endpoint)
    headers = {"ApplicationToken": app_token, "Credentials": {"Ticket": ticket}}
    checked, failed = [], {}

    def call(operation, **params):
        result = getattr(service, operation)(_soapheaders=headers, **params)
        header = getattr(result, "header", None)
        if header is not None and getattr(header, "Succeeded", None) is not True:
            raise AssertionError("Succeeded header is %r" % getattr(header, "Succeeded", None))
        body = getattr(result, "body", result)
        return getattr(body, "Response", None) if body is not None else None

    def check(operation, test):
        try:
            test()
            checked.append(operation)
        except Fault as fault:
            failed[operation] = "fault: %s" % fault.message
        except Exception as error:  # noqa: BLE001 - every failure is reported, none hides another
            failed[operation] = "%s: %s" % (type(error).__name__, error)

    session = {}

    def create_session():
        key = call("CreateSession", RemoteIp="10.0.0.1")
        assert key.Key and key.LoginId is not None, key
        session.update(key=key.Key, login=key.LoginId)

    def session_is_valid():
        assert call("SessionIsValid", CsSessionKey=session["key"]) is True

    def remove_session():
        call("RemoveSession", LoginId=session["login"])
        assert call("SessionIsValid", CsSessionKey=session["key"]) is False

    def get_mailboxes():
        boxes = items(call("GetMailboxes"), "Mailbox")
        assert [b.Address for b in boxes] == ["support@example.com", "sales@example.com"], boxes

    created = {}

    def create_ticket_from_mail_data():
        info = call("CreateTicketFromMailData", MailboxId=1, Data=MAIL)
        assert (info.Title, info.CategoryName, info.PersonName) == ("Engine stalls", "Support", "Ada Lovelace"), info
        created["id"] = info.TicketId

    def add_message_from_mail_data():
        info = call("AddMessageFromMailData", TicketId=created["id"], Data="From: a@b\r\n\r\nStill stalls.")
        assert info.TicketId == created["id"], info

    def find_tickets_by_title_or_id():
        found = items(call("FindTicketsByTitleOrId", TitleOrId="Engine", MaxRows=10), "TicketInfo")
        assert [t.TicketId for t in found] == [created["id"]], found

    def chat_sessions():
        ids = [c.ChatSessionId for c in items(call("ChatSessionsForUser"), "ChatSession")]
        assert ids == [10, 11], ids
        assert call("HasChatNotify") is True
        call("DeleteChatSessions", Ids={"int": [10]})
        ids = [c.ChatSessionId for c in items(call("ChatSessionsForUser"), "ChatSession")]
        assert ids == [11], ids

    def check_symmetric_encryption():
        assert call("CheckSymmetricEncryption", EncryptedString=encrypt("hello")) == "hello"

    def sms_config():
        default = call("CreateDefaultSmsConfig")
        assert default.DefaultSmsCountry == "47", default
        default.DefaultSmsCountry = "46"
        saved = call("SaveSmsConfig", SmsConfig=default)
        assert saved.DefaultSmsCountry == "46", saved
        assert call("GetSmsConfig").DefaultSmsCountry == "46"

    def get_program_url():
        url = call("GetProgramUrl", ProgramName="ticket", External=True)
        assert url == "https://cs.example.com/ticket.fcgi", url

    def event_handler_exists():
        assert call("EventHandlerExists", EventHandlerType="SalesBeforeSaveAppointment") is True
        assert call("EventHandlerExists", EventHandlerType="SalesAfterSaveSale") is False

    def get_statistics():
        sets = items(call("GetStatistics", Functions={"StatusScreenPanelType": ["OpenRequestsPerCategory"]}), "StatisticsDataSet")
        assert [s.Label for s in sets] == ["OpenRequestsPerCategory"], sets
        values = {v.Label: v.Value for v in items(sets[0].Values, "StatisticsDataValue")}
        assert values == {"Sales": 1.0, "Support": 3.0}, values

    def update_feature_toggles():
        call("UpdateFeatureToggles", FeatureToggles={"CsFeatureToggle": [{"Name": "NewEditor", "State": True}]})

    for operation, test in [
        ("CreateSession", create_session),
        ("SessionIsValid", session_is_valid),
        ("RemoveSession", remove_session),
        ("GetMailboxes", get_mailboxes),
        ("CreateTicketFromMailData", create_ticket_from_mail_data),
        ("AddMessageFromMailData", add_message_from_mail_data),
        ("FindTicketsByTitleOrId", find_tickets_by_title_or_id),
        ("ChatSessionsForUser/HasChatNotify/DeleteChatSessions", chat_sessions),
        ("CheckSymmetricEncryption", check_symmetric_encryption),
        ("CreateDefaultSmsConfig/SaveSmsConfig/GetSmsConfig", sms_config),
        ("GetProgramUrl", get_program_url),
        ("EventHandlerExists", event_handler_exists),
        ("GetStatistics", get_statistics),
        ("UpdateFeatureToggles", update_feature_toggles),
    ]:
        check(operation, test)

    print(json.dumps({"checked": checked, "failed": failed}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
