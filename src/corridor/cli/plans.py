"""`corridor plans` and `corridor indicators`: the action plans and the indicator tables
as everyone may read them on the site."""

import sys

from corridor.cli.common import api_json, number, table

FORMAT_HELP = "json: what the API answers for the same thing"


def cmd_plans(args) -> int:
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from corridor.plans import queries, schemas

    reader = AnonymousUser()  # the CLI reads what everyone may read: approved plans
    if args.action == "list":
        # The names of the page's and the API's query string, read by the same parser.
        filters = queries.PlanFilters.from_query(
            {"project": args.project, "country": args.country, "status": args.status}
        )
        plans = queries.with_action_counts(queries.search_plans(reader, filters))
        if args.format == "json":  # the items of GET /api/v1/action-plans, all of them
            print(api_json(list[schemas.PlanItem], plans))
            return 0
        rows = [
            [plan.pk, plan.project.acronym, plan.country_code or "?", plan.partner.display_name,
             plan.get_status_display(), plan.action_count, plan.implemented_count]
            for plan in plans
        ]  # fmt: skip
        header = ["ID", "PROJECT", "COUNTRY", "PARTNER", "STATUS", "ACTIONS", "IMPLEMENTED"]
        print("\n".join(table(header, rows)))
        print(f"{len(rows)} action plan{'' if len(rows) == 1 else 's'}")
        return 0
    try:
        page = queries.plan_detail(reader, args.id)
    except Http404 as e:
        print(f"error: {e} (the command shows approved plans only)", file=sys.stderr)
        return 1
    if args.format == "json":
        print(api_json(schemas.PlanDetail, schemas.plan_record(page)))
        return 0
    print("\n".join(_plan_text(page)))
    return 0


def _plan_text(page) -> list[str]:
    from corridor.lib.dates import format_date, format_span
    from corridor.lib.money import format_eur
    from corridor.plans.queries import NO_REPORT, STATUS_LABELS

    plan = page.plan
    instrument = plan.policy_instrument
    co_authors = ", ".join(o.display_name for o in plan.co_authors.all())
    approved = f" on {format_date(plan.approved_on)}" if plan.approved_on else ""
    lines = [
        str(plan),
        f"Project: {plan.project.acronym}",
        f"Partner: {plan.partner.display_name}" + (f"; with {co_authors}" if co_authors else ""),
        f"Policy instrument: {instrument.name}"
        + (f" ({instrument.get_type_display()})" if instrument.type else ""),
        f"Territory: {instrument.territory or plan.country or '?'}"
        + (f", NUTS {plan.region.code}" if plan.region_id else ""),
        f"Status: {plan.get_status_display()}{approved}",
    ]
    if plan.summary_en:
        lines += ["", plan.summary_en]
    if plan.note:
        lines += ["", f"Note: {plan.note}"]
    lines += ["", "ACTIONS"]
    for action in page.actions:
        lines += ["", f"ACTION {action.number}: {action.title}"]
        if action.description:
            lines.append(f"  {action.description}")
        lines += [f"  - {m.text}" for m in action.measures.all()]
        inspired = [
            *(f"good practice {p.title}" for p in action.inspired_by.good_practices),
            *(f"event {e.title}" for e in action.inspired_by.events),
            *(f"document {d.title}" for d in action.inspired_by.documents),
        ]
        when = format_span(action.timeframe_start, action.timeframe_end)
        for label, value in [
            ("Background", action.background),
            ("Inspired by", "; ".join(inspired)),
            ("Players", action.players),
            ("Timeframe", "; ".join(filter(None, [when, action.timeframe_note]))),
            ("Costs", "; ".join(filter(None, [format_eur(action.costs) if action.costs is not None
                                              else "", action.costs_note]))),
            ("Funding", action.funding_sources),
            ("Expected result", action.expected_result),
            ("Pilot action", "yes" if action.pilot else ""),
        ]:  # fmt: skip
            if value:
                lines.append(f"  {label}: {value}")
        targets = list(action.targets.all())
        if targets:
            lines.append("  Targets:")
        for target in targets:
            due = f" by {format_date(target.due_date)}" if target.due_date else ""
            latest = (page.target_progress.get(target.pk) or [None])[-1]
            so_far = "; nothing reported yet"
            if latest:
                by = format_date(latest.report.period_end)
                so_far = f"; {number(latest.achieved)} achieved by {by}"
            lines.append(f"    - {number(target.quantity)} {target.unit}{due}{so_far}")
        lines.append(f"  Current status: {STATUS_LABELS[action.current_status or NO_REPORT]}")
    if page.reports:
        lines += ["", "PROGRESS REPORTS"]
        numbers = {a.pk: a.number for a in page.actions}
        for report in page.reports:
            lines.append(f"  {format_span(report.period_start, report.period_end)}"
                         + (f": {report.summary}" if report.summary else ""))  # fmt: skip
            for entry in sorted(report.entries.all(), key=lambda e: numbers[e.action_id]):
                said = entry.reason or entry.evidence
                status = entry.get_status_display() + (f" ({said})" if said else "")
                lines.append(f"    ACTION {numbers[entry.action_id]}: {status}")
    if page.timeline:
        lines += ["", "TIMELINE"]
        for entry in page.timeline:
            detail = f" ({entry.detail})" if entry.detail else ""
            lines.append(f"  {entry.date.isoformat()}  {entry.title}{detail}")
    return lines


def cmd_indicators(args) -> int:
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    from corridor.plans import queries, schemas
    from corridor.plans.models import Indicator

    if args.kind == "rollup":
        if args.key not in ("country", "programme"):
            print("error: roll-ups are by country or programme", file=sys.stderr)
            return 2
        rows = queries.rollup(args.key)
        if args.format == "json":
            print(api_json(schemas.RollupOut, {"kind": args.key, "rows": rows}))
            return 0
        header = [args.key.upper(), *(f"({n})" for n in range(1, len(Indicator) + 1))]
        lines = []
        for row in rows:
            cells = []
            for figure in row.figures.values():
                achieved = number(figure.achieved) or "-"
                cells.append(f"{achieved}/{number(figure.target)}" if figure.target else achieved)
            lines.append([row.scope.label, *cells])
        print("\n".join(table(header, lines)))
        print("Achieved/target. " + "; ".join(
            f"({n}) {i.label}" for n, i in enumerate(Indicator, 1)))  # fmt: skip
        return 0
    if args.kind not in queries.SCOPES:
        print(f"error: KIND is one of {', '.join(queries.SCOPES)} or rollup", file=sys.stderr)
        return 2
    try:
        board = queries.dashboard(AnonymousUser(), args.kind, args.key)
    except Http404 as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(api_json(schemas.IndicatorsOut, board))
        return 0
    counts = {s: board.status_counts.get(s, 0) for s in queries.STATUS_LABELS}
    print(f"Indicators of {board.scope.label} ({board.scope.kind})")
    rows = [
        [f.label, *(number(v) or "-" for v in (f.target, f.achieved)),
         "-" if f.counted is None else f.counted, number(f.reported) or "-"]
        for f in board.figures
    ]  # fmt: skip
    print("\n".join(table(["INDICATOR", "TARGET", "ACHIEVED", "COUNTED", "REPORTED"], rows)))
    print("Achieved is the counted figure where the records are counted, else the reported one.")
    statuses = ", ".join(f"{queries.STATUS_LABELS[s].lower()} {n}" for s, n in counts.items())
    print(f"Actions of approved plans: {board.action_total} ({statuses})")
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser(
        "plans", help="action plans as everyone may read them (approved plans only)",
        description="Action plans and their numbered actions. The command reads what everyone "
        "may read on the site: it shows approved plans only, not drafts or submitted plans.",
    )  # fmt: skip
    psub = s.add_subparsers(dest="action", required=True)
    pl = psub.add_parser("list", help="a table of the approved plans")
    pl.add_argument("--project", metavar="SLUG", help="only this project's plans")
    pl.add_argument("--country", metavar="CC", help="only plans for this country, e.g. LT")
    pl.add_argument("--status", choices=["draft", "submitted", "approved"],
                    help="only approved plans are shown")  # fmt: skip
    pl.add_argument("--format", choices=["text", "json"], default="text",
                    help="json: the items of GET /api/v1/action-plans, all of them")  # fmt: skip
    ps = psub.add_parser("show", help="an approved plan with its actions, targets and status")
    ps.add_argument("id", type=int, help="the plan's id (see `corridor plans list`)")
    ps.add_argument("--format", choices=["text", "json"], default="text", help=FORMAT_HELP)
    s.set_defaults(func=cmd_plans)

    s = sub.add_parser(
        "indicators", help="programme indicators: targets, achieved, counted or reported",
        description="The indicators of a project or programme (by slug), a country (two "
        "letters) or a NUTS region, or `rollup country|programme` for every one that has "
        "any. Counted indicators count submitted and approved plans; the action statuses are "
        "those of the approved plans.",
    )  # fmt: skip
    s.add_argument("kind", choices=["project", "programme", "country", "region", "rollup"])
    s.add_argument("key", help="slug or code; for rollup: country or programme")
    s.add_argument("--format", choices=["text", "json"], default="text", help=FORMAT_HELP)
    s.set_defaults(func=cmd_indicators)
