"""`corridor network`: the collaboration networks of a project, organisation, region or
programme, as their pages list them."""

import sys

from corridor.cli.common import api_json, table

FINDERS = {
    "project": "project_networks",
    "organisation": "organisation_networks",
    "region": "region_networks",
    "programme": "programme_networks",
}


def cmd_network(args) -> int:
    from django.http import Http404

    from corridor.projects import networks, schemas

    try:
        found = getattr(networks, FINDERS[args.kind])(args.key)
    except Http404 as e:
        print(f"error: no {args.kind} {args.key!r} ({e})", file=sys.stderr)
        return 1
    if args.format == "json":
        print(api_json(schemas.NetworkOut, found))
        return 0
    print(f"Collaboration networks of {found.subject}: {found.scope} ({found.project_count})")
    for net in (found.organisations, found.regions):
        print()
        print(f"{net.kind}s: the {len(net.rows)} most connected of {net.member_count}, "
              f"{net.link_count} pairs that shared a project")  # fmt: skip
        rows = [
            [f"{row.name}{' *' if row.focus else ''}", row.key, row.partners, row.shared,
             row.projects]
            for row in net.rows
        ]  # fmt: skip
        header = [net.kind.upper(), "ID", "PARTNERS", "SHARED", "PROJECTS"]
        print("\n".join(table(header, rows)))
    print()
    print("Shared: projects shared, counted once per partner. * the record itself.")
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser(
        "network", help="who worked with whom: a record's collaboration networks",
        description="The organisations and NUTS 2 regions that worked together in the projects "
        "of a project's partners, an organisation, a region (a partner there) or a programme, "
        "the most connected first, as the record's network page lists them.",
    )  # fmt: skip
    s.add_argument("kind", choices=list(FINDERS))
    s.add_argument("key", help="slug; for a region its NUTS code, e.g. SE33")
    s.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: what GET /api/v1/<kind>s/<key>/network answers")  # fmt: skip
    s.set_defaults(func=cmd_network)
