"""Organisations in the Explore search, with what their public profile says they look for."""

from django.db.models import Prefetch

from corridor.community.models import OrganisationProfile, Visibility
from corridor.community.queries import interests_line
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project
from corridor.search.documents import SearchDocument, join_text, place_names, region_facet
from corridor.search.registry import SearchType, register


def organisation_queryset():
    return Organisation.objects.select_related("region").prefetch_related(
        Prefetch(
            "partnerships",
            Partnership.objects.select_related("project", "project__programme", "region"),
        ),
        Prefetch(
            "profile",
            OrganisationProfile.objects.filter(visibility=Visibility.PUBLIC),
            to_attr="public_profile",
        ),
    )


def organisation_document(organisation: Organisation) -> SearchDocument:
    partnerships = list(organisation.partnerships.all())
    projects = [p.project for p in partnerships]
    regions = {r for r in [organisation.region, *(p.region for p in partnerships)] if r}
    places = place_names(regions)
    profile = _public_profile(organisation)
    interests = interests_line(profile.interest_labels()) if profile else ""
    return SearchDocument(
        id=f"organisation:{organisation.pk}",
        type="organisation",
        title=organisation.display_name,
        subtitle=" · ".join(
            filter(None, [organisation.type, organisation.country_name, interests])
        ),
        url=organisation.get_absolute_url(),
        body=join_text(
            profile.description if profile else "",
            interests,
            f"Representing: {profile.representing}" if profile and profile.representing else "",
            organisation.type,
            organisation.former_names,
            organisation.address,
            ", ".join(places),
        ),
        # The projects it takes part in find it, weighed below the projects themselves.
        related="Projects: " + "; ".join(f"{p.acronym} {p.title}".strip() for p in projects)
        if projects
        else "",
        names=" ".join([organisation.name, organisation.acronym, *places]),
        facets={
            "country": [organisation.country_code] if organisation.country_code else [],
            "region": region_facet(regions),
            "role": sorted({p.role for p in partnerships}),
            "programme": sorted({p.programme.slug for p in projects if p.programme}),
            "interested_in": list(profile.interested_in) if profile else [],
            "representing": [profile.representing] if profile and profile.representing else [],
        },
        # Its own country and region, not those of the partnerships it took part in.
        primary={
            "country": [organisation.country_code] if organisation.country_code else [],
            "region": region_facet([organisation.region] if organisation.region else []),
        },
    )


def _public_profile(organisation: Organisation) -> OrganisationProfile | None:
    """Its profile if everyone may read it: prefetched by organisation_queryset."""
    if hasattr(organisation, "public_profile"):
        return organisation.public_profile
    return OrganisationProfile.objects.filter(
        organisation=organisation, visibility=Visibility.PUBLIC
    ).first()


register(
    SearchType(
        name="organisation",
        label="Organisations",
        model=Organisation,
        to_document=organisation_document,
        queryset=organisation_queryset,
        related={
            Partnership: lambda partnership: [partnership.organisation_id],
            Project: lambda project: list(
                project.partnerships.values_list("organisation_id", flat=True)
            ),
            OrganisationProfile: lambda profile: [profile.organisation_id],
        },
    )
)
