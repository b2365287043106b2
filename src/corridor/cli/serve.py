"""`corridor serve`, `corridor migrate` and `corridor manage`."""

import argparse
import ipaddress
import os
import sys


def refusals(host: str, environ=os.environ) -> list[str]:
    """Why `corridor serve --host HOST` may not start: a public address is production."""
    from corridor.settings import production_refusals

    if host == "localhost":
        return []
    try:
        if ipaddress.ip_address(host).is_loopback:
            return []
    except ValueError:
        pass  # a host name other than localhost: taken as public
    return production_refusals(environ)


def cmd_migrate(args) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=args.verbosity)
    return 0


def cmd_serve(args) -> int:
    import waitress

    from corridor.search.sync import index_health
    from corridor.wsgi import application

    if reasons := refusals(args.host):
        print(f"corridor serve --host {args.host}: refused on a public address:", file=sys.stderr)
        for reason in reasons:
            print(f"- {reason}", file=sys.stderr)
        return 2
    health = index_health()
    if health.state != "ready":
        print(f"note: search index {health.state}: {health.detail}", flush=True)
    print(f"Corridor is serving http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads)
    return 0


def cmd_manage(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["corridor manage", *args.rest])
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser("serve", help="serve the web pages and the API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--threads", type=int, default=8)
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("migrate", help="create or update the database tables")
    s.add_argument("--verbosity", type=int, default=1)
    s.set_defaults(func=cmd_migrate)

    s = sub.add_parser("manage", help="any Django management command (createsuperuser, shell...)")
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)
