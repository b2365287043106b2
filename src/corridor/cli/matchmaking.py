"""`corridor suggest-partners IDEA_OR_PROJECT`: organisations that would fit an idea's or a
project's consortium, with their reasons. The command acts as a curator: it reads all."""

import sys

from corridor.cli.common import api_json


def _curator():
    from django.contrib.auth import get_user_model

    # Never saved: roles.is_curator asks only whether the user is signed in and staff.
    return get_user_model()(username="corridor-cli", is_staff=True)


def cmd_suggest_partners(args) -> int:
    from corridor.community import queries
    from corridor.community.models import ProjectIdea
    from corridor.community.schemas import PartnerSuggestions
    from corridor.projects.models import Project

    kind, _, slug = args.subject.rpartition(":")
    if kind not in ("", "idea", "project"):
        print(f"{args.subject}: say idea:SLUG or project:SLUG", file=sys.stderr)
        return 2
    if not kind:
        kind = "idea" if ProjectIdea.objects.filter(slug=slug).exists() else "project"
        if kind == "project" and not Project.objects.filter(slug=slug).exists():
            print(f"{slug}: no idea or project of that slug", file=sys.stderr)
            return 1
    read = (
        queries.idea_partner_suggestions if kind == "idea" else queries.project_partner_suggestions
    )
    result = read(_curator(), slug, args.limit)
    if args.format == "json":
        print(api_json(PartnerSuggestions, result))
        return 0
    print(f"Partner suggestions for the {result.kind} {result.title}")
    if result.programme:
        print(f"Programme: {result.programme}")
    partners = ", ".join(o.display_name for o in result.partners) or "none yet"
    print(f"Consortium: {partners}")
    for warning in result.warnings:
        print(f"! {warning.text} ({warning.source})")
    print()
    for suggestion in result.suggestions:
        organisation = suggestion.organisation
        where = ", ".join(filter(None, [suggestion.type, suggestion.country_code]))
        print(
            f"{suggestion.rank:>2}. {organisation.display_name} [{where}]  {suggestion.score:.2f}"
        )
        for reason in suggestion.reasons:
            print(f"      - {reason.text}")
        for person in suggestion.people:
            sample = " (sample profile)" if person.sample else ""
            position = f", {person.position}" if person.position else ""
            print(f"      person: {person.name}{position}{sample}")
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser(
        "suggest-partners",
        help="organisations that would fit an idea's or a project's consortium, with reasons",
    )
    s.add_argument("subject", metavar="IDEA_OR_PROJECT", help="a slug; idea:SLUG or project:SLUG")
    s.add_argument("--limit", type=int, default=10, help="how many organisations (1-50)")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.set_defaults(func=cmd_suggest_partners)
