"""Calls RemoveSession on a running server with zeep, the third-party SOAP client, and prints
the outcome as one JSON line: {"ok": true, "succeeded": ...} or {"fault": {"code": ..., "message": ...}}.

Usage: zeep_client.py WSDL ENDPOINT (11|12) APP_TOKEN TICKET LOGIN_ID
"""
import json
import sys

import zeep
from zeep.exceptions import Fault

NS = "http://www.superoffice.net/ws/crm/NetServer/Services86"


def main() -> int:
    wsdl, endpoint, version, app_token, ticket, login_id = sys.argv[1:7]
    binding = "BasicHttpBinding_CustomerService" if version == "11" else "Soap12Binding_CustomerService"
    client = zeep.Client(wsdl)
    service = client.create_service("{%s}%s" % (NS, binding), endpoint)
    headers = {"ApplicationToken": app_token, "Credentials": {"Ticket": ticket}}
    try:
        with client.settings(raw_response=False):
            result = service.RemoveSession(LoginId=int(login_id), _soapheaders=headers)
    except Fault as fault:
        code = fault.code
        print(json.dumps({"fault": {"code": str(code), "message": fault.message}}))
        return 0
    header = getattr(result, "header", None)
    succeeded = getattr(header, "Succeeded", None) if header is not None else None
    print(json.dumps({"ok": True, "succeeded": succeeded}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
