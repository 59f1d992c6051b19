"""Checks a WSDL the project serves, with third-party tools only. Prints one JSON document.

Usage:
  wsdl_tool.py validate WSDL_URL
      every xs:schema against the XML Schema meta-schema, all of them built together, the
      document against the WSDL 1.1 schema and the SOAP 1.1 and 1.2 binding schemas (see
      binding_schemas), and a strict zeep load with every warning an error.
  wsdl_tool.py binding-errors WSDL_URL_OR_PATH
      what the WSDL 1.1 schema and the SOAP 1.1 and 1.2 binding schemas say about the document:
      {"errors": [...]}, empty when it is valid.
  wsdl_tool.py call WSDL ENDPOINT (11|12) APP_TOKEN TICKET
      zeep, from that WSDL alone (ours from ?wsdl, or the vendor's), calls all 18 operations
      on a fresh mock at ENDPOINT, with the request headers, and checks each answer against the
      mock's starting state (examples/src/helpdesk.rs): {"checked": [...], "failed": {...}}.
  wsdl_tool.py fault WSDL ENDPOINT (11|12)
      zeep, from that WSDL alone, calls the declared-fault service of
      tests/tests/declared_faults.rs (`Lock` of a locked session) and reads the fault's detail
      as the element the WSDL declares for it: {"code", "detail", "login_id", "reason"}.
  wsdl_tool.py accounts WSDL ENDPOINT (11|12)
      zeep, from that WSDL alone, calls the one-way Audit and reads Withdraw's two declared
      faults (tests/tests/declared_faults.rs): {"audit": null, "details": [tag, tag]}.
  wsdl_tool.py quotes WSDL ENDPOINT (11|12)
      zeep, from that WSDL alone, calls the generated Quotes contract's bare operations
      (tests/tests/bare.rs): GetQuote (a body of a named type), Subscribe (an anonymous body
      with an attribute) and Lookup (a response element of a named type); prints what each
      returned.
  wsdl_tool.py canonical WSDL_URL_OR_PATH
      the WSDL reduced to comparable facts: operations, soapActions, wrapper elements and
      their members (name, type, minOccurs, maxOccurs, nillable, in order), the named types
      they reach, and header parts.
"""
import json
import sys
import urllib.request
import warnings

from lxml import etree

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"
WSAW = "http://www.w3.org/2006/05/addressing/wsdl"
XS = "http://www.w3.org/2001/XMLSchema"
TIMEOUT = 20
NS = "http://www.superoffice.net/ws/crm/NetServer/Services86"
# The mock's stand-in for NetServer's shared-secret encryption (examples/src/helpdesk.rs).
SYMMETRIC_KEY = b"netserver-mock"
MAIL = "From: Ada Lovelace <ada@example.com>\r\nSubject: Engine stalls\r\n\r\nIt stalls at step 3."




def fetch(source):
    if source.startswith("http://") or source.startswith("https://"):
        with urllib.request.urlopen(source, timeout=TIMEOUT) as response:
            return response.read()
    with open(source, "rb") as f:
        return f.read()


def offline_transport():
    """A zeep transport that serves the XML namespace's schema (what `xml:lang` refers to, and
    zeep fetches from www.w3.org) from xmlschema's bundled copy: tests reach loopback only."""
    import os

    import xmlschema
    from zeep.transports import Transport

    bundled = os.path.join(os.path.dirname(xmlschema.__file__), "schemas", "XML", "xml.xsd")

    class Offline(Transport):
        def load(self, url):
            if url in ("http://www.w3.org/2001/xml.xsd", "https://www.w3.org/2001/xml.xsd"):
                with open(bundled, "rb") as f:
                    return f.read()
            return super().load(url)

    return Offline()


def validate(url):
    import xmlschema

    raw = fetch(url)
    root = etree.fromstring(raw)
    schemas = root.findall(".//{%s}types/{%s}schema" % (WSDL, XS))
    meta = xmlschema.XMLSchema10.meta_schema
    if not meta.built:
        meta.build()
    for schema in schemas:
        meta.validate(schema)
    # Built together, so that imports between them resolve.
    sources = [etree.tostring(s).decode() for s in schemas]
    built = xmlschema.XMLSchema10(sources[0], build=False)
    for source in sources[1:]:
        built.add_schema(source, build=False)
    built.build()
    binding_schemas().validate(raw.decode())

    import zeep
    from zeep import Settings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client = zeep.Client(url, settings=Settings(strict=True), transport=offline_transport())
    operations = sorted(
        op for binding in client.wsdl.bindings.values() for op in binding._operations
    )
    return {
        "schemas": len(schemas),
        "types": len(built.types),
        "elements": len(built.elements),
        "bindings": len(client.wsdl.bindings),
        "operations": len(operations),
        "bytes": len(raw),
    }


def binding_schemas():
    """The WSDL 1.1 schema with both SOAP binding schemas.

    xmlschema ships the WSDL 1.1 schema and its SOAP 1.1 binding schema. No package ships the
    SOAP 1.2 binding's (W3C Submission "WSDL 1.1 Binding Extension for SOAP 1.2", 2006): its
    schema declares the same elements and attributes as the SOAP 1.1 one, in the `soap12`
    namespace, and adds `soapActionRequired` to `operation`. It is built here from the shipped
    SOAP 1.1 schema that way, so `soap12:` elements are validated too, not skipped as unknown
    extensions.
    """
    import os

    import xmlschema

    shipped = os.path.join(os.path.dirname(xmlschema.__file__), "schemas", "WSDL")
    with open(os.path.join(shipped, "wsdl-soap.xsd"), encoding="utf-8") as f:
        soap11 = f.read()
    soap12 = soap11.replace('"%s"' % SOAP11, '"%s"' % SOAP12)
    marker = '<xs:attribute name="soapAction" type="xs:anyURI" use="optional" />'
    if soap12.count(marker) != 1 or soap12.count('"%s"' % SOAP12) < 2:
        raise SystemExit("xmlschema's wsdl-soap.xsd changed: cannot derive the SOAP 1.2 binding schema")
    soap12 = soap12.replace(
        marker, marker + '<xs:attribute name="soapActionRequired" type="xs:boolean" use="optional" />'
    )
    schema = xmlschema.XMLSchema10(os.path.join(shipped, "wsdl.xsd"), build=False)
    schema.add_schema(os.path.join(shipped, "wsdl-soap.xsd"), build=False)
    schema.add_schema(soap12, build=False)
    schema.build()
    return schema


def binding_errors(source):
    """What the WSDL 1.1 and SOAP binding schemas say about the document, as text."""
    raw = fetch(source)
    errors = binding_schemas().iter_errors(raw.decode())
    return {"errors": ["%s: %s" % (e.path, e.reason) for e in errors]}


def encrypt(plain):
    data = plain.encode("utf-8")
    return "".join("%02x" % (b ^ SYMMETRIC_KEY[i % len(SYMMETRIC_KEY)]) for i, b in enumerate(data))


def binding_for(client, version):
    """The binding of the SOAP version asked for, whatever the WSDL names it."""
    from zeep.wsdl.bindings.soap import Soap11Binding, Soap12Binding

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


def call(wsdl, endpoint, version, app_token, ticket):
    import zeep
    from zeep.exceptions import Fault

    settings = zeep.Settings(strict=True)
    with warnings.catch_warnings():
        # Strict: a warning while loading the WSDL is a failure, not noise.
        warnings.simplefilter("error")
        client = zeep.Client(wsdl, settings=settings)
    service = client.create_service(binding_for(client, version), endpoint)
    headers = {"ApplicationToken": app_token, "Credentials": {"Ticket": ticket}}
    checked, failed = [], {}

    def invoke(operation, **params):
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
        key = invoke("CreateSession", RemoteIp="10.0.0.1")
        assert key.Key and key.LoginId is not None, key
        session.update(key=key.Key, login=key.LoginId)

    def session_is_valid():
        assert invoke("SessionIsValid", CsSessionKey=session["key"]) is True

    def remove_session():
        invoke("RemoveSession", LoginId=session["login"])
        assert invoke("SessionIsValid", CsSessionKey=session["key"]) is False

    def get_mailboxes():
        boxes = items(invoke("GetMailboxes"), "Mailbox")
        assert [b.Address for b in boxes] == ["support@example.com", "sales@example.com"], boxes

    created = {}

    def create_ticket_from_mail_data():
        info = invoke("CreateTicketFromMailData", MailboxId=1, Data=MAIL)
        assert (info.Title, info.CategoryName, info.PersonName) == ("Engine stalls", "Support", "Ada Lovelace"), info
        created["id"] = info.TicketId

    def add_message_from_mail_data():
        info = invoke("AddMessageFromMailData", TicketId=created["id"], Data="From: a@b\r\n\r\nStill stalls.")
        assert info.TicketId == created["id"], info

    def find_tickets_by_title_or_id():
        found = items(invoke("FindTicketsByTitleOrId", TitleOrId="Engine", MaxRows=10), "TicketInfo")
        assert [t.TicketId for t in found] == [created["id"]], found

    def chat_sessions():
        ids = [c.ChatSessionId for c in items(invoke("ChatSessionsForUser"), "ChatSession")]
        assert ids == [10, 11], ids
        assert invoke("HasChatNotify") is True
        invoke("DeleteChatSessions", Ids={"int": [10]})
        ids = [c.ChatSessionId for c in items(invoke("ChatSessionsForUser"), "ChatSession")]
        assert ids == [11], ids

    def check_symmetric_encryption():
        assert invoke("CheckSymmetricEncryption", EncryptedString=encrypt("hello")) == "hello"

    def sms_config():
        default = invoke("CreateDefaultSmsConfig")
        assert default.DefaultSmsCountry == "47", default
        default.DefaultSmsCountry = "46"
        saved = invoke("SaveSmsConfig", SmsConfig=default)
        assert saved.DefaultSmsCountry == "46", saved
        assert invoke("GetSmsConfig").DefaultSmsCountry == "46"

    def get_program_url():
        url = invoke("GetProgramUrl", ProgramName="ticket", External=True)
        assert url == "https://cs.example.com/ticket.fcgi", url

    def refused():
        """An unknown program: NetServer's in-band error, HTTP 200 with Succeeded=false and the
        exception in the ExceptionInfo response header."""
        result = getattr(service, "GetProgramUrl")(
            _soapheaders=headers, ProgramName="solitaire", External=True
        )
        assert result.header.Succeeded is False, result.header
        message = result.header.ExceptionInfo.Message
        assert message.startswith('ProgramName "solitaire" is not a program'), message

    def event_handler_exists():
        assert invoke("EventHandlerExists", EventHandlerType="SalesBeforeSaveAppointment") is True
        assert invoke("EventHandlerExists", EventHandlerType="SalesAfterSaveSale") is False

    def get_statistics():
        sets = items(invoke("GetStatistics", Functions={"StatusScreenPanelType": ["OpenRequestsPerCategory"]}), "StatisticsDataSet")
        assert [s.Label for s in sets] == ["OpenRequestsPerCategory"], sets
        values = {v.Label: v.Value for v in items(sets[0].Values, "StatisticsDataValue")}
        assert values == {"Sales": 1.0, "Support": 3.0}, values

    def update_feature_toggles():
        invoke("UpdateFeatureToggles", FeatureToggles={"CsFeatureToggle": [{"Name": "NewEditor", "State": True}]})

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
        ("GetProgramUrl/refused", refused),
        ("EventHandlerExists", event_handler_exists),
        ("GetStatistics", get_statistics),
        ("UpdateFeatureToggles", update_feature_toggles),
    ]:
        check(operation, test)

    return {"checked": checked, "failed": failed}



def canonical(source):
    root = etree.fromstring(fetch(source))
    tns = root.get("targetNamespace")
    schemas = root.findall(".//{%s}types/{%s}schema" % (WSDL, XS))
    elements, types = {}, {}
    for schema in schemas:
        target = schema.get("targetNamespace")
        for child in schema:
            if child.tag == "{%s}element" % XS:
                elements["{%s}%s" % (target, child.get("name"))] = (target, child)
            elif child.tag in ("{%s}complexType" % XS, "{%s}simpleType" % XS):
                types["{%s}%s" % (target, child.get("name"))] = (target, child)

    def resolve(node, qname):
        prefix, _, local = qname.rpartition(":")
        return "{%s}%s" % (node.nsmap.get(prefix or None, ""), local)

    facts = set()
    reached = []

    def members(owner, target, complex_type):
        extension = complex_type.find("{%s}complexContent/{%s}extension" % (XS, XS))
        if extension is not None:
            base = resolve(extension, extension.get("base"))
            facts.add("%s base %s" % (owner, base))
            reached.append(base)
        sequence = complex_type.find(".//{%s}sequence" % XS)
        if complex_type.find("{%s}annotation/{%s}appinfo" % (XS, XS)) is not None:
            facts.add("%s dictionary" % owner)
        for i, el in enumerate(sequence if sequence is not None else []):
            name = el.get("name")
            if el.get("type"):
                ty = resolve(el, el.get("type"))
                reached.append(ty)
            else:
                ty = "anonymous"
                inner = el.find("{%s}complexType" % XS)
                members("%s/%s" % (owner, name), target, inner)
            facts.add(
                "%s member %d %s type=%s min=%s max=%s nillable=%s"
                % (owner, i, name, ty, el.get("minOccurs", "1"), el.get("maxOccurs", "1"),
                   el.get("nillable", "false"))
            )

    def element(qname):
        target, el = elements[qname]
        if el.get("type"):
            ty = resolve(el, el.get("type"))
            reached.append(ty)
            facts.add("element %s type=%s nillable=%s" % (qname, ty, el.get("nillable", "false")))
        else:
            members("element %s" % qname, target, el.find("{%s}complexType" % XS))

    messages = {m.get("name"): m for m in root.findall("{%s}message" % WSDL)}
    bindings = root.findall("{%s}binding" % WSDL)
    kinds = sorted(
        "soap11" if b.find("{%s}binding" % SOAP11) is not None else "soap12" for b in bindings
    )
    facts.add("bindings %s" % ",".join(kinds))
    soap11 = [b for b in bindings if b.find("{%s}binding" % SOAP11) is not None][0]
    for op in soap11.findall("{%s}operation" % WSDL):
        name = op.get("name")
        facts.add("operation %s" % name)
        action = op.find("{%s}operation" % SOAP11).get("soapAction")
        facts.add("operation %s soapAction=%s" % (name, action))
        for direction in ("input", "output"):
            io = op.find("{%s}%s" % (WSDL, direction))
            for header in io.findall("{%s}header" % SOAP11):
                msg = messages[header.get("message").rpartition(":")[2]]
                part = [p for p in msg if p.get("name") == header.get("part")][0]
                qname = resolve(part, part.get("element"))
                facts.add("operation %s %s header %s element=%s" % (name, direction, header.get("part"), qname))
                element(qname)
        port_op = root.find("{%s}portType/{%s}operation[@name='%s']" % (WSDL, WSDL, name))
        for direction in ("input", "output"):
            io = port_op.find("{%s}%s" % (WSDL, direction))
            facts.add("operation %s %s wsaw:Action=%s" % (name, direction, io.get("{%s}Action" % WSAW)))
            msg = messages[io.get("message").rpartition(":")[2]]
            for part in msg:
                qname = resolve(part, part.get("element"))
                facts.add("operation %s %s part %s element=%s" % (name, direction, part.get("name"), qname))
                element(qname)
    seen = set()
    while reached:
        qname = reached.pop()
        if qname in seen or qname not in types:
            continue
        seen.add(qname)
        target, t = types[qname]
        if t.tag == "{%s}simpleType" % XS:
            values = [e.get("value") for e in t.iter("{%s}enumeration" % XS)]
            flags = t.find("{%s}list" % XS) is not None
            facts.add("type %s enumeration%s %s" % (qname, " flags" if flags else "", " ".join(values)))
        else:
            members("type %s" % qname, target, t)
    return {"target_namespace": tns, "facts": sorted(facts)}


def fault(wsdl, endpoint, version):
    import zeep
    from zeep.exceptions import Fault

    settings = zeep.Settings(strict=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client = zeep.Client(wsdl, settings=settings)
    service = client.create_service(binding_for(client, version), endpoint)
    try:
        service.Lock(LoginId=0)
    except Fault as error:
        [detail] = list(error.detail)
        # Typed: the detail read as the element the WSDL's wsdl:fault message names.
        value = client.get_element(detail.tag).parse(detail, client.wsdl.types)
        return {
            "code": error.code,
            "detail": detail.tag,
            "login_id": value.LoginId,
            "reason": value.Reason,
        }
    raise SystemExit("Lock(0) did not fail")


def accounts(wsdl, endpoint, version):
    """zeep, from the served WSDL of the generated Accounts contract, calls the one-way `Audit`
    (nothing to wait for but the HTTP answer) and reads `Withdraw`'s two declared faults."""
    import zeep
    from zeep.exceptions import Fault

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client = zeep.Client(wsdl, settings=zeep.Settings(strict=True))
    service = client.create_service(binding_for(client, version), endpoint)
    audit = service.Audit(Account="main", Note="zeep %s" % version)
    details = []
    for account, amount in (("main", 500), ("frozen", 1)):
        try:
            service.Withdraw(Account=account, Amount=amount)
        except Fault as error:
            [detail] = list(error.detail)
            details.append(detail.tag)
    return {"audit": audit, "details": details}


def quotes(wsdl, endpoint, version):
    """zeep, from the served WSDL of the generated Quotes contract, calls its three operations,
    whose bodies are not wrappers, and reports what came back."""
    import zeep

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client = zeep.Client(wsdl, settings=zeep.Settings(strict=True))
    service = client.create_service(binding_for(client, version), endpoint)

    def quote(value):
        return {"Symbol": value.Symbol, "Price": value.Price, "delayed": value.delayed}

    return {
        "GetQuote": quote(service.GetQuote(Symbol="ZEEP", Exchange="OSL")),
        "Subscribe": service.Subscribe(Symbol="ZEEP", mode="push %s" % version),
        "Lookup": quote(service.Lookup(Symbol="ZEEP")),
    }


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "validate":
        result = validate(*args)
    elif command == "call":
        result = call(*args)
    elif command == "canonical":
        result = canonical(*args)
    elif command == "fault":
        result = fault(*args)
    elif command == "accounts":
        result = accounts(*args)
    elif command == "quotes":
        result = quotes(*args)
    elif command == "binding-errors":
        result = binding_errors(*args)
    else:
        raise SystemExit("unknown command %r" % command)
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
