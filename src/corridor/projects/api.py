"""Projects and programmes in the JSON API. Each endpoint calls the read function its page
calls and hands the result to a schema (schemas.py)."""

from ninja import Query, Router
from ninja.pagination import paginate

from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import NOT_FOUND, Key, Profiled
from corridor.projects.queries import (
    programme_list,
    programme_profile,
    project_fact_sheet,
    search_projects,
)
from corridor.projects.schemas import (
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
