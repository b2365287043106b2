"""Projects and programmes, and the collaboration networks, in the JSON API. Each endpoint
calls the read function its page calls and hands the result to a schema (schemas.py)."""

from ninja import Query, Router
from ninja.pagination import paginate

from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import NOT_FOUND, Key, Profiled
from corridor.projects import networks
from corridor.projects.queries import (
    programme_list,
    programme_profile,
    project_fact_sheet,
    search_projects,
)
from corridor.projects.schemas import (
    NetworkOut,
    ProgrammeDetail,
    ProgrammeItem,
    ProjectDetail,
    ProjectItem,
    ProjectQuery,
)

router = Router()


@router.get("/projects", response=list[ProjectItem], tags=["projects"])
@paginate(LimitOffset)
def list_projects(request, query: Query[ProjectQuery]):
    """Projects matching every filter given; repeat a filter to accept any of its values."""
    return search_projects(query.filters())


@router.get("/projects/{slug}", response={200: ProjectDetail, **NOT_FOUND}, tags=["projects"])
def get_project(request, slug: Key):
    """A project's fact sheet."""
    sheet = project_fact_sheet(slug)
    return Profiled(sheet, sheet.project)


@router.get("/programmes", response=list[ProgrammeItem], tags=["programmes"])
def list_programmes(request):
    return programme_list()


@router.get("/programmes/{slug}", response={200: ProgrammeDetail, **NOT_FOUND}, tags=["programmes"])
def get_programme(request, slug: Key):
    profile = programme_profile(slug)
    return Profiled(profile, profile.programme)


# Collaboration networks: what the network pages draw and list (networks.py).
@router.get("/projects/{slug}/network", response={200: NetworkOut, **NOT_FOUND}, tags=["networks"])
def get_project_network(request, slug: Key):
    """The project's partners and their regions, joined by every project they shared."""
    return networks.project_networks(slug)


@router.get(
    "/organisations/{slug}/network", response={200: NetworkOut, **NOT_FOUND}, tags=["networks"]
)
def get_organisation_network(request, slug: Key):
    """Whom the organisation worked with, and with one another, in its projects."""
    return networks.organisation_networks(slug)


@router.get("/regions/{code}/network", response={200: NetworkOut, **NOT_FOUND}, tags=["networks"])
def get_region_network(request, code: Key):
    """The organisations and regions of the projects with a partner in the region."""
    return networks.region_networks(code)


@router.get(
    "/programmes/{slug}/network", response={200: NetworkOut, **NOT_FOUND}, tags=["networks"]
)
def get_programme_network(request, slug: Key):
    """The organisations and regions of the programme's projects."""
    return networks.programme_networks(slug)
