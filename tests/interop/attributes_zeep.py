"""zeep against a WSDL with XML attributes and simple content (tests/tests/attributes.rs).

Usage:
  attributes_zeep.py WSDL_PATH ORDER_XML
      zeep, from that WSDL alone (strict, every warning an error), builds an Order with
      attributes and simple-content members and writes it as the `Place` request would
      ("wrote": the <Order> element), and reads ORDER_XML (an <Order> our writer wrote) into
      its own objects ("read": the values it found). Prints one JSON document.
"""
import json
import sys
import warnings

from lxml import etree

NS = "urn:shop"


def main(wsdl, order_xml):
    import zeep
    from zeep import Settings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client = zeep.Client(wsdl, settings=Settings(strict=True))
    money = client.get_type("{%s}Money" % NS)
    order = client.get_type("{%s}Order" % NS)
    value = order(
        id=7,
        lastChangedBy="Zeep",
        status="paid",
        Title="Coffee",
        Price=money(_value_1=3.25, currency="USD"),
        Extra=[money(_value_1=1.5, currency="EUR", approx=False)],
    )
    envelope = client.create_message(client.service, "Place", Order=value)
    wrote = envelope.find(".//{%s}Order" % NS)

    read = order.parse_xmlelement(etree.fromstring(order_xml.encode("utf-8")))
    found = {
        "id": read.id,
        "lastChangedBy": read.lastChangedBy,
        "status": read.status,
        "Title": read.Title,
        "Price": [read.Price._value_1, read.Price.currency, read.Price.approx],
        "Extra": [[m._value_1, m.currency, m.approx] for m in read.Extra],
    }
    print(json.dumps({"wrote": etree.tostring(wrote).decode(), "read": found}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
