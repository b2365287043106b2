"""`corridor organisations`: find and merge duplicates, or undo a merge."""

import sys


def cmd_organisations(args) -> int:
    from corridor.organisations.models import OrganisationMerge
    from corridor.organisations.services import dedupe, undo_merge

    if args.action == "undo":
        merge = OrganisationMerge.objects.filter(pk=args.merge).first()
        if merge is None:
            print(f"error: no merge {args.merge}", file=sys.stderr)
            return 1
        try:
            restored = undo_merge(merge)
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        print(f"Undone: {restored.name} is back (id {restored.pk}), apart from {merge.kept}")
        return 0
    result = dedupe(apply=args.apply)
    verb = "merged" if args.apply else "would merge"
    for match in result.certain:
        keep, drop = match.keep_and_drop()
        print(f"{verb}: {drop.name!r} into {keep.name!r} ({match.reason})")
    for match in result.proposed[: args.limit]:
        print(f"proposed ({match.score}): {match.first.name!r} / {match.second.name!r} "
              f"({match.reason})")  # fmt: skip
    if len(result.proposed) > args.limit:
        print(f"... and {len(result.proposed) - args.limit} more proposals")
    done = f"{len(result.merged)} merged" if args.apply else f"{len(result.certain)} certain"
    stored = " (stored for the curators in the admin)" if args.apply else ""
    print(f"{done}, {len(result.proposed)} proposed{stored}")
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser("organisations", help="organisation duplicates: find and merge, or undo")
    osub = s.add_subparsers(dest="action", required=True)
    d = osub.add_parser("dedupe", help="list duplicates; --apply merges the certain ones")
    d.add_argument("--apply", action="store_true", help="merge certain, store proposals")
    d.add_argument("--limit", type=int, default=50, help="proposals printed at most")
    u = osub.add_parser("undo", help="undo a merge (its id is in the admin)")
    u.add_argument("merge", type=int)
    s.set_defaults(func=cmd_organisations)
