"""Projects and programmes in the Explore search."""

from django.db.models import Prefetch

from corridor.lib.countries import country_name
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Programme, Project, Role, Theme
from corridor.projects.objectives import objective_label
from corridor.search.documents import SearchDocument, join_text, place_names, region_facet
from corridor.search.facets import Facet
from corridor.search.registry import SearchType, register, register_facet


def project_queryset():
    return Project.objects.select_related("programme").prefetch_related(
        "themes",
        "stated_countries__country",
        Prefetch(
            "partnerships",
            Partnership.objects.select_related("organisation", "organisation__region", "region"),
        ),
    )


def project_document(project: Project) -> SearchDocument:
    partnerships = list(project.partnerships.all())
    themes = list(project.themes.all())
    regions = {p.region or p.organisation.region for p in partnerships} - {None}
    countries = {p.country_code for p in partnerships if p.country_code}
    countries |= {s.country.code for s in project.stated_countries.all()}
    partner_names = [p.organisation.display_name for p in partnerships]
    places = place_names(regions)
    programme = project.programme
    lead_partnerships = [p for p in partnerships if p.role == Role.LEAD]
    leads = [p.organisation.display_name for p in lead_partnerships]
    lead_regions = {p.region or p.organisation.region for p in lead_partnerships} - {None}
    return SearchDocument(
        id=f"project:{project.pk}",
        type="project",
        title=project.acronym,
        # As the programme pages present a project: who leads it and under which programme.
        subtitle=" · ".join(
            filter(
                None,
                [
                    project.title if project.title != project.acronym else "",
                    f"Lead Partner: {'; '.join(leads)}" if leads else "",
                    str(programme) if programme else "",
                ],
            )
        ),
        url=project.get_absolute_url(),
        body=join_text(
            project.title,
            project.summary,
            project.description,
            ", ".join(t.name for t in themes),
            objective_label(project.specific_objective),
            ", ".join(places + [country_name(c) for c in sorted(countries)]),
        ),
        # Its partners find it, but a project is about its own text, not their names.
        heading=project.title,
        related="Partners: " + "; ".join(partner_names) if partner_names else "",
        names=" ".join([project.acronym, *places]),
        language=project.summary_language,
        date=project.start_date,
        year_start=project.start_date.year if project.start_date else None,
        year_end=project.end_date.year if project.end_date else None,
        budget=float(project.total_budget or project.funding or 0) or None,
        facets={
            "programme": [programme.slug] if programme else [],
            "country": sorted(countries),
            "region": region_facet(regions),
            "theme": [t.slug for t in themes],
            "role": sorted({p.role for p in partnerships}),
        },
        primary={
            "country": sorted({p.country_code for p in lead_partnerships if p.country_code}),
            "region": region_facet(lead_regions),
        },
    )


def programme_document(programme: Programme) -> SearchDocument:
    objectives = sorted(set(programme.projects.values_list("specific_objective", flat=True)))
    return SearchDocument(
        id=f"programme:{programme.pk}",
        type="programme",
        title=str(programme),
        subtitle=programme.get_strand_display(),
        url=programme.get_absolute_url(),
        body=join_text(str(programme), *(f"{o} {objective_label(o)}" for o in objectives if o)),
        names=programme.name,
        language="en",
        facets={"programme": [programme.slug]},
    )


register_facet(
    Facet(
        "programme",
        "Programme",
        order=60,
        labels=lambda: {p.slug: str(p) for p in Programme.objects.all()},
    )
)
register_facet(
    Facet(
        "theme", "Theme", order=90, labels=lambda: dict(Theme.objects.values_list("slug", "name"))
    )
)
# Few roles (at most 15 combinations of four): counted through each document's combination.
register_facet(
    Facet(
        "role",
        "Partner role",
        order=100,
        labels=lambda: dict(Role.choices),
        count_combinations=True,
    )
)
register(
    SearchType(
        name="project",
        label="Projects",
        prior=3.0,
        model=Project,
        to_document=project_document,
        queryset=project_queryset,
        related={
            Partnership: lambda partnership: [partnership.project_id],
            Organisation: lambda organisation: list(
                organisation.partnerships.values_list("project_id", flat=True)
            ),
        },
    )
)
register(
    SearchType(
        name="programme",
        label="Programmes",
        prior=1.0,
        model=Programme,
        to_document=programme_document,
        queryset=Programme.objects.all,
        related={Project: lambda project: [project.programme_id]},
    )
)
