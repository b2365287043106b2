"""`corridor bench`: imports, page latency, search, search relevance, extraction and
matchmaking, measured."""

from pathlib import Path


def cmd_bench(args) -> int:
    if args.what == "extract":
        from corridor.extraction.bench import run

        return run(args.format)
    if args.what == "matchmaking":
        from corridor.community.bench import run as run_matchmaking

        return run_matchmaking(args.format, args.tune, args.cases)
    if args.what == "load":
        from corridor.loadbench import run as run_load

        return run_load(args)
    if args.what == "relevance":
        from corridor.search.relevance import run as run_relevance

        return run_relevance(args.format, args.verbose)
    if args.what == "generate":
        from corridor.ingest.generate import run as run_generate

        return run_generate(args.count, args.seed, args.format)
    if args.what == "search":
        from corridor.search import bench

        sizes = [int(n) for n in args.sizes.split(",")]
        return bench.run(sizes, args.queries, args.datasette_queries, args.keep,
                         datasette=not args.no_datasette,
                         output="json" if args.format == "json" else "table")  # fmt: skip
    from corridor.bench import run_benchmarks

    return run_benchmarks(args.what, repeat=args.repeat)


def add_parsers(sub) -> None:
    s = sub.add_parser("bench", help="measure imports and page latency and print the figures")
    s.add_argument(
        "what",
        nargs="?",
        default="all",
        choices=[
            "all", "import", "pages", "search", "relevance", "extract", "matchmaking", "load",
            "generate",
        ],
    )  # fmt: skip
    s.add_argument("count", nargs="?", type=int, default=1000, help="generate: projects")
    s.add_argument("--seed", type=int, default=1, help="generate: the random seed")
    s.add_argument("--repeat", type=int, default=50, help="requests per page measured")
    s.add_argument("--sizes", default="100000,1000000", help="search: corpus sizes")
    s.add_argument("--queries", type=int, default=300, help="search: queries in the mix")
    s.add_argument("--datasette-queries", type=int, default=100, help="search: for Datasette")
    s.add_argument(
        "--format",
        choices=["table", "json"],
        default="table",
        help="extract, generate, matchmaking, load, relevance, search: output",
    )
    s.add_argument(
        "-v", "--verbose", action="store_true", help="relevance: the figures of every query"
    )
    s.add_argument("--no-datasette", action="store_true", help="search: leave Datasette out")
    s.add_argument("--tune", action="store_true", help="matchmaking: choose the weights")
    s.add_argument("--cases", type=int, help="matchmaking: only the first N cases")
    s.add_argument("--keep", type=Path, help="search: work directory to keep (default: temp)")
    # load: users at once against a server of its own on loopback (corridor/loadbench.py).
    s.add_argument("--users", type=int, default=20, help="load: users at once")
    s.add_argument("--seconds", type=float, default=30, help="load: how long at most")
    s.add_argument("--requests", type=int, default=20_000, help="load: how many at most")
    s.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="load: seconds a user waits between pages (0.5x-1.5x)",
    )
    s.add_argument("--workers", type=int, default=2, help="load: gunicorn workers; 0: waitress")
    s.add_argument("--threads", type=int, help="load: threads per server process")
    s.add_argument(
        "--corpus",
        type=int,
        default=0,
        help="load: search an index of N synthetic documents (e.g. 1000000)",
    )
    s.add_argument(
        "--corpus-dir",
        type=Path,
        help="load: keep the corpus index here, and use it if it is there",
    )
    s.add_argument(
        "--skip",
        action="append",
        metavar="PAGE",
        help='load: leave a page out of the mix, e.g. "export.csv"',
    )
    s.set_defaults(func=cmd_bench)
