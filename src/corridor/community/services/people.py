"""Writes: people's and organisations' profiles and project ideas. Each write asks roles.py
first."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from corridor.community.models import (
    IdeaStatus,
    Interest,
    OrganisationProfile,
    Profile,
    ProjectIdea,
    Visibility,
)
from corridor.community.queries import (
    IDEA_EDITORS_ONLY,
    ORGANISATION_EDITORS_ONLY,
    representing_choices,
)
from corridor.community.roles import (
    acts_for,
    can_edit_idea,
    can_edit_organisation_profile,
    can_edit_profile,
    is_curator,
)
from corridor.lib.countries import ENGLISH_NAMES
from corridor.lib.schemas import MISSING_RECORD
from corridor.organisations.models import Organisation
from corridor.projects.models import Programme, Theme
from corridor.regions.models import Region

# People, organisation profiles and project ideas ----------------------------------------
# The inputs are plain dataclasses, filled by the page's form and by the API's schema alike;
# every value is checked here, whichever of them sent it.


@dataclass
class ProfileInput:
    name: str
    organisation: str = ""  # a registry organisation: its slug or its exact name
    organisation_name: str = ""  # otherwise its name in words
    position: str = ""
    representing: str = ""
    interested_in: list[str] = field(default_factory=list)  # Interest values
    themes: list[str] = field(default_factory=list)  # slugs
    countries: list[str] = field(default_factory=list)  # NUTS country codes
    regions: list[str] = field(default_factory=list)  # NUTS codes
    languages: list[str] = field(default_factory=list)  # ISO 639-1
    bio: str = ""
    visibility: str = Visibility.MEMBERS


@dataclass
class OrganisationProfileInput:
    description: str = ""
    representing: str = ""
    interested_in: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # where it looks for partners
    visibility: str = Visibility.PUBLIC


@dataclass
class IdeaInput:
    title: str
    summary: str
    programme: str = ""  # slug
    call: str = ""
    themes: list[str] = field(default_factory=list)
    partner_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    deadline: datetime.date | None = None
    organisation: str = ""  # slug of an organisation the author acts for


SIGN_IN_FIRST = "Sign in first."
LANGUAGE = re.compile(r"^[a-z]{2}$")


class _Checker:
    """Collects what is wrong with an input, field by field, and raises it all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def fail(self, name: str, message: str, code: str = "invalid") -> None:
        self.errors.setdefault(name, []).append(ValidationError(message, code=code))

    def text(self, name: str, value: str, max_length: int, required: bool = False) -> str:
        value = (value or "").strip()
        if required and not value:
            self.fail(name, "This field is required.")
        if len(value) > max_length:
            self.fail(name, f"At most {max_length} characters ({len(value)} given).")
        if "\x00" in value:
            self.fail(name, "Must not contain NUL characters.")
        return value

    def among(self, name: str, values: list[str], allowed, limit: int = 50) -> list[str]:
        values = list(dict.fromkeys(v.strip() for v in values or [] if v and v.strip()))
        unknown = [v for v in values if v not in allowed]
        if unknown:
            self.fail(name, f"Unknown value{'s' if len(unknown) > 1 else ''}: "
                            f"{', '.join(repr(v[:60]) for v in unknown[:5])}.")  # fmt: skip
        if len(values) > limit:
            self.fail(name, f"At most {limit} values.")
        return [v for v in values if v in allowed]

    def one_of(self, name: str, value: str, allowed) -> str:
        value = (value or "").strip()
        if value and value not in allowed:
            self.fail(name, f"Unknown value {value[:60]!r}.")
        return value

    def codes(self, name: str, values: list[str]) -> list[str]:
        return self.among(name, [v.strip().upper() for v in values or []], ENGLISH_NAMES)

    def records(self, name: str, model, key: str, values: list[str]) -> list:
        values = list(dict.fromkeys(v.strip() for v in values or [] if v and v.strip()))[:200]
        # PostgreSQL cannot compare text holding NUL: such a value is simply not found.
        asked = [v for v in values if "\x00" not in v]
        found = {getattr(r, key): r for r in model.objects.filter(**{f"{key}__in": asked})}
        missing = [v for v in values if v not in found]
        if missing:
            found_none = f"Not found: {', '.join(repr(v[:60]) for v in missing[:5])}."
            self.fail(name, found_none, code=MISSING_RECORD)
        return [found[v] for v in values if v in found]

    def interests(self, values: list[str]) -> list[str]:
        """Interest values, in the order of the choices (as the seed lists them)."""
        chosen = self.among("interested_in", values, Interest.values)
        return [value for value in Interest.values if value in chosen]

    def languages(self, values: list[str]) -> list[str]:
        codes = [v.strip().lower() for v in values or [] if v and v.strip()]
        wrong = [c for c in codes if not LANGUAGE.match(c)]
        if wrong:
            self.fail("languages", "Two-letter language codes (ISO 639-1), e.g. en, de, sv.")
        return list(dict.fromkeys(c for c in codes if LANGUAGE.match(c)))[:20]

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _registry_organisation(check: _Checker, value: str) -> Organisation | None:
    value = (value or "").strip()[:320]
    if not value:
        return None
    found = None
    if "\x00" not in value:  # PostgreSQL cannot compare text holding NUL
        found = (
            Organisation.objects.filter(slug=value).first()
            or Organisation.objects.filter(name__iexact=value).first()
        )
    if found is None:
        check.fail("organisation", f"No organisation {value[:80]!r} in the registry: choose one "
                                   "it suggests, or write the name in words instead.",
                   code=MISSING_RECORD)  # fmt: skip
    return found


# Addresses under /people/ and /ideas/ that are pages, not profiles or ideas.
RESERVED_SLUGS = {"me", "new", "organisations"}


def _unique_profile_slug(name: str) -> str:
    base = slugify(name)[:100] or "person"
    if base.startswith("sample-"):  # the demo's sample people's own (imports.py)
        base = f"person-{base}"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Profile.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_profile(user, data: ProfileInput, profile: Profile | None = None) -> Profile:
    """Create or update the user's own profile; with `profile`, update that one (its owner
    or a curator)."""
    if not user.is_authenticated:
        raise PermissionDenied(SIGN_IN_FIRST)
    if profile is None:
        profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    elif not can_edit_profile(user, profile):
        raise PermissionDenied("Only its owner and curators may change a profile.")
    check = _Checker()
    name = check.text("name", data.name, 150, required=True)
    if "@" in name:
        check.fail("name", "Give a name, not an e-mail address: others see it.")
    organisation = _registry_organisation(check, data.organisation)
    values = {
        "name": name,
        "organisation": organisation,
        "organisation_name": "" if organisation else check.text(
            "organisation_name", data.organisation_name, 300),
        "position": check.text("position", data.position, 200),
        "representing": check.one_of("representing", data.representing, representing_choices()),
        "interested_in": check.interests(data.interested_in),
        "countries": check.codes("countries", data.countries),
        "languages": check.languages(data.languages),
        "bio": check.text("bio", data.bio, 2000),
        "visibility": check.one_of("visibility", data.visibility, Visibility.values)
        or Visibility.MEMBERS,
    }  # fmt: skip
    themes = check.records("themes", Theme, "slug", data.themes)
    regions = check.records("regions", Region, "code", [c.upper() for c in data.regions or []])
    check.done()
    for name_, value in values.items():
        setattr(profile, name_, value)
    if not profile.slug:
        profile.slug = _unique_profile_slug(name)
    profile.save()
    profile.themes.set(themes)
    profile.regions.set(regions)
    return profile


def delete_profile(user, profile: Profile) -> None:
    if not can_edit_profile(user, profile):
        raise PermissionDenied("Only its owner and curators may delete a profile.")
    profile.delete()


@transaction.atomic
def save_organisation_profile(
    user, organisation: Organisation, data: OrganisationProfileInput
) -> OrganisationProfile:
    """Create or update what the organisation says of itself (its members, curators)."""
    if not can_edit_organisation_profile(user, organisation):
        raise PermissionDenied(ORGANISATION_EDITORS_ONLY)
    profile = OrganisationProfile.objects.filter(organisation=organisation).first()
    profile = profile or OrganisationProfile(organisation=organisation)
    check = _Checker()
    values = {
        "description": check.text("description", data.description, 4000),
        "representing": check.one_of("representing", data.representing, representing_choices()),
        "interested_in": check.interests(data.interested_in),
        "countries": check.codes("countries", data.countries),
        "visibility": check.one_of("visibility", data.visibility, Visibility.values)
        or Visibility.PUBLIC,
    }  # fmt: skip
    themes = check.records("themes", Theme, "slug", data.themes)
    check.done()
    for name, value in values.items():
        setattr(profile, name, value)
    if profile.sample or profile.source:
        # Its members' own words now: neither invented for the demo nor a curator's copy.
        profile.sample, profile.source = False, ""
    profile.save()
    profile.themes.set(themes)
    return profile


def _unique_idea_slug(title: str) -> str:
    base = slugify(title)[:200] or "idea"
    if base.startswith("sample-"):  # the demo's sample ideas' own (imports.py)
        base = f"idea-{base}"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or ProjectIdea.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _idea_values(user, data: IdeaInput, current: ProjectIdea | None) -> tuple[dict, list, list]:
    check = _Checker()
    programme = None
    if (data.programme or "").strip():
        slug = data.programme.strip()[:220]
        # PostgreSQL cannot compare text holding NUL: no slug holds one.
        programme = None if "\x00" in slug else Programme.objects.filter(slug=slug).first()
        if programme is None:
            check.fail("programme", f"No programme {data.programme[:80]!r}.", code=MISSING_RECORD)
    organisation = None
    if (data.organisation or "").strip():
        slug = data.organisation.strip()[:320]
        organisation = None if "\x00" in slug else Organisation.objects.filter(slug=slug).first()
        kept = (
            current is not None
            and organisation is not None
            and (organisation.pk == current.organisation_id)
        )
        if organisation is None:
            check.fail("organisation", "Name an organisation you act for, or none.",
                       code=MISSING_RECORD)  # fmt: skip
        elif not (kept or is_curator(user) or acts_for(user, [organisation.pk])):
            check.fail("organisation", "Name an organisation you act for, or none.")
    for name in ("budget_min", "budget_max"):
        amount = getattr(data, name)
        if amount is not None and (not amount.is_finite() or amount < 0 or amount >= 10**12):
            check.fail(name, "A budget in EUR, from 0 to below a trillion.")
    if (
        data.budget_min is not None
        and data.budget_max is not None
        and data.budget_max < data.budget_min
    ):
        check.fail("budget_max", "The largest budget is below the smallest.")
    values = {
        "title": check.text("title", data.title, 200, required=True),
        "summary": check.text("summary", data.summary, 6000, required=True),
        "programme": programme,
        "call": check.text("call", data.call, 200),
        "partner_types": check.among("partner_types", data.partner_types, representing_choices()),
        "countries": check.codes("countries", data.countries),
        "budget_min": data.budget_min,
        "budget_max": data.budget_max,
        "deadline": data.deadline,
        "organisation": organisation,
    }  # fmt: skip
    themes = check.records("themes", Theme, "slug", data.themes)
    regions = check.records("regions", Region, "code", [c.upper() for c in data.regions or []])
    check.done()
    return values, themes, regions


@transaction.atomic
def create_idea(user, data: IdeaInput) -> ProjectIdea:
    """Post a project idea: anyone signed in; they are its author."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to post a project idea.")
    values, themes, regions = _idea_values(user, data, None)
    idea = ProjectIdea(author=user, slug=_unique_idea_slug(values["title"]), **values)
    idea.save()
    idea.themes.set(themes)
    idea.regions.set(regions)
    return idea


@transaction.atomic
def update_idea(user, idea: ProjectIdea, data: IdeaInput) -> ProjectIdea:
    if not can_edit_idea(user, idea):
        raise PermissionDenied(IDEA_EDITORS_ONLY)
    values, themes, regions = _idea_values(user, data, idea)
    for name, value in values.items():
        setattr(idea, name, value)
    idea.save()
    idea.themes.set(themes)
    idea.regions.set(regions)
    return idea


def set_idea_status(user, idea: ProjectIdea, status: str) -> ProjectIdea:
    """Close an idea (it found its partners, or was given up) or open it again."""
    if not can_edit_idea(user, idea):
        raise PermissionDenied(IDEA_EDITORS_ONLY)
    if status not in IdeaStatus.values:
        raise ValidationError({"status": f"One of {', '.join(IdeaStatus.values)}."})
    if idea.status != status:
        idea.status = status
        idea.save(update_fields=["status", "updated_at"])
    return idea
