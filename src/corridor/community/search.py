"""People and project ideas in the Explore search, and the facets they fill: whom people
and organisations are looking for ("Looking for people interested in", "... representing",
the seed's words), and what an idea seeks. Only public profiles are indexed; closed ideas
stay in the index but leave the default results (the status facet brings them back)."""

from django.db.models import Prefetch

from corridor.community.models import IdeaStatus, Interest, Profile, ProjectIdea, Visibility
from corridor.community.queries import interests_line
from corridor.lib.countries import country_name
from corridor.organisations.models import Organisation
from corridor.projects.models import Programme
from corridor.regions.models import Region
from corridor.search.documents import (
    SearchDocument,
    document_id,
    join_text,
    place_names,
    region_facet,
)
from corridor.search.facets import Facet
from corridor.search.registry import SearchType, register, register_facet

SAMPLE_NOTE = "Sample profile: invented for the demo"
SAMPLE_IDEA_NOTE = "Sample idea: invented for the demo"


# People -----------------------------------------------------------------------------------
def person_queryset():
    return (
        Profile.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("organisation")
        .prefetch_related("themes", Prefetch("regions", Region.objects.order_by("code")))
    )


def person_document(profile: Profile) -> SearchDocument:
    themes = list(profile.themes.all())
    regions = list(profile.regions.all())
    organisation = profile.organisation
    countries = set(profile.countries)
    if organisation is not None and organisation.country_code:
        countries.add(organisation.country_code)
    interests = profile.interest_labels()
    return SearchDocument(
        id=document_id("person", profile.pk),
        type="person",
        title=profile.name,
        subtitle=" · ".join(
            filter(
                None, [profile.works_for, profile.position, SAMPLE_NOTE if profile.sample else ""]
            )
        ),
        url=profile.get_absolute_url(),
        body=join_text(
            profile.bio,
            interests_line(interests),
            f"Representing: {profile.representing}" if profile.representing else "",
            "Themes: " + ", ".join(t.name for t in themes) if themes else "",
            "Countries: " + ", ".join(country_name(c) for c in profile.countries)
            if profile.countries
            else "",
            ", ".join(place_names(regions)),
        ),
        names=" ".join([profile.name, profile.works_for]),
        date=profile.updated_at.date(),
        facets={
            "interested_in": list(profile.interested_in),
            "representing": [profile.representing] if profile.representing else [],
            "country": sorted(countries),
            "region": region_facet(regions),
            "theme": [t.slug for t in themes],
        },
    )


# Project ideas ----------------------------------------------------------------------------
def idea_queryset():
    return ProjectIdea.objects.select_related("programme", "organisation").prefetch_related(
        "themes", Prefetch("regions", Region.objects.order_by("code"))
    )


def idea_document(idea: ProjectIdea) -> SearchDocument:
    themes = list(idea.themes.all())
    regions = list(idea.regions.all())
    sought = [country_name(c) for c in idea.countries]
    budget = idea.budget_max if idea.budget_max is not None else idea.budget_min
    return SearchDocument(
        id=document_id("idea", idea.pk),
        type="idea",
        title=idea.title,
        subtitle=" · ".join(
            filter(
                None,
                [
                    "Project idea",
                    str(idea.programme) if idea.programme else "",
                    "Closed" if idea.status == IdeaStatus.CLOSED else "Looking for partners",
                    SAMPLE_IDEA_NOTE if idea.sample else "",
                ],
            )
        ),
        url=idea.get_absolute_url(),
        body=join_text(
            idea.summary,
            f"Call: {idea.call}" if idea.call else "",
            "Themes: " + ", ".join(t.name for t in themes) if themes else "",
            "Partners sought: " + ", ".join(idea.partner_types) if idea.partner_types else "",
            "Countries sought: " + ", ".join(sought) if sought else "",
            ", ".join(place_names(regions)),
        ),
        names=" ".join(
            filter(
                None, [idea.organisation.name if idea.organisation else "", *place_names(regions)]
            )
        ),  # fmt: skip
        date=idea.created_at.date(),
        budget=float(budget) if budget is not None else None,
        facets={
            "programme": [idea.programme.slug] if idea.programme else [],
            "theme": [t.slug for t in themes],
            "country": list(idea.countries),
            "region": region_facet(regions),
            "partner_type": list(idea.partner_types),
            "idea_status": [idea.status],
        },
    )


register_facet(
    Facet(
        "interested_in",
        "Looking for people interested in",
        order=30,
        labels=lambda: dict(Interest.choices),
    )
)
register_facet(Facet("representing", "Looking for people representing", order=40))
register_facet(Facet("partner_type", "Partner type sought", order=42))
register_facet(
    Facet(
        "idea_status",
        "Idea status",
        order=44,
        labels=lambda: {IdeaStatus.OPEN.value: "Open", IdeaStatus.CLOSED.value: "Closed"},
        hidden_unless_chosen=frozenset({IdeaStatus.CLOSED.value}),
    )
)
register(
    SearchType(
        name="person",
        label="People",
        model=Profile,
        to_document=person_document,
        queryset=person_queryset,
        related={
            Organisation: lambda organisation: list(
                organisation.people.values_list("pk", flat=True)
            ),
        },
    )
)
register(
    SearchType(
        name="idea",
        label="Project ideas",
        prior=1.0,
        model=ProjectIdea,
        to_document=idea_document,
        queryset=idea_queryset,
        related={
            Programme: lambda programme: list(programme.ideas.values_list("pk", flat=True)),
            Organisation: lambda organisation: list(
                organisation.ideas.values_list("pk", flat=True)
            ),
        },
    )
)
