"""`corridor bench generate N`: a large synthetic data set shaped like the real one.

The shapes are read from the real records in the database (the bundled data after
`corridor load-demo`, or the user's own imports): partners per project, project budgets,
start dates and durations, programmes, statuses, partner roles by position, which partners
state a budget and a region, the kinds, countries and regions of organisations and how many
projects each takes part in, and the words of acronyms, and of titles, summaries and
organisation names in each language. N projects are then drawn from those distributions,
with as many organisations per partnership as the real data has, and written in bulk (COPY
on PostgreSQL) in batches, each batch its own transaction. Everything comes from one random
generator seeded by --seed, so the same seed over the same database writes the same rows.

Generated records carry source "generated"; bulk inserts write no change log, so
`corridor index rebuild` makes them searchable.
"""

import datetime
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count
from django.utils.text import slugify

from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project, months_later

SOURCE = "generated"
BATCH = 2000  # projects per transaction; their partnerships go with them
SUMMARY_WORDS = 120  # longest generated summary: a real abstract's first paragraph
WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
CENT = Decimal("0.01")


class NoSource(Exception):
    """The database holds no real projects with partners to learn the shapes from."""


@dataclass
class Shapes:
    """The real distributions, each a list drawn from uniformly (repeats carry the
    frequencies)."""

    partners: list[int] = field(default_factory=list)  # per project with partners
    budgets: list[Decimal | None] = field(default_factory=list)
    # (start, end - start, months stated) of one real project: the three go together
    periods: list[tuple] = field(default_factory=list)
    programmes: list[int | None] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    acronym_lengths: list[int] = field(default_factory=list)
    acronym_words: list[str] = field(default_factory=list)
    title_lengths: list[int] = field(default_factory=list)
    summary_lengths: list[int] = field(default_factory=list)
    title_words: dict[str, list[str]] = field(default_factory=dict)  # per language
    summary_words: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[int, list[str]] = field(default_factory=dict)  # per position, last = beyond
    budget_stated: float = 0.0  # share of partnerships with a budget, in budgeted projects
    partner_budgets: list[Decimal | None] = field(default_factory=list)  # in the others
    region_stated: float = 0.0  # share of partnerships naming a region
    organisations: list[tuple[str, str, str, int | None]] = field(default_factory=list)
    popularity: list[int] = field(default_factory=list)  # projects per organisation
    name_words: list[str] = field(default_factory=list)
    name_lengths: list[int] = field(default_factory=list)
    organisations_per_partnership: float = 0.0

    def roles_at(self, position: int) -> list[str]:
        """The roles seen at this position (the last one known for those beyond)."""
        known = [p for p in self.roles if p <= position]
        return self.roles[max(known) if known else min(self.roles)]

    def mean_partners(self) -> float:
        return sum(self.partners) / len(self.partners)


def read_shapes() -> Shapes:
    """The distributions of the real (not generated) records in the database."""
    shapes = Shapes()
    projects = Project.objects.exclude(source=SOURCE).annotate(n=Count("partnerships"))
    rows = projects.filter(n__gt=0).order_by("pk").values_list(
        "n", "total_budget", "start_date", "end_date", "duration_months", "programme_id", "status",
        "summary_language", "acronym", "title", "summary",
    )  # fmt: skip
    title_words: defaultdict[str, list[str]] = defaultdict(list)
    summary_words: defaultdict[str, list[str]] = defaultdict(list)
    for n, budget, start, end, months, programme, status, language, acronym, title, summary in rows:
        shapes.partners.append(n)
        shapes.budgets.append(budget)
        shapes.periods.append((start, end - start if start and end else None, months))
        shapes.programmes.append(programme)
        shapes.statuses.append(status)
        shapes.languages.append(language)
        words = WORD.findall(acronym)
        shapes.acronym_lengths.append(max(len(words), 1))
        shapes.acronym_words.extend(words)
        words = WORD.findall(title)
        shapes.title_lengths.append(len(words))  # many sources give none
        title_words[language].extend(words)
        words = WORD.findall(summary)
        shapes.summary_lengths.append(min(len(words), SUMMARY_WORDS))
        summary_words[language].extend(words)
    if not shapes.partners:
        raise NoSource(
            "No projects with partners in the database to take the shapes from: "
            "run `corridor load-demo` (or import real data) first."
        )
    # A language whose projects have no title words borrows every language's.
    shapes.acronym_words = shapes.acronym_words or ["Project"]
    everything = [w for words in title_words.values() for w in words] or shapes.acronym_words
    shapes.title_words = {lang: title_words[lang] or everything for lang in set(shapes.languages)}
    every_summary = [w for words in summary_words.values() for w in words] or everything
    shapes.summary_words = {
        lang: summary_words[lang] or every_summary for lang in set(shapes.languages)
    }

    partnerships = Partnership.objects.exclude(project__source=SOURCE).order_by("pk")
    roles: defaultdict[int, list[str]] = defaultdict(list)
    budgeted = with_budget = with_region = total = 0
    taking_part: Counter[int] = Counter()
    for organisation_id, role, budget, region, project_budget, position in (
        partnerships.values_list(
            "organisation_id", "role", "budget", "region_id",
            "project__total_budget", "position",
        )
    ):  # fmt: skip
        roles[min(position, 3)].append(role)
        total += 1
        with_region += region is not None
        if project_budget is not None:
            budgeted += 1
            with_budget += budget is not None
        else:
            shapes.partner_budgets.append(budget)
        taking_part[organisation_id] += 1
    shapes.roles = {position: roles[position] for position in sorted(roles)}
    shapes.budget_stated = with_budget / budgeted if budgeted else 0.0
    shapes.region_stated = with_region / total
    shapes.popularity = [taking_part[pk] for pk in sorted(taking_part)]
    shapes.organisations_per_partnership = len(taking_part) / total
    for kind, ownership, country, region, name in (
        Organisation.objects.filter(pk__in=list(taking_part))
        .order_by("pk")
        .values_list("type", "ownership", "country_code", "region_id", "name")
    ):
        shapes.organisations.append((kind, ownership, country, region))
        words = WORD.findall(name)
        shapes.name_lengths.append(max(len(words), 1))
        shapes.name_words.extend(words)
    return shapes


@dataclass
class Written:
    projects: int = 0
    partnerships: int = 0
    organisations: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return self.projects + self.partnerships + self.organisations


class Table:
    """Rows of one model written many at a time: COPY on PostgreSQL, one prepared INSERT
    run over the batch on SQLite. The ORM's bulk_create spends most of its time compiling
    each value into SQL, about three times as long as the writing itself. Ids are given
    here, after the largest in the table, so that partnerships can name their project
    without reading ids back."""

    def __init__(self, model):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        # Every column is written: Django's defaults live in the model, not the schema.
        self.defaults = {f.attname: f.get_default() for f in self.fields}

    def next_id(self) -> int:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # nobody else takes ids meanwhile
                cursor.execute(f"LOCK TABLE {self.model._meta.db_table} IN EXCLUSIVE MODE")
            cursor.execute(f"SELECT MAX(id) FROM {self.model._meta.db_table}")
            return (cursor.fetchone()[0] or 0) + 1

    def write(self, rows: list[dict]) -> None:
        """Write rows (values by attname, "id" included); inside a transaction."""
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        values = [
            [row.get(f.attname, self.defaults[f.attname]) for f in self.fields] for row in rows
        ]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * len(self.columns))
            for row in values:  # as Django's SQLite backend stores them
                for i, value in enumerate(row):
                    if isinstance(value, Decimal | datetime.date):
                        row[i] = str(value)
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)

    def reset_sequence(self) -> None:
        """PostgreSQL: the next id the database hands out follows the ones given here."""
        statements = connection.ops.sequence_reset_sql(no_style(), [self.model])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class Generator:
    def __init__(self, shapes: Shapes, seed: int, first_number: int):
        self.shapes = shapes
        self.rng = random.Random(seed)
        self.seed = seed
        self.number = first_number  # numbers make slugs and names unique across runs

    def words(self, vocabulary: list[str], n: int) -> list[str]:
        return self.rng.choices(vocabulary, k=n)

    def organisation(self, pk: int) -> dict:
        self.number += 1
        kind, ownership, country, region = self.rng.choice(self.shapes.organisations)
        n = self.rng.choice(self.shapes.name_lengths)
        name = " ".join(self.words(self.shapes.name_words, n))[:280]
        return {
            "id": pk, "name": f"{name} {self.number}",
            "slug": f"{slugify(name)[:60]}-g{self.number}", "type": kind,
            "ownership": ownership, "country_code": country, "region_id": region,
            "source": SOURCE, "source_record_id": str(self.number),
        }  # fmt: skip

    def project(self, pk: int) -> dict:
        rng, shapes = self.rng, self.shapes
        self.number += 1
        language = rng.choice(shapes.languages)
        acronym = " ".join(self.words(shapes.acronym_words, rng.choice(shapes.acronym_lengths)))
        n = rng.choice(shapes.title_lengths)
        title = " ".join(self.words(shapes.title_words[language], n))[:500]
        n = rng.choice(shapes.summary_lengths)
        summary = " ".join(self.words(shapes.summary_words[language], n)) + "." if n else ""
        budget = rng.choice(shapes.budgets)
        if budget is not None:
            budget = (budget * Decimal(rng.uniform(0.8, 1.25))).quantize(CENT)
        start, span, months = rng.choice(shapes.periods)
        end = None
        if start is not None:
            start += datetime.timedelta(days=rng.randint(-180, 180))
            end = start + span if span is not None else None
            if months and end is None:
                end = months_later(start, months)
        return {
            "id": pk, "acronym": acronym[:300], "title": title,
            "slug": f"{slugify(acronym)[:40]}-g{self.number}",
            "programme_id": rng.choice(shapes.programmes), "summary": summary,
            "summary_language": language, "start_date": start, "end_date": end,
            "duration_months": months, "total_budget": budget,
            "status": rng.choice(shapes.statuses), "source": SOURCE,
            "source_record_id": str(self.number),
        }  # fmt: skip

    def partnerships(self, project: dict, partners: "Partners", next_id: int) -> list[dict]:
        rng, shapes = self.rng, self.shapes
        wanted = min(rng.choice(shapes.partners), len(partners.ids))
        chosen: dict[int, None] = {}
        for _ in range(5):  # distinct partners, the busiest ones more often
            for i in rng.choices(partners.indexes, cum_weights=partners.cumulative, k=wanted):
                chosen.setdefault(i)
            if len(chosen) >= wanted:
                break
        else:  # a small set mostly taken: the rest uniformly
            rest = sorted(set(partners.indexes) - set(chosen))
            chosen.update(dict.fromkeys(rng.sample(rest, wanted - len(chosen))))
        total = project["total_budget"]
        shares = None
        if total is not None:
            weights = [rng.expovariate(1.0) for _ in range(wanted)]
            shares = [w / sum(weights) for w in weights]
        made = []
        for position, i in enumerate(list(chosen)[:wanted]):
            budget = None
            if shares and rng.random() < shapes.budget_stated:
                budget = (total * Decimal(shares[position])).quantize(CENT)
            elif not shares and shapes.partner_budgets:
                budget = rng.choice(shapes.partner_budgets)
                if budget is not None:
                    budget = (budget * Decimal(rng.uniform(0.8, 1.25))).quantize(CENT)
            region = partners.regions[i] if rng.random() < shapes.region_stated else None
            made.append({
                "id": next_id + position, "project_id": project["id"],
                "organisation_id": partners.ids[i], "role": rng.choice(shapes.roles_at(position)),
                "position": position, "budget": budget, "region_id": region, "source": SOURCE,
                "source_record_id": f"{project['source_record_id']}-{position}",
            })  # fmt: skip
        return made


@dataclass
class Partners:
    """The generated organisations, as plain lists: a million model instances would not
    fit in memory."""

    ids: list[int] = field(default_factory=list)
    regions: list[int | None] = field(default_factory=list)
    cumulative: list[float] = field(default_factory=list)  # of how busy each is

    @property
    def indexes(self) -> range:
        return range(len(self.ids))


def generate(count: int, seed: int = 1, batch: int = BATCH, progress=None) -> Written:
    """Write `count` generated projects, their partnerships and organisations;
    `progress(records, total)` after each batch of organisations or projects."""
    started = time.perf_counter()
    shapes = read_shapes()
    first = (
        Project.objects.filter(source=SOURCE).count()
        + Organisation.objects.filter(source=SOURCE).count()
    )
    generator = Generator(shapes, seed, first)
    written = Written()
    expected_partnerships = count * shapes.mean_partners()
    wanted = max(round(expected_partnerships * shapes.organisations_per_partnership), 1)
    wanted = max(wanted, max(shapes.partners))  # enough for the largest partnership
    tables = {m: Table(m) for m in (Organisation, Project, Partnership)}
    partners = Partners()
    running = 0.0
    while len(partners.ids) < wanted:
        with transaction.atomic():
            pk = tables[Organisation].next_id()
            rows = [
                generator.organisation(pk + i)
                for i in range(min(batch * 5, wanted - len(partners.ids)))
            ]
            tables[Organisation].write(rows)
        for row in rows:
            partners.ids.append(row["id"])
            partners.regions.append(row["region_id"])
            running += generator.rng.choice(shapes.popularity)
            partners.cumulative.append(running)
        written.organisations += len(rows)
        if progress:
            progress(len(rows), wanted + count)

    done = 0
    while done < count:
        with transaction.atomic():
            pk, partnership_pk = tables[Project].next_id(), tables[Partnership].next_id()
            projects = [generator.project(pk + i) for i in range(min(batch, count - done))]
            partnerships = []
            for project in projects:
                made = generator.partnerships(project, partners, partnership_pk)
                partnership_pk += len(made)
                partnerships.extend(made)
            tables[Project].write(projects)
            tables[Partnership].write(partnerships)
        done += len(projects)
        written.projects += len(projects)
        written.partnerships += len(partnerships)
        if progress:
            progress(len(projects), wanted + count)
    if connection.vendor == "postgresql":
        for table in tables.values():
            table.reset_sequence()
    written.seconds = time.perf_counter() - started
    return written


def figures(written: Written) -> dict:
    seconds = written.seconds or 1e-9
    return {
        "projects": written.projects,
        "partnerships": written.partnerships,
        "organisations": written.organisations,
        "rows": written.rows,
        "seconds": round(written.seconds, 2),
        "rows_per_second": round(written.rows / seconds),
        "projects_per_second": round(written.projects / seconds),
    }


def run(count: int, seed: int, output: str = "table") -> int:
    """`corridor bench generate N`: generate, then print what was written and how fast."""
    from tqdm import tqdm

    try:
        with tqdm(desc="generate", unit=" records", file=sys.stderr) as bar:

            def advance(records: int, total: int) -> None:
                bar.total = total  # organisations first, then projects
                bar.update(records)

            written = generate(count, seed, progress=advance)
    except NoSource as error:
        print(f"corridor bench generate: {error}", file=sys.stderr)
        return 1
    result = figures(written)
    if output == "json":
        print(json.dumps(result, indent=2))
    else:
        print(f"{'figure':<22} {'value':>12}")
        for name, value in result.items():
            print(f"{name:<22} {value:>12}")
        print("Generated records are not searchable yet: run `corridor index rebuild`.")
    return 0
