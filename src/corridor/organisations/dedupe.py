"""Finding the same organisation under two names: "Klaipėda ID" and "Klaipeda ID" (accents),
"Unioncamere Lombardia" and "Union of Chambers of Commerce, Industry, Agriculture and
Crafts in Lombardy" (one's name is the other's acronym), "Oulun yliopisto" and "University
of Oulu" (one's name is among the other's names from another source).

A match is *certain* when the names are equal once accents, case, punctuation and spacing
are set aside, or when one organisation's name is the other's acronym or one of its other
names, and the two do not lie in different countries. Everything else that looks alike (an
initialism, names alike by RapidFuzz's token ratio) is *proposed*, with its reason, for a
curator.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Names at least this alike (RapidFuzz token_sort_ratio, 0-100) are proposed.
PROPOSE_AT = 88
STOPWORDS = {
    "of", "and", "in", "the", "for", "de", "di", "del", "della", "des", "du", "la", "le",
    "el", "y", "e", "et", "und", "der", "die", "das", "für", "i", "a", "&",
}  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    acronym: str
    other_names: tuple[str, ...]
    country: str
    partnerships: int
    curated: bool


@dataclass
class Match:
    first: Candidate
    second: Candidate
    certain: bool
    score: int
    reason: str

    def keep_and_drop(self) -> tuple[Candidate, Candidate]:
        """Keep the curated one, else the one with more partnerships, else the older."""
        a, b = self.first, self.second
        rank = lambda c: (c.curated, c.partnerships, -c.id)  # noqa: E731
        return (a, b) if rank(a) >= rank(b) else (b, a)


def fold(name: str) -> str:
    """Lower case, no accents, punctuation as spaces: "Klaipėda ID" -> "klaipeda id"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("ł", "l")
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def initials(name: str) -> str:
    """ "Association of European Border Regions" -> "aebr"."""
    words = [w for w in fold(name).split() if w not in STOPWORDS]
    return "".join(w[0] for w in words) if len(words) >= 3 else ""


def find_matches(candidates: list[Candidate]) -> list[Match]:
    matches: dict[tuple[int, int], Match] = {}

    def add(a: Candidate, b: Candidate, certain: bool, score: int, reason: str) -> None:
        if a.id == b.id:
            return
        if a.country and b.country and a.country != b.country:
            if certain:
                certain, reason = (
                    False,
                    f"{reason}, but countries differ ({a.country}, {b.country})",
                )
            else:
                return
        key = (min(a.id, b.id), max(a.id, b.id))
        known = matches.get(key)
        if known is None or (certain, score) > (known.certain, known.score):
            first, second = (a, b) if a.id < b.id else (b, a)
            matches[key] = Match(first, second, certain, score, reason)

    # Certain: one folded name shared by two organisations, as a name, an acronym or one of
    # their other names.
    by_key: dict[str, list[tuple[Candidate, str]]] = defaultdict(list)
    for c in candidates:
        by_key[fold(c.name)].append((c, "name"))
        if c.acronym:
            by_key[fold(c.acronym)].append((c, "acronym"))
        for other in c.other_names:
            by_key[fold(other)].append((c, "other name"))
    for key, holders in by_key.items():
        if not key:
            continue
        if len({c.id for c, how in holders if how == "acronym"}) > 1:
            # An acronym several organisations use ("ukjent", "CCI") identifies none.
            holders = [(c, how) for c, how in holders if how != "acronym"]
        for i, (a, how_a) in enumerate(holders):
            for b, how_b in holders[i + 1 :]:
                if "name" not in (how_a, how_b):
                    continue  # two acronyms alike prove little
                if how_a == how_b == "name":
                    reason = (
                        f"same name once accents and case are set aside: {a.name!r} / {b.name!r}"
                    )
                else:
                    named, other, how = (a, b, how_b) if how_a == "name" else (b, a, how_a)
                    reason = f"{named.name!r} is the {how} of {other.name!r}"
                add(a, b, True, 100, reason)

    # Proposed: an initialism, or names alike.
    by_initials: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        if letters := initials(c.name):
            by_initials[letters].append(c)
    for c in candidates:
        for word in {fold(c.name), fold(c.acronym)} - {""}:
            if " " not in word and len(word) >= 3:
                for other in by_initials.get(word, []):
                    add(c, other, False, 90,
                        f"{c.acronym or c.name!r} are the initials of {other.name!r}")  # fmt: skip
    by_country: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_country[c.country].append(c)
    for country, group in by_country.items():
        pool = group + (by_country[""] if country else [])
        names = [fold(c.name) for c in pool]
        scores = process.cdist(
            [fold(c.name) for c in group], names, scorer=fuzz.token_sort_ratio,
            score_cutoff=PROPOSE_AT, dtype="uint8",
        )  # fmt: skip
        for i, row in enumerate(scores):
            for j in row.nonzero()[0]:
                a, b = group[i], pool[int(j)]
                if a.id < b.id or (country and not b.country):
                    score = int(row[j])
                    add(a, b, False, score, f"names {score}% alike: {a.name!r} / {b.name!r}")
    return sorted(matches.values(), key=lambda m: (not m.certain, -m.score, m.first.id))
