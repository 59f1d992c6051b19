"""Checks a WSDL the project serves, with third-party tools only. Prints one JSON document.

Usage:
  wsdl_tool.py validate WSDL_URL
      every xs:schema against the XML Schema meta-schema, all of them built together, the
      document against the WSDL 1.1 schema xmlschema ships (and its WSDL 1.1 checks), and a
      strict zeep load with every warning an error.
  wsdl_tool.py call WSDL_URL (11|12) APP_TOKEN TICKET
      zeep, from that WSDL alone, calls every operation the mock models, with the request
      headers, and reports what came back.
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
XS = "http://www.w3.org/2001/XMLSchema"
TIMEOUT = 20


def fetch(source):
    if source.startswith("http://") or source.startswith("https://"):
        with urllib.request.urlopen(source, timeout=TIMEOUT) as response:
            return response.read()
    with open(source, "rb") as f:
        return f.read()


def validate(url):
    import os

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
    # The WSDL 1.1 schema and its SOAP 1.1 binding schema, as xmlschema ships them (no package
    # ships the SOAP 1.2 binding's: `soap12:` elements are checked by zeep only).
    shipped = os.path.join(os.path.dirname(xmlschema.__file__), "schemas", "WSDL")
    wsdl_schema = xmlschema.XMLSchema10(os.path.join(shipped, "wsdl.xsd"), build=False)
    wsdl_schema.add_schema(os.path.join(shipped, "wsdl-soap.xsd"), build=False)
    wsdl_schema.build()
    wsdl_schema.validate(raw.decode())

    import zeep
    from zeep import Settings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client = zeep.Client(url, settings=Settings(strict=True))
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


def call(url, version, app_token, ticket):
    import zeep
    from zeep import Settings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client = zeep.Client(url, settings=Settings(strict=True))
    binding = "BasicHttpBinding_CustomerService" if version == "11" else "Soap12Binding_CustomerService"
    service = client.bind("CustomerServiceService", binding)
    headers = {"ApplicationToken": app_token, "Credentials": {"Ticket": ticket}}
    out = {}

    def succeeded(result):
        return result.header.Succeeded if result.header is not None else None

    r = service.CreateSession(RemoteIp="10.0.0.1", _soapheaders=headers)
    key = r.body.Response
    out["CreateSession"] = {"key": key.Key, "login_id": key.LoginId, "succeeded": succeeded(r)}
    r = service.SessionIsValid(CsSessionKey=key.Key, _soapheaders=headers)
    out["SessionIsValid"] = r.body.Response
    r = service.RemoveSession(LoginId=key.LoginId, _soapheaders=headers)
    out["RemoveSession"] = succeeded(r)
    r = service.SessionIsValid(CsSessionKey=key.Key, _soapheaders=headers)
    out["SessionIsValidAfterRemove"] = r.body.Response
    r = service.DeleteChatSessions(Ids={"int": [1, 2]}, _soapheaders=headers)
    out["DeleteChatSessions"] = succeeded(r)
    r = service.FindTicketsByTitleOrId(TitleOrId="log", MaxRows=5, _soapheaders=headers)
    out["FindTicketsByTitleOrId"] = [[t.TicketId, t.Title] for t in r.body.Response.TicketInfo]
    r = service.GetSmsConfig(_soapheaders=headers)
    out["GetSmsConfig"] = succeeded(r)
    r = service.GetStatistics(
        Functions={"StatusScreenPanelType": ["Hotlist", "OwnOpenRequests"]}, _soapheaders=headers
    )
    out["GetStatistics"] = [s.Label for s in r.body.Response.StatisticsDataSet]
    r = service.UpdateFeatureToggles(
        FeatureToggles={"CsFeatureToggle": [{"Name": "chat", "State": True}]}, _soapheaders=headers
    )
    out["UpdateFeatureToggles"] = succeeded(r)
    return out


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
            msg = messages[port_op.find("{%s}%s" % (WSDL, direction)).get("message").rpartition(":")[2]]
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


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "validate":
        result = validate(*args)
    elif command == "call":
        result = call(*args)
    elif command == "canonical":
        result = canonical(*args)
    else:
        raise SystemExit("unknown command %r" % command)
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
