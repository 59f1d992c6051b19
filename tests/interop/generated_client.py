"""zeep, built from a vendor's WSDL alone, calls a server generated from that same WSDL by
soap-codegen (tests/tests/interop_generated.rs). Prints one JSON document of what came back.

Usage:
  generated_client.py so-principal WSDL ENDPOINT APP_TOKEN
      SoPrincipal, with its own request header (ApplicationToken only): authenticate with a
      good and a bad password, and read the system information.
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


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "so-principal":
        result = so_principal(*args)
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
