"""`corridor bench relevance`: how well Explore ranks, measured on a judged set of queries.

The judged set (data/judged-queries.json, made as data/README-judged-queries.md says) holds
queries over the demo data, each with graded judgments: 3 = exactly it, 2 = highly relevant,
1 = related. Every query goes through the same service as the Explore page, once per
retrieval mode, and its first ten results are scored:

  nDCG@10    gains 2^grade - 1, discounted by log2(rank + 1), over the ideal order
  MRR        1 / the rank of the first result graded 2 or 3 (0 beyond the tenth)
  recall@10  the share of the items graded 2 or 3 that are among the first ten

Figures are means over the queries, split into same-language queries (written in a
language the target items are written in) and cross-language ones.
"""

import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

JUDGED_QUERIES = Path(__file__).resolve().parent / "data" / "judged-queries.json"
MODES = ("keyword", "vector", "hybrid")
K = 10
RELEVANT = 2  # the lowest grade MRR and recall count as a hit
GRADES = (1, 2, 3)


@dataclass
class JudgedQuery:
    id: str
    q: str
    language: str  # ISO 639-1 of the query
    cross_language: bool  # written in a language none of the target items is written in
    judgments: dict[str, int]  # item key ("type:title") -> grade
    note: str = ""


@dataclass
class Scores:
    ndcg: float
    mrr: float
    recall: float


@dataclass
class Figures:
    queries: int = 0
    ndcg: float = 0.0
    mrr: float = 0.0
    recall: float = 0.0
    per_query: list[tuple[str, Scores]] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "queries": self.queries,
            "ndcg_at_10": round(self.ndcg, 4),
            "mrr": round(self.mrr, 4),
            "recall_at_10": round(self.recall, 4),
        }


def item_key(type_name: str, title: str) -> str:
    """How the judged set names an item: its type and its title (a project's acronym)."""
    return f"{type_name}:{title}"


def load_judged(path: Path = JUDGED_QUERIES) -> list[JudgedQuery]:
    data = json.loads(path.read_text("utf-8"))
    queries = []
    for entry in data["queries"]:
        judgments = {key: int(grade) for key, grade in entry["judgments"].items()}
        queries.append(
            JudgedQuery(
                id=entry["id"],
                q=entry["q"],
                language=entry["language"],
                cross_language=bool(entry["cross_language"]),
                judgments=judgments,
                note=entry.get("note", ""),
            )
        )
    return queries


# -- the measures ------------------------------------------------------------------------


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(grades))


def ndcg_at(ranked: list[str], judgments: dict[str, int], k: int = K) -> float:
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judgments.get(key, 0) for key in ranked[:k]]) / ideal


def reciprocal_rank(ranked: list[str], judgments: dict[str, int], k: int = K) -> float:
    for rank, key in enumerate(ranked[:k], start=1):
        if judgments.get(key, 0) >= RELEVANT:
            return 1 / rank
    return 0.0


def recall_at(ranked: list[str], judgments: dict[str, int], k: int = K) -> float:
    relevant = {key for key, grade in judgments.items() if grade >= RELEVANT}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:k])) / len(relevant)


def score(ranked: list[str], judgments: dict[str, int], k: int = K) -> Scores:
    return Scores(
        ndcg=ndcg_at(ranked, judgments, k),
        mrr=reciprocal_rank(ranked, judgments, k),
        recall=recall_at(ranked, judgments, k),
    )


def mean(scored: list[tuple[str, Scores]]) -> Figures:
    n = len(scored)
    if not n:
        return Figures()
    return Figures(
        queries=n,
        ndcg=sum(s.ndcg for _, s in scored) / n,
        mrr=sum(s.mrr for _, s in scored) / n,
        recall=sum(s.recall for _, s in scored) / n,
        per_query=scored,
    )


# -- running the judged set through Explore ----------------------------------------------


def ranked_keys(q: str, mode: str, k: int = K) -> list[str]:
    """The first k results of Explore for q in a retrieval mode, as item keys."""
    from django.http import QueryDict

    from corridor.search.services import ExploreParams, explore

    data = QueryDict(mutable=True)
    data.update({"q": q, "mode": mode, "per_page": str(k)})
    result = explore(ExploreParams.from_query(data))
    return [item_key(hit.type, hit.title) for hit in result.hits[:k]]


def evaluate(queries: list[JudgedQuery], modes=MODES) -> dict[str, dict[str, Figures]]:
    """Per mode: the figures over all queries, the same-language and the cross-language ones."""
    results: dict[str, dict[str, Figures]] = {}
    for mode in modes:
        scored = [(jq, score(ranked_keys(jq.q, mode), jq.judgments)) for jq in queries]
        results[mode] = {
            "all": mean([(jq.id, s) for jq, s in scored]),
            "same_language": mean([(jq.id, s) for jq, s in scored if not jq.cross_language]),
            "cross_language": mean([(jq.id, s) for jq, s in scored if jq.cross_language]),
        }
    return results


def report(results: dict[str, dict[str, Figures]], queries: list[JudgedQuery]) -> dict:
    languages: dict[str, int] = {}
    for jq in queries:
        languages[jq.language] = languages.get(jq.language, 0) + 1
    return {
        "judged_queries": len(queries),
        "cross_language_queries": sum(jq.cross_language for jq in queries),
        "query_languages": dict(sorted(languages.items())),
        "modes": {
            mode: {split: figures.as_json() for split, figures in splits.items()}
            for mode, splits in results.items()
        },
        "per_query": {
            mode: {
                qid: {
                    "ndcg_at_10": round(s.ndcg, 4),
                    "mrr": round(s.mrr, 4),
                    "recall_at_10": round(s.recall, 4),
                }
                for qid, s in splits["all"].per_query
            }  # fmt: skip
            for mode, splits in results.items()
        },
    }


def table(figures: dict) -> list[str]:
    lines = [
        f"{'mode':<9}{'queries':<16}{'n':>4}{'nDCG@10':>10}{'MRR':>8}{'recall@10':>11}",
    ]
    for mode, splits in figures["modes"].items():
        for split in ("same_language", "cross_language", "all"):
            f = splits[split]
            lines.append(
                f"{mode:<9}{split.replace('_', '-'):<16}{f['queries']:>4}"
                f"{f['ndcg_at_10']:>10.3f}{f['mrr']:>8.3f}{f['recall_at_10']:>11.3f}"
            )
    return lines


def run(output: str = "table", verbose: bool = False) -> int:
    from corridor.search.backends import get_backend

    if get_backend().count() == 0:
        print("relevance: the search index is empty; run `corridor load-demo` first",
              file=sys.stderr)  # fmt: skip
        return 1
    queries = load_judged()
    figures = report(evaluate(queries), queries)
    if output == "json":
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    print("\n== Relevance: the judged queries through Explore (first ten results)")
    print(f"{figures['judged_queries']} queries, {figures['cross_language_queries']} across "
          f"languages; query languages: "
          + ", ".join(f"{k} {v}" for k, v in figures["query_languages"].items()))  # fmt: skip
    print("\n".join(table(figures)))
    if verbose:
        by_id = {jq.id: jq for jq in queries}
        print("\nper query (keyword mode): nDCG@10, MRR, recall@10")
        for qid, s in figures["per_query"]["keyword"].items():
            print(f"  {qid:<12}{s['ndcg_at_10']:>7.3f}{s['mrr']:>7.3f}{s['recall_at_10']:>7.3f}"
                  f"  {by_id[qid].q}")  # fmt: skip
    return 0
