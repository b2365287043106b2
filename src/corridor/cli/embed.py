"""`corridor embed`: the vectors Explore searches by meaning with (search/embed.py)."""

import sys


def cmd_embed(args) -> int:
    from tqdm import tqdm

    from corridor.search import embed
    from corridor.search.embeddings import EmbedderUnavailable
    from corridor.search.sync import total_records

    if not args.status:
        store = embed.vector_store()
        if store is None:
            print("Vectors are off (CORRIDOR_EMBEDDER=none): nothing to compute.")
            return 0
        if store.busy():
            print("Another process is computing vectors; waiting for it to finish.",
                  file=sys.stderr)  # fmt: skip
        first = store.followed_to is None
        total = total_records() if first else None
        try:
            with tqdm(total=total, desc="embed", unit=" items", file=sys.stderr,
                      disable=args.quiet, leave=False) as bar:  # fmt: skip
                touched = embed.embed_pending(progress=bar.update)
        except EmbedderUnavailable as unavailable:
            print(f"error: {unavailable}", file=sys.stderr)
            return 1
        print(f"Computed or removed {touched} vectors ({'first pass' if first else 'changes'})")
    health = embed.vector_health(count_behind=True)
    print(f"embedder: {health.embedder}")
    print(f"state: {health.state}: {health.detail}")
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser(
        "embed",
        help="compute the vectors of every searchable item (resumable; skips unchanged texts)",
    )
    s.add_argument(
        "--status", action="store_true", help="say how far the vectors are; compute nothing"
    )
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_embed)
