"""The JSON API at /api/v1/. Each endpoint calls the read function its web page
calls and hands the result to a schema; the shapes live in schemas.py."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Query, Swagger
from ninja.pagination import paginate

from corridor.api import schemas as s
from corridor.learning.api import router as learning_router
from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import validation_message
from corridor.organisations.queries import organisation_profile, search_organisations
from corridor.plans.api import router as plans_router
from corridor.projects.queries import (
    programme_list,
    programme_profile,
    project_fact_sheet,
    search_projects,
)
from corridor.regions.queries import region_profile, search_regions
from corridor.search.api import router as search_router


class CorridorAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # Client generators name their methods after these; ninja's default prefixes the module.
        return operation.view_func.__name__


api = CorridorAPI(
    title="Corridor API",
    version="1",
    description="Interregional cooperation knowledge: projects, programmes, organisations and "
    "regions; events, good practices, documents and news; action plans, their progress and the "
    "programme indicators. Read-only but for the steps of the good-practice workflow, document "
    "uploads, and the steps and progress reports of action plans, which need a signed-in user. "
    "Amounts are EUR and rates percent, both as decimal strings.",
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
NOT_FOUND = {404: s.Message}


@api.exception_handler(Http404)
def not_found(request, exc):
    # The read functions' 404 says what is missing; ninja's default hides it outside DEBUG.
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


# The services raise Django's own errors; every endpoint answers them the same way, so none
# catches them itself.
@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    detail = str(exc) or "You may not do this."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": validation_message(exc)}, status=400)


@api.get("/projects", response=list[s.ProjectItem], tags=["projects"])
@paginate(LimitOffset)
def list_projects(request, query: Query[s.ProjectQuery]):
    """Projects matching every filter given; repeat a filter to accept any of its values."""
    return search_projects(query.filters())


@api.get("/projects/{slug}", response={200: s.ProjectDetail, **NOT_FOUND}, tags=["projects"])
def get_project(request, slug: s.Key):
    """A project's fact sheet."""
    sheet = project_fact_sheet(slug)
    return s.Profiled(sheet, sheet.project)


@api.get("/programmes", response=list[s.ProgrammeItem], tags=["programmes"])
def list_programmes(request):
    return programme_list()


@api.get("/programmes/{slug}", response={200: s.ProgrammeDetail, **NOT_FOUND}, tags=["programmes"])
def get_programme(request, slug: s.Key):
    profile = programme_profile(slug)
    return s.Profiled(profile, profile.programme)


@api.get("/organisations", response=list[s.OrganisationItem], tags=["organisations"])
@paginate(LimitOffset)
def list_organisations(request, query: Query[s.OrganisationQuery]):
    return search_organisations(query.q, query.country, query.type)


@api.get(
    "/organisations/{slug}",
    response={200: s.OrganisationDetail, **NOT_FOUND},
    tags=["organisations"],
)
def get_organisation(request, slug: s.Key):
    """An organisation with its track record and its partnerships, newest project first."""
    profile = organisation_profile(slug)
    return s.Profiled(profile, profile.organisation)


@api.get("/regions", response=list[s.RegionItem], tags=["regions"])
@paginate(LimitOffset)
def list_regions(request, query: Query[s.RegionQuery]):
    return search_regions(query.q, query.level, query.country or "")


@api.get("/regions/{code}", response={200: s.RegionDetail, **NOT_FOUND}, tags=["regions"])
def get_region(request, code: s.Key):
    """A NUTS region; its counts include everything in the regions it contains."""
    profile = region_profile(code)
    return s.Profiled(profile, profile.region)


api.add_router("/search", search_router)
api.add_router("/", learning_router)
api.add_router("/", plans_router)
