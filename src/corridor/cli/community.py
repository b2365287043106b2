"""`corridor people`, `corridor ideas` and `corridor community`: people's profiles and
project ideas as everyone may read them on the site, and the demo's sample data."""

import sys

from corridor.cli.common import api_json, table

FORMAT_HELP = "json: what the API answers for the same thing"


def cmd_people(args) -> int:
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from corridor.community import queries, schemas
    from corridor.lib.schemas import Profiled

    reader = AnonymousUser()  # the CLI reads what everyone may read: public profiles
    if args.action == "list":
        filters = queries.PersonFilters(
            q=args.q or "",
            interested_in=args.interested_in or [],
            representing=args.representing or [],
            countries=[c.upper() for c in args.country or []],
        )
        people = list(queries.search_people(reader, filters))
        if args.format == "json":  # the items of GET /api/v1/people, all of them
            print(api_json(list[schemas.PersonItem], people))
            return 0
        rows = [
            [p.slug, p.name + (" (sample)" if p.sample else ""), p.works_for, p.representing,
             ", ".join(p.interest_labels())]
            for p in people
        ]  # fmt: skip
        print("\n".join(table(["SLUG", "NAME", "ORGANISATION", "REPRESENTING", "INTERESTED IN"],
                              rows)))  # fmt: skip
        print(f"{len(rows)} public profile{'' if len(rows) == 1 else 's'}")
        return 0
    try:
        page = queries.person_page(reader, args.slug)
    except Http404 as e:
        print(f"error: {e} (the command shows public profiles only)", file=sys.stderr)
        return 1
    if args.format == "json":
        print(api_json(schemas.PersonDetail, Profiled(page, page.profile)))
        return 0
    profile = page.profile
    lines = [profile.name]
    if profile.sample:
        lines.append("Sample profile: invented for the demo.")
    for label, value in [
        ("Organisation", profile.works_for),
        ("Position", profile.position),
        ("Representing", profile.representing),
        ("Interested in", ", ".join(page.interests)),
        ("Themes", ", ".join(t.name for t in page.themes)),
        ("Countries of interest", ", ".join(page.country_names)),
        ("Regions of interest", ", ".join(f"{r.display_name} ({r.code})" for r in page.regions)),
        ("Languages", ", ".join(profile.languages)),
    ]:
        if value:
            lines.append(f"{label}: {value}")
    if profile.bio:
        lines += ["", profile.bio]
    print("\n".join(lines))
    return 0


def cmd_ideas(args) -> int:
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from corridor.community import queries, schemas
    from corridor.community.roles import display_name
    from corridor.lib.money import format_eur
    from corridor.lib.schemas import Profiled

    reader = AnonymousUser()
    if args.action == "list":
        filters = queries.IdeaFilters(
            q=args.q or "",
            programmes=args.programme or [],
            themes=args.theme or [],
            countries=[c.upper() for c in args.country or []],
            partner_types=args.partner_type or [],
            status=args.status or "",
        )
        ideas = list(queries.search_ideas(filters))
        if args.format == "json":  # the items of GET /api/v1/ideas, all of them
            print(api_json(list[schemas.IdeaItem], ideas))
            return 0
        rows = [
            [i.slug, i.title + (" (sample)" if i.sample else ""), i.status,
             str(i.programme or ""), display_name(i.author)]
            for i in ideas
        ]  # fmt: skip
        print("\n".join(table(["SLUG", "TITLE", "STATUS", "PROGRAMME", "AUTHOR"], rows)))
        print(f"{len(rows)} project idea{'' if len(rows) == 1 else 's'}")
        return 0
    try:
        page = queries.idea_page(reader, args.slug)
    except Http404 as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(api_json(schemas.IdeaDetail, Profiled(page, page.idea)))
        return 0
    idea = page.idea
    budget = " – ".join(format_eur(b) for b in (idea.budget_min, idea.budget_max) if b is not None)
    lines = [idea.title]
    if idea.sample:
        lines.append("Sample idea: invented for the demo.")
    for label, value in [
        ("Status", idea.get_status_display()),
        ("Author", page.author_name),
        ("Programme", str(idea.programme or "")),
        ("Call", idea.call),
        ("Themes", ", ".join(t.name for t in page.themes)),
        ("Partner types sought", ", ".join(idea.partner_types)),
        ("Countries sought", ", ".join(page.country_names)),
        ("Regions sought", ", ".join(f"{r.display_name} ({r.code})" for r in page.regions)),
        ("Budget", budget),
        ("Deadline", idea.deadline.isoformat() if idea.deadline else ""),
    ]:
        if value:
            lines.append(f"{label}: {value}")
    lines += ["", idea.summary]
    print("\n".join(lines))
    return 0


def cmd_community(args) -> int:
    from corridor.community.imports import remove_samples

    counts = remove_samples()
    print("Removed the demo's samples: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    print("`corridor load-demo` (or `corridor import community`) creates them again.")
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser(
        "people", help="people's public profiles",
        description="People's profiles as everyone may read them: public profiles only.",
    )  # fmt: skip
    psub = s.add_subparsers(dest="action", required=True)
    pl = psub.add_parser("list", help="a table of the public profiles")
    pl.add_argument("--q", metavar="WORDS", help="part of the name, organisation or bio")
    pl.add_argument("--interested-in", action="append", metavar="INTEREST",
                    choices=["leading", "joining", "sharing_idea", "networking"])  # fmt: skip
    pl.add_argument("--representing", action="append", metavar="TYPE", help='e.g. "SME"')
    pl.add_argument("--country", action="append", metavar="CC", help="e.g. SE; repeatable")
    pl.add_argument("--format", choices=["text", "json"], default="text",
                    help="json: the items of GET /api/v1/people, all of them")  # fmt: skip
    ps = psub.add_parser("show", help="one public profile")
    ps.add_argument("slug")
    ps.add_argument("--format", choices=["text", "json"], default="text", help=FORMAT_HELP)
    s.set_defaults(func=cmd_people)

    s = sub.add_parser(
        "ideas", help="project ideas: partner searches",
        description="Project ideas; open ones unless --status says otherwise.",
    )  # fmt: skip
    isub = s.add_subparsers(dest="action", required=True)
    il = isub.add_parser("list", help="a table of the project ideas")
    il.add_argument("--q", metavar="WORDS")
    il.add_argument("--programme", action="append", metavar="SLUG")
    il.add_argument("--theme", action="append", metavar="SLUG")
    il.add_argument("--country", action="append", metavar="CC", help="a country sought")
    il.add_argument("--partner-type", action="append", metavar="TYPE")
    il.add_argument("--status", choices=["open", "closed", "all"], default="")
    il.add_argument("--format", choices=["text", "json"], default="text",
                    help="json: the items of GET /api/v1/ideas, all of them")  # fmt: skip
    ish = isub.add_parser("show", help="one project idea")
    ish.add_argument("slug")
    ish.add_argument("--format", choices=["text", "json"], default="text", help=FORMAT_HELP)
    s.set_defaults(func=cmd_ideas)

    s = sub.add_parser("community", help="the demo's sample people and ideas")
    csub = s.add_subparsers(dest="action", required=True)
    csub.add_parser("remove-samples", help="delete the sample profiles, ideas and accounts")
    s.set_defaults(func=cmd_community)
