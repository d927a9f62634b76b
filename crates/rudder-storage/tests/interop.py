#!/usr/bin/env python3
"""Real Helm 4 (PyPI helm-python-sdk) on one side of the storage interop test (interop.rs).

    interop.py install NAME CHART VALUES_JSON LABELS_JSON   install, print the release summary
    interop.py upgrade NAME CHART VALUES_JSON               upgrade, print the release summary
    interop.py read NAME                                    print history, status and values
    interop.py uninstall NAME                               uninstall, print the summary
    interop.py list -                                       list every release

Environment: KUBECONFIG (its first path is used), RUDDER_INTEROP_NAMESPACE,
RUDDER_INTEROP_DRIVER (secret, configmap or sql) and, for sql, Helm's own
HELM_DRIVER_SQL_CONNECTION_STRING. Output is one JSON document on stdout.
"""
import json
import os
import sys

import helm_python


def config():
    kubeconfig = os.environ["KUBECONFIG"].split(os.pathsep)[0]
    return helm_python.Config(
        kubeconfig_path=kubeconfig,
        namespace=os.environ["RUDDER_INTEROP_NAMESPACE"],
        storage_driver=os.environ["RUDDER_INTEROP_DRIVER"],
    )


def main(args):
    c = config()
    command, name = args[0], args[1]
    if command == "install":
        out = c.install(args[2], name, json.loads(args[3]), labels=json.loads(args[4]))
    elif command == "upgrade":
        out = c.upgrade(args[2], name, json.loads(args[3]))
    elif command == "read":
        out = {
            "history": c.history(name),
            "status": c.status(name),
            "values": c.get_values(name),
            "list": c.list(all_states=True),
        }
    elif command == "list":
        out = c.list(all_states=True)
    elif command == "uninstall":
        out = c.uninstall(name)
    else:
        raise SystemExit(f"unknown command {command}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
