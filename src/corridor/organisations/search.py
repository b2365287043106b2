"""Organisations in the Explore search."""

from django.db.models import Prefetch

from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project
from corridor.search.documents import SearchDocument, join_text, place_names, region_facet
from corridor.search.registry import SearchType, register


def organisation_queryset():
    return Organisation.objects.select_related("region").prefetch_related(
        Prefetch(
            "partnerships",
            Partnership.objects.select_related("project", "project__programme", "region"),
        )
    )


def organisation_document(organisation: Organisation) -> SearchDocument:
    partnerships = list(organisation.partnerships.all())
    projects = [p.project for p in partnerships]
    regions = {r for r in [organisation.region, *(p.region for p in partnerships)] if r}
    places = place_names(regions)
    return SearchDocument(
        id=f"organisation:{organisation.pk}",
        type="organisation",
        title=organisation.display_name,
        subtitle=" · ".join(filter(None, [organisation.type, organisation.country_name])),
        url=organisation.get_absolute_url(),
        body=join_text(
            organisation.type,
            organisation.former_names,
            organisation.address,
            ", ".join(places),
            "Projects: " + "; ".join(f"{p.acronym} {p.title}".strip() for p in projects)
            if projects
            else "",
        ),
        names=" ".join([organisation.name, organisation.acronym, *places]),
        facets={
            "country": [organisation.country_code] if organisation.country_code else [],
            "region": region_facet(regions),
            "role": sorted({p.role for p in partnerships}),
            "programme": sorted({p.programme.slug for p in projects if p.programme}),
        },
    )


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
        },
    )
)
