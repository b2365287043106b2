"""`corridor bench matchmaking`: does the matchmaker find a project's partner again?

For each project with 3 or more partners, hide one partner at a time and ask the matchmaker
for partners from the project's acronym, title, summary, themes, programme and remaining
partners. The hidden partnership counts nowhere (`Consortium.hidden`): not in the hidden
organisation's track record, texts, programme or co-partnerships. Reported: recall@10 (the
hidden partner among the first 10) and MRR (the mean of 1/rank over the whole ranking), for
the matchmaker and for a popularity-only baseline (organisations by number of projects, the
remaining partners left out); and the time per suggestion (10 suggestions with their
reasons, through the cache as the pages ask), p50/p95.

`--tune` chooses the weights: a coordinate search over a grid, maximising MRR on the
projects with an even id, and reports the result on the odd ones (held out).
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from corridor.community import match_index, suggestions
from corridor.community.match_index import MatchIndex
from corridor.community.suggestions import FEATURES, Consortium
from corridor.projects.models import Project

K = 10
GRID = [0.0, 0.25, 0.5, 1.0, 2.0, 4.0]


@dataclass(frozen=True)
class Case:
    project_id: int
    group: str
    hidden_id: int
    consortium: Consortium


def group_of(programme) -> str:
    """Interreg (strands A, B, C, and the seed projects without a programme), or the
    programme's own name (Horizon 2020, Denmark ERDF...)."""
    if programme is None or programme.strand:
        return "Interreg"
    return programme.name


def cases(index: MatchIndex, min_partners: int = 3, limit: int | None = None) -> list[Case]:
    found: list[Case] = []
    themes = defaultdict(list)
    for project_id, theme_id in Project.themes.through.objects.values_list(
        "project_id", "theme_id"
    ):
        themes[project_id].append(theme_id)
    projects = Project.objects.filter(pk__in=[
        p for p, partners in index.project_partners.items() if len(set(partners)) >= min_partners
    ]).select_related("programme").order_by("pk")  # fmt: skip
    for project in projects:
        partners = list(dict.fromkeys(index.project_partners[project.pk]))
        for hidden in partners:
            consortium = Consortium(
                text=" ".join(filter(None, [project.acronym, project.title, project.summary])),
                programme_id=project.programme_id,
                partner_ids=tuple(p for p in partners if p != hidden),
                theme_ids=tuple(themes.get(project.pk, ())),
                project_id=project.pk,
                hidden=(project.pk, hidden),
                language=project.summary_language or "en",
            )
            found.append(Case(project.pk, group_of(project.programme), hidden, consortium))
            if limit is not None and len(found) >= limit:
                return found
    return found


@dataclass
class Prepared:
    """A case's features for every candidate, to score any weights fast."""

    case: Case
    matrix: np.ndarray  # candidates x FEATURES
    cross_border: bool
    hidden_row: int | None  # None: the hidden organisation is not a candidate (no record)
    name_rank: np.ndarray
    popularity_rank: int | None


def prepare(found: list[Case], index: MatchIndex) -> list[Prepared]:
    names = sorted(index.orgs, key=lambda pk: index.orgs[pk].name)
    name_order = {pk: n for n, pk in enumerate(names)}
    prepared = []
    everyone = len(index.orgs)
    for case in found:
        table = suggestions.feature_table(case.consortium, index, explain=False)
        matrix = np.array([table.features[name] for name in FEATURES], dtype=float).T
        row = table.org_ids.index(case.hidden_id) if case.hidden_id in table.org_ids else None
        baseline = suggestions.popularity(index, case.consortium, everyone)
        prepared.append(
            Prepared(
                case, matrix, table.cross_border, row,
                np.array([name_order[pk] for pk in table.org_ids]),
                baseline.index(case.hidden_id) + 1 if case.hidden_id in baseline else None,
            )
        )  # fmt: skip
    return prepared


def _weights_vector(weights: dict[str, float], area: float, cross_border: bool) -> np.ndarray:
    return np.array(
        [weights.get(n, 0.0) * (area if n == "area" and cross_border else 1.0) for n in FEATURES]
    )


def rank_of(prepared: Prepared, weights: dict[str, float], area: float) -> int | None:
    """The hidden organisation's rank as suggest() orders: by score, then by name."""
    if prepared.hidden_row is None:
        return None
    scores = prepared.matrix @ _weights_vector(weights, area, prepared.cross_border)
    mine = scores[prepared.hidden_row]
    ahead = (scores > mine) | ((scores == mine) & (prepared.name_rank < prepared.name_rank[
        prepared.hidden_row]))  # fmt: skip
    return int(ahead.sum()) + 1


def measure(
    prepared: list[Prepared],
    weights: dict[str, float] | None = None,
    cross_border_area: float | None = None,
) -> dict:
    """recall@10 and MRR of the matchmaker and of the baseline over the cases."""
    weights = suggestions.WEIGHTS if weights is None else weights
    area = suggestions.CROSS_BORDER_AREA if cross_border_area is None else cross_border_area
    hits = reciprocal = base_hits = base_reciprocal = 0.0
    for case in prepared:
        rank = rank_of(case, weights, area)
        if rank:
            hits += rank <= K
            reciprocal += 1 / rank
        if case.popularity_rank:
            base_hits += case.popularity_rank <= K
            base_reciprocal += 1 / case.popularity_rank
    n = len(prepared) or 1
    return {
        "cases": len(prepared),
        "recall_at_10": round(hits / n, 4),
        "mrr": round(reciprocal / n, 4),
        "baseline_recall_at_10": round(base_hits / n, 4),
        "baseline_mrr": round(base_reciprocal / n, 4),
    }


def timings(found: list[Case], sample: int = 200) -> dict:
    """Milliseconds per suggestion as a page asks for it: the cache's check, 10
    organisations ranked, their reasons written."""
    step = max(1, len(found) // sample)
    samples = []
    for case in found[::step]:
        started = time.perf_counter()
        suggestions.suggest(case.consortium, limit=K)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()

    def pick(p: float) -> float:
        return samples[min(len(samples) - 1, round(p / 100 * (len(samples) - 1)))]

    return {"p50": round(pick(50), 1), "p95": round(pick(95), 1), "runs": len(samples)}


def benchmark(limit: int | None = None, timed: bool = True) -> dict:
    """The figures of `corridor bench matchmaking`, as its --format json prints them."""
    started = time.perf_counter()
    match_index.clear_cache()
    index = match_index.match_index()
    build_ms = (time.perf_counter() - started) * 1000
    found = cases(index, limit=limit)
    prepared = prepare(found, index)
    result: dict = measure(prepared)
    groups = sorted({c.group for c in found})
    result["groups"] = {g: measure([p for p in prepared if p.case.group == g]) for g in groups}
    result["organisations"] = len(index.orgs)
    result["weights"] = dict(suggestions.WEIGHTS)
    result["cross_border_area"] = suggestions.CROSS_BORDER_AREA
    result["index_build_ms"] = round(build_ms, 1)
    if timed:
        result["ms_per_suggestion"] = timings(found)
    return result


def tune(prepared: list[Prepared], rounds: int = 3) -> tuple[dict, float, float]:
    """Coordinate search: each weight in turn over GRID, keeping what raises the MRR."""
    weights = dict(suggestions.WEIGHTS)
    area = suggestions.CROSS_BORDER_AREA
    best = measure(prepared, weights, area)["mrr"]
    for _ in range(rounds):
        improved = False
        for name in [*FEATURES, "cross_border_area"]:
            for value in GRID if name != "cross_border_area" else [1.0, 1.5, 2.0, 3.0]:
                trial, trial_area = dict(weights), area
                if name == "cross_border_area":
                    trial_area = value
                else:
                    trial[name] = value
                score = measure(prepared, trial, trial_area)["mrr"]
                if score > best + 1e-9:
                    best, weights, area, improved = score, trial, trial_area, True
        if not improved:
            break
    return weights, area, best


def ablation(prepared: list[Prepared]) -> dict[str, dict]:
    """The figures without each feature in turn."""
    return {
        name: measure(prepared, {**suggestions.WEIGHTS, name: 0.0})
        for name in FEATURES
        if suggestions.WEIGHTS.get(name)
    }


def _table(result: dict) -> list[str]:
    rows = [("all", result)] + list(result["groups"].items())
    lines = [
        f"{'cases':<14}{'n':>6}{'recall@10':>11}{'baseline':>10}{'MRR':>8}{'baseline':>10}",
    ]
    for name, r in rows:
        lines.append(
            f"{name:<14}{r['cases']:>6}{r['recall_at_10']:>11.3f}"
            f"{r['baseline_recall_at_10']:>10.3f}{r['mrr']:>8.3f}{r['baseline_mrr']:>10.3f}"
        )
    return lines


def run(output: str = "table", do_tune: bool = False, limit: int | None = None) -> int:
    from corridor.projects.models import Partnership

    if not Partnership.objects.exists():
        print("matchmaking: no data; run `corridor load-demo` first", file=sys.stderr)
        return 1
    if do_tune:
        index = match_index.match_index()
        prepared = prepare(cases(index, limit=limit), index)
        tuning = [p for p in prepared if p.case.project_id % 2 == 0]
        held_out = [p for p in prepared if p.case.project_id % 2 == 1]
        print(f"Tuning on {len(tuning)} cases (even project ids) ...")
        weights, area, best = tune(tuning)
        print(f"weights: {weights}, cross_border_area: {area} (tuning MRR {best:.4f})")
        print(f"held out, {len(held_out)} cases, current weights: {measure(held_out)}")
        print(f"held out, {len(held_out)} cases, tuned weights:   "
              f"{measure(held_out, weights, area)}")  # fmt: skip
        print("without each feature (all cases, current weights):")
        for name, figures in ablation(prepared).items():
            print(f"  -{name:<12} {figures}")
        return 0
    result = benchmark(limit=limit)
    if output == "json":
        print(json.dumps(result, indent=2))
        return 0
    print("\n== Matchmaking: hide one partner, ask for it back (recall@10, MRR)")
    print(f"{result['organisations']} organisations; index built in {result['index_build_ms']} ms")
    print("\n".join(_table(result)))
    timing = result["ms_per_suggestion"]
    print(
        f"ms per suggestion (10 with reasons): p50 {timing['p50']}, p95 {timing['p95']} "
        f"over {timing['runs']} runs"
    )
    return 0
