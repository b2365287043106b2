"""The people side of the demo (data/community-seeds.json): the seed's real organisation
profile (Hochschule Wismar, as seed page 004 shows it) and a few sample people and project
ideas, invented for the demo and flagged as such. Everything is checked first, then written
in one transaction, so that a re-run changes nothing and bad input writes nothing.
`remove_samples` takes the invented part away again."""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from corridor.community.models import (
    ORGANISATION_TYPES,
    IdeaStatus,
    Interest,
    OrganisationProfile,
    Profile,
    ProjectIdea,
    Visibility,
)
from corridor.lib.countries import ENGLISH_NAMES
from corridor.lib.imports.json_rows import RowReader, read_object
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import set_many, upsert
from corridor.organisations.models import Organisation, Ownership
from corridor.projects.models import Programme, Theme
from corridor.regions.models import Region

SEED_FILE = Path(__file__).parent / "data" / "community-seeds.json"
# The accounts of sample people: no password to sign in with, no e-mail address.
SAMPLE_USER_PREFIX = "sample-"


def import_community(path: Path = SEED_FILE, progress=None) -> ImportReport:
    data = read_object(path, "organisations and samples")
    source = data.get("source", "community")
    reader = _Reader(path, source)
    organisations = [
        reader.organisation(i, item) for i, item in enumerate(data.get("organisations", []), 1)
    ]
    samples = data.get("samples", {})
    people = [reader.person(i, item) for i, item in enumerate(samples.get("people", []), 1)]
    keys = {p.key for p in people}
    ideas = [reader.idea(i, item, keys) for i, item in enumerate(samples.get("ideas", []), 1)]
    report = ImportReport(source=source)
    try:
        with transaction.atomic():
            for values, profile in organisations:
                name = values.pop("name")
                organisation = upsert(Organisation, {"name": name}, values, report,
                                      "organisation", source, f"{source}: {name}")  # fmt: skip
                upsert(OrganisationProfile, {"organisation": organisation}, profile, report,
                       "organisation profile")  # fmt: skip
                _tick(progress)
            users = {}
            for person in people:
                users[person.key] = user = _sample_user(person.key, report)
                profile = upsert(Profile, {"user": user}, person.values, report, "sample profile")
                set_many(profile, "themes", person.themes, report, "profile themes")
                set_many(profile, "regions", person.regions, report, "profile regions")
                _tick(progress)
            for idea in ideas:
                values = {**idea.values, "author": users[idea.author]}
                saved = upsert(ProjectIdea, {"slug": idea.slug}, values, report, "sample idea")
                set_many(saved, "themes", idea.themes, report, "idea themes")
                set_many(saved, "regions", idea.regions, report, "idea regions")
                _tick(progress)
    except ValidationError as e:
        raise ImportFailed(path, "; ".join(e.messages)) from e
    return report


def _sample_user(key: str, report: ImportReport) -> User:
    username = f"{SAMPLE_USER_PREFIX}{key}"
    user = User.objects.filter(username=username).first()
    if user is not None:
        report.count("sample account", "unchanged")
        return user
    user = User(username=username)
    user.set_unusable_password()
    user.save()
    report.count("sample account", "created")
    return user


@transaction.atomic
def remove_samples() -> dict[str, int]:
    """Delete what was invented for the demo: sample ideas, person and organisation
    profiles, and the sample accounts that held them (which have no password). Returns how
    many of each were deleted."""
    accounts = list(
        User.objects.filter(username__startswith=SAMPLE_USER_PREFIX)
        .filter(Q(profile__sample=True) | Q(ideas__sample=True))
        .values_list("pk", flat=True)
        .distinct()
    )
    counts = {
        "ideas": _delete(ProjectIdea.objects.filter(sample=True)),
        "profiles": _delete(Profile.objects.filter(sample=True)),
        "organisation profiles": _delete(OrganisationProfile.objects.filter(sample=True)),
    }
    # An account goes once nothing but samples was its own.
    unused = User.objects.filter(pk__in=accounts, profile__isnull=True, ideas__isnull=True)
    counts["accounts"] = _delete(unused.exclude(pk__in=_with_usable_password(accounts)))
    return counts


def _delete(queryset) -> int:
    label = queryset.model._meta.label
    return queryset.delete()[1].get(label, 0)


def _with_usable_password(pks: list[int]) -> list[int]:
    return [u.pk for u in User.objects.filter(pk__in=pks) if u.has_usable_password()]


def _tick(progress) -> None:
    if progress:
        progress(1)


@dataclass
class _Person:
    key: str
    values: dict
    themes: list
    regions: list


@dataclass
class _Idea:
    slug: str
    author: str
    values: dict
    themes: list
    regions: list


def _region_of(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


class _Reader(RowReader):
    """Turns the file's rows into model values, raising ImportFailed on the first bad one."""

    def __init__(self, path, source: str):
        super().__init__(path, source, projects={}, region_of=_region_of)
        self.themes = {t.slug: t for t in Theme.objects.all()}

    def countries(self, item: dict, name: str, row: int) -> list[str]:
        codes = self.codes(item, name, row)
        for code in codes:
            if code not in ENGLISH_NAMES:
                self.fail(f"unknown country code {code!r}", row, name)
        return codes

    def codes(self, item: dict, name: str, row: int) -> list[str]:
        values = item.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.fail("expected a list of texts", row, name)
        return [v.strip() for v in values if v.strip()]

    def interests(self, item: dict, row: int) -> list[str]:
        values = self.codes(item, "interested_in", row)
        for value in values:
            if value not in Interest.values:
                self.fail(f"unknown interest {value!r}; one of {', '.join(Interest.values)}",
                          row, "interested_in")  # fmt: skip
        return [v for v in Interest.values if v in values]

    def theme_list(self, item: dict, row: int) -> list:
        slugs = self.codes(item, "themes", row)
        for slug in slugs:
            if slug not in self.themes:
                self.fail(f"no theme {slug!r}; import the seeds first", row, "themes")
        return [self.themes[s] for s in slugs]

    def region_list(self, item: dict, row: int) -> list:
        regions = []
        for code in self.codes(item, "regions", row):
            region = self.region_of(code)
            if region is None:
                self.fail(f"unknown NUTS code {code!r}", row, "regions")
            regions.append(region)
        return regions

    def type_of(self, item: dict, name: str, row: int, required: bool = False) -> str:
        value = self.text(item, name, row, required)
        if value and value not in ORGANISATION_TYPES:
            self.fail(f"not one of the partner types: {value!r}", row, name)
        return value

    def organisation(self, row: int, item: dict) -> tuple[dict, dict]:
        profile = item.get("profile")
        if not isinstance(profile, dict):
            self.fail("expected the organisation's profile", row, "profile")
        country = self.text(item, "country", row, required=True)
        if country not in ENGLISH_NAMES:
            self.fail(f"unknown country code {country!r}", row, "country")
        values = {
            "name": self.text(item, "name", row, required=True),
            "country_code": country,
            "region": self.region(item, row),
            "type": self.type_of(item, "type", row),
            "ownership": self.choice(item, "ownership", Ownership, row),
            "website": self.text(item, "website", row),
        }
        profile_values = {
            "representing": self.type_of(profile, "representing", row),
            "interested_in": self.interests(profile, row),
            "visibility": self.choice(profile, "visibility", Visibility, row),
            "description": self.text(profile, "description", row),
            "source": self.source,
            "sample": False,
        }
        return values, profile_values

    def person(self, row: int, item: dict) -> _Person:
        key = self.text(item, "key", row, required=True)
        name = self.text(item, "name", row, required=True)
        values = {
            "slug": f"sample-{key}",
            "name": name,
            "organisation": None,
            "organisation_name": self.text(item, "organisation_name", row),
            "position": self.text(item, "position", row),
            "representing": self.type_of(item, "representing", row),
            "interested_in": self.interests(item, row),
            "countries": self.countries(item, "countries", row),
            "languages": self.codes(item, "languages", row),
            "bio": self.text(item, "bio", row),
            "visibility": self.choice(item, "visibility", Visibility, row),
            "sample": True,
        }
        return _Person(key, values, self.theme_list(item, row), self.region_list(item, row))

    def idea(self, row: int, item: dict, authors: set[str]) -> _Idea:
        slug = self.text(item, "slug", row, required=True)
        if not slug.startswith("sample-"):
            self.fail("a sample idea's slug starts with 'sample-'", row, "slug")
        author = self.text(item, "author", row, required=True)
        if author not in authors:
            self.fail(f"no sample person {author!r}", row, "author")
        programme = None
        if code := self.text(item, "programme", row):
            programme = Programme.objects.filter(slug=code).first()
            if programme is None:
                self.fail(f"no programme {code!r}; import the seeds first", row, "programme")
        types = self.codes(item, "partner_types", row)
        for value in types:
            if value not in ORGANISATION_TYPES:
                self.fail(f"not one of the partner types: {value!r}", row, "partner_types")
        budget_min = self.decimal(item, "budget_min", row)
        budget_max = self.decimal(item, "budget_max", row)
        if budget_min is not None and budget_max is not None and budget_max < budget_min:
            self.fail("the largest budget is below the smallest", row, "budget_max")
        values = {
            "title": self.text(item, "title", row, required=True),
            "summary": self.text(item, "summary", row, required=True),
            "programme": programme,
            "call": self.text(item, "call", row),
            "partner_types": types,
            "countries": self.countries(item, "countries", row),
            "budget_min": budget_min,
            "budget_max": budget_max,
            "deadline": self.date(item, "deadline", row),
            "status": self.choice(item, "status", IdeaStatus, row),
            "organisation": None,
            "sample": True,
        }
        return _Idea(slug, author, values, self.theme_list(item, row), self.region_list(item, row))
