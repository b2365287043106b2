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
    from django.core.management import call_command

    from corridor.search.embed import (
        follow_in_background,
        serving_computes_vectors,
        vector_health,
    )
    from corridor.search.sync import index_health

    if reasons := refusals(args.host):
        print(f"corridor serve --host {args.host}: refused on a public address:", file=sys.stderr)
        for reason in reasons:
            print(f"- {reason}", file=sys.stderr)
        return 2
    # The rate limits' table (settings.CACHES), on a site upgraded without `corridor migrate`.
    call_command("createcachetable", verbosity=0)
    health = index_health()
    if health.state != "ready":
        print(f"note: search index {health.state}: {health.detail}", flush=True)
    vectors = vector_health(count_behind=True)
    if vectors.state in ("missing", "building") or vectors.behind:
        # Computed on a thread while serving (a worker process does it on its first
        # search): Explore searches by words until they are complete.
        print(f"note: vectors for search by meaning: {vectors.detail}; computing them in "
              "the background", flush=True)  # fmt: skip
    serving_computes_vectors()  # workers forked from here inherit it
    if args.workers:
        return _serve_workers(args)
    follow_in_background()
    import waitress

    from corridor.wsgi import application

    print(f"Corridor is serving http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads or 8)
    return 0


def _serve_workers(args) -> int:
    """gunicorn: a master process that starts `--workers` worker processes, each serving
    requests on `--threads` threads, and starts a new one when one dies."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from corridor.search.backends import forget_backends
    from corridor.search.embed import forget_stores

    # Nothing opened here may be shared by the workers it forks: an index handle would lose
    # the thread that reloads it when another process writes, and a database connection
    # (the vectors' SQLite table too) must be each process's own.
    forget_backends()
    forget_stores(close=True)
    connections.close_all()

    options = {
        "bind": f"{args.host}:{args.port}",
        "workers": args.workers,
        "threads": args.threads or 4,
        "worker_class": "gthread",
        "timeout": 120,  # a worker silent this long (not a long download) is restarted
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": args.max_requests,
        "max_requests_jitter": args.max_requests // 10,
        "accesslog": "-" if args.access_log else None,
        "errorlog": "-",
        "proc_name": "corridor",
    }

    class Corridor(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)
            # gunicorn 24+ listens on a control socket in the home folder, one path for
            # every server of the user: off, as nothing here uses it.
            if "control_socket_disable" in self.cfg.settings:
                self.cfg.set("control_socket_disable", True)

        def load(self):
            from corridor.wsgi import application

            return application

    print(f"Corridor is serving http://{args.host}:{args.port}/ with {args.workers} worker "
          f"processes of {options['threads']} threads (Ctrl+C stops it)", flush=True)  # fmt: skip
    Corridor().run()
    return 0


def cmd_manage(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["corridor manage", *args.rest])
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser(
        "serve", help="serve the web pages and the API",
        description="One process with threads (waitress) by default; with --workers N, "
        "N worker processes under gunicorn, the production server.",
    )  # fmt: skip
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (gunicorn); 0: one process (waitress)",
    )
    s.add_argument(
        "--threads", type=int, metavar="N", help="threads per process (default: 8, or 4 per worker)"
    )
    s.add_argument(
        "--max-requests",
        type=int,
        default=0,
        metavar="N",
        help="with --workers: restart a worker after about N requests (0: never)",
    )
    s.add_argument("--access-log", action="store_true", help="with --workers: log requests")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("migrate", help="create or update the database tables")
    s.add_argument("--verbosity", type=int, default=1)
    s.set_defaults(func=cmd_migrate)

    s = sub.add_parser("manage", help="any Django management command (createsuperuser, shell...)")
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)
