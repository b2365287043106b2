"""`corridor index` and `corridor search`."""

import sys

FACETS = ("type", "country", "region", "programme", "theme", "role")


def cmd_index(args) -> int:
    from tqdm import tqdm

    from corridor.search import sync
    from corridor.search.backends import get_backend

    backend = get_backend()
    if args.action == "rebuild":
        with tqdm(total=sync.total_records(), desc="index", unit=" docs", file=sys.stderr,
                  leave=False) as bar:  # fmt: skip
            try:
                total = sync.rebuild(backend, progress=bar.update)
            except sync.RebuildRunning as running:
                print(f"error: {running}; `corridor index status` shows how far it is",
                      file=sys.stderr)  # fmt: skip
                return 1
        print(f"Indexed {total} documents in {backend.home.current()}")
    elif args.action == "catch-up":
        print(f"Applied changes to {sync.catch_up(backend)} documents")
    health = sync.index_health(backend)
    print(f"{backend.home.current() or 'no index yet'} ({backend.path})")
    print(f"{health.documents} documents; change log followed up to "
          f"{'never built' if health.followed_to is None else health.followed_to}")  # fmt: skip
    print(f"state: {health.state}: {health.detail}")
    return 0


def cmd_search(args) -> int:
    from django.http import QueryDict

    from corridor.cli.common import api_json
    from corridor.search.api import SearchOut
    from corridor.search.services import ExploreParams, explore

    # The query the Explore page and GET /api/v1/search would receive.
    data = QueryDict(mutable=True)
    data["q"] = " ".join(args.words)
    for name in FACETS:
        data.setlist(name, getattr(args, name) or [])
    data["sort"], data["page"] = args.sort, str(args.page)
    if args.mode:
        data["mode"] = args.mode
    result = explore(ExploreParams.from_query_dict(data))
    if args.format == "json":
        print(api_json(SearchOut, result))
        return 0
    for message in result.messages:
        print(f"note: {message}", file=sys.stderr)
    print(f"{result.total} results (page {result.page} of {result.pages})")
    for hit in result.hits:
        print(f"  [{hit.type}] {hit.title}  {hit.subtitle}  {hit.url}")
    for facet in result.facets:
        if facet.values and args.facets:
            shown = ", ".join(f"{v.label} ({v.count})" for v in facet.values[:8])
            print(f"  {facet.label}: {shown}")
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser("index", help="the search index: rebuild, catch-up or status")
    s.add_argument("action", choices=["rebuild", "catch-up", "status"])
    s.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="search everything, as the Explore page does")
    s.add_argument("words", nargs="*", help="the query")
    for name in FACETS:
        s.add_argument(f"--{name}", action="append", help=f"filter by {name} (repeatable)")
    s.add_argument("--sort", default="relevance", help="relevance, -date, date, -budget, budget")
    s.add_argument("--page", type=int, default=1)
    s.add_argument(
        "--mode", choices=["hybrid", "keyword", "vector"],
        help="words and meaning (the default once vectors exist), words or meaning alone",
    )  # fmt: skip
    s.add_argument("--facets", action="store_true", help="print the filter counts too")
    s.add_argument(
        "--format", choices=["text", "json"], default="text",
        help="json: what GET /api/v1/search answers, the filter counts included",
    )  # fmt: skip
    s.set_defaults(func=cmd_search)
