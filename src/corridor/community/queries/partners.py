"""Reads: partner suggestions for a project idea or a running project, as the asking
person may see them."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from corridor.community.models import (
    Profile,
    ProjectIdea,
    Visibility,
)
from corridor.community.partnership_rules import check_consortium
from corridor.community.roles import (
    can_see_idea_suggestions,
    can_see_project_suggestions,
)
from corridor.community.suggestions import Consortium, suggest
from corridor.organisations.models import Organisation
from corridor.projects.models import Programme, Project
from corridor.search.analysis import detect_language


# Partner suggestions --------------------------------------------------------------------
@dataclass(frozen=True)
class SuggestedPerson:
    """Someone with a public profile who works for a suggested organisation."""

    slug: str
    name: str
    position: str
    sample: bool


@dataclass(frozen=True)
class SuggestionReason:
    kind: str  # the feature: topic, track, programme, area, copartner, nearby, complement...
    text: str
    points: float  # what it adds to the score


@dataclass(frozen=True)
class PartnerSuggestion:
    rank: int
    organisation: Organisation
    type: str
    country_code: str
    score: float
    percent: int  # of the first suggestion's score, for the bars
    reasons: list[SuggestionReason]
    people: list[SuggestedPerson]


@dataclass(frozen=True)
class ConsortiumWarning:
    rule: str  # countries, public_bodies, size
    text: str
    source: str


@dataclass(frozen=True)
class PartnerSuggestions:
    """Organisations that would fit an idea's or a project's consortium, best first, each
    with its reasons; and what the consortium lacks for its programme's rules."""

    kind: str  # idea or project
    slug: str
    title: str
    programme: Programme | None
    partners: list[Organisation]
    suggestions: list[PartnerSuggestion]
    warnings: list[ConsortiumWarning]


def idea_partner_suggestions(user, slug: str, limit: int = 10) -> PartnerSuggestions:
    """For the idea's author, the members of its organisation and curators."""
    idea = get_object_or_404(ProjectIdea.objects.select_related("programme"), slug=slug)
    if not can_see_idea_suggestions(user, idea):
        raise PermissionDenied("Only the idea's author and its organisation see its suggestions.")
    partners = [idea.organisation] if idea.organisation is not None else []
    text = " ".join(filter(None, [idea.title, idea.call, idea.summary]))
    consortium = Consortium(
        text=text,
        programme_id=idea.programme_id,
        partner_ids=tuple(p.pk for p in partners),
        theme_ids=tuple(idea.themes.values_list("pk", flat=True)),
        partner_types=tuple(idea.partner_types or ()),
        countries=tuple(idea.countries or ()),
        region_codes=tuple(idea.regions.values_list("code", flat=True)),
        language=detect_language(text) or "en",
        document_id=f"idea:{idea.pk}",
    )
    return _partner_suggestions("idea", idea.slug, idea.title, idea.programme, partners,
                                consortium, limit)  # fmt: skip


def project_partner_suggestions(user, slug: str, limit: int = 10) -> PartnerSuggestions:
    """For the project's partners' members, its programme's secretariat and curators."""
    project = get_object_or_404(Project.objects.select_related("programme"), slug=slug)
    if not can_see_project_suggestions(user, project):
        raise PermissionDenied(
            "Only the project's partners and its programme's secretariat see its suggestions."
        )
    partners = list(
        Organisation.objects.filter(partnerships__project=project)
        .select_related("region")
        .order_by("partnerships__position")
        .distinct()
    )
    consortium = Consortium(
        text=" ".join(filter(None, [project.acronym, project.title, project.summary])),
        programme_id=project.programme_id,
        partner_ids=tuple(p.pk for p in partners),
        theme_ids=tuple(project.themes.values_list("pk", flat=True)),
        project_id=project.pk,
        language=project.summary_language or "en",
        document_id=f"project:{project.pk}",
    )
    title = f"{project.acronym}: {project.title}" if project.title else project.acronym
    return _partner_suggestions("project", project.slug, title, project.programme, partners,
                                consortium, limit)  # fmt: skip


def _partner_suggestions(
    kind: str,
    slug: str,
    title: str,
    programme: Programme | None,
    partners: list[Organisation],
    consortium: Consortium,
    limit: int,
) -> PartnerSuggestions:
    scored = suggest(consortium, limit=max(1, min(limit, 50)))
    organisations = Organisation.objects.select_related("region").in_bulk(
        [s.organisation_id for s in scored]
    )
    people: dict[int, list[SuggestedPerson]] = {}
    for profile in Profile.objects.filter(
        organisation_id__in=organisations, visibility=Visibility.PUBLIC
    ).order_by("name"):
        people.setdefault(profile.organisation_id or 0, []).append(
            SuggestedPerson(profile.slug, profile.name, profile.position, profile.sample)
        )
    top = scored[0].score if scored and scored[0].score > 0 else 1.0
    suggestions = [
        PartnerSuggestion(
            rank=rank,
            organisation=organisations[s.organisation_id],
            type=organisations[s.organisation_id].type,
            country_code=organisations[s.organisation_id].country_code,
            score=round(s.score, 3),
            percent=round(100 * s.score / top),
            reasons=[SuggestionReason(k, text, round(points, 3)) for k, text, points in s.reasons],
            people=people.get(s.organisation_id, []),
        )
        for rank, s in enumerate(scored, start=1)
    ]
    warnings = [ConsortiumWarning(*w) for w in check_consortium(programme, partners)]
    return PartnerSuggestions(kind, slug, title, programme, partners, suggestions, warnings)
