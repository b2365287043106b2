"""The `corridor` command: serve, migrate, import data, benchmark, administer. Each module
of this package adds its commands to the parser."""

import argparse
import os
import sys
from pathlib import Path

from corridor.cli import (
    backup,
    bench,
    community,
    embed,
    imports,
    index,
    matchmaking,
    networks,
    organisations,
    plans,
    serve,
)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    import django
    from django.conf import settings

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Static files are served from the apps' folders; WhiteNoise warns if this one is absent.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    django.setup()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="corridor",
        description="Corridor: interregional cooperation knowledge, self-hosted.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (
        serve,
        imports,
        index,
        embed,
        bench,
        organisations,
        plans,
        community,
        matchmaking,
        networks,
    ):
        module.add_parsers(sub)
    backup.add_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured

    args = parser().parse_args(argv)
    try:
        _django()
    except ImproperlyConfigured as refusal:  # e.g. production mode without a secret key
        print(f"corridor: {refusal}", file=sys.stderr)
        return 2
    return args.func(args)
