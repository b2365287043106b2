"""The community in the JSON API. Each endpoint calls the function its page calls; a
service's PermissionDenied or ValidationError becomes a 403 or 400 in the API's own handler,
a missing or hidden record a 404."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.security import django_auth

from corridor.community import queries, services
from corridor.community.schemas import (
    IdeaDetail,
    IdeaIn,
    IdeaItem,
    IdeaQuery,
    IdeaStatusIn,
    OrganisationProfileIn,
    OrganisationProfileOut,
    PersonDetail,
    PersonItem,
    PersonQuery,
    ProfileIn,
)
from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import Key, Message, Profiled
from corridor.organisations.models import Organisation

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 404: Message}


# People, organisation profiles and project ideas ----------------------------------------


def person_record(page: queries.PersonPage) -> Profiled:
    return Profiled(page, page.profile)


def idea_record(page: queries.IdeaPage) -> Profiled:
    return Profiled(page, page.idea)


@router.get("/people", response=list[PersonItem], tags=["people"])
@paginate(LimitOffset)
def list_people(request, query: Query[PersonQuery]):
    """People's profiles matching every filter given: public ones for everyone, those shown
    to members for signed-in users."""
    return queries.search_people(request.user, query.filters())


@router.put("/people/me", response={200: PersonDetail, **ERRORS}, auth=django_auth,
            tags=["people"])  # fmt: skip
def put_my_profile(request, profile: ProfileIn):
    """Create or replace the signed-in user's own profile."""
    saved = services.save_profile(request.user, profile.to_input())
    return person_record(queries.person_page(request.user, saved.slug))


@router.get("/people/{slug}", response={200: PersonDetail, 404: Message}, tags=["people"])
def get_person(request, slug: Key):
    """A person's profile, if the user may see it (a hidden one is missing for others)."""
    return person_record(queries.person_page(request.user, slug))


@router.get(
    "/organisations/{slug}/profile",
    response={200: OrganisationProfileOut, 404: Message},
    tags=["organisations"],
)
def get_organisation_profile(request, slug: Key):
    """What the organisation says of itself (null when it has no profile the user may see),
    its people with visible profiles and its learning record."""
    organisation = get_object_or_404(Organisation, slug=slug)
    return queries.organisation_profile_for(request.user, organisation)


@router.put(
    "/organisations/{slug}/profile",
    response={200: OrganisationProfileOut, **ERRORS},
    auth=django_auth,
    tags=["organisations"],
)
def put_organisation_profile(request, slug: Key, profile: OrganisationProfileIn):
    """Create or replace the organisation's profile (its members and curators)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    services.save_organisation_profile(request.user, organisation, profile.to_input())
    return queries.organisation_profile_for(request.user, organisation)


@router.get("/ideas", response=list[IdeaItem], tags=["project ideas"])
@paginate(LimitOffset)
def list_ideas(request, query: Query[IdeaQuery]):
    """Project ideas matching every filter given; open ones unless `status` says closed or
    all."""
    return queries.search_ideas(query.filters())


@router.post("/ideas", response={201: IdeaDetail, **ERRORS}, auth=django_auth,
             tags=["project ideas"])  # fmt: skip
def post_idea(request, idea: IdeaIn):
    """Post a project idea; the signed-in user is its author."""
    created = services.create_idea(request.user, idea.to_input())
    return Status(201, idea_record(queries.idea_page(request.user, created.slug)))


@router.get("/ideas/{slug}", response={200: IdeaDetail, 404: Message}, tags=["project ideas"])
def get_idea(request, slug: Key):
    return idea_record(queries.idea_page(request.user, slug))


@router.put("/ideas/{slug}", response={200: IdeaDetail, **ERRORS}, auth=django_auth,
            tags=["project ideas"])  # fmt: skip
def put_idea(request, slug: Key, idea: IdeaIn):
    """Replace a project idea (its author and curators)."""
    current = queries.editable_idea(request.user, slug)
    services.update_idea(request.user, current, idea.to_input())
    return idea_record(queries.idea_page(request.user, slug))


@router.post("/ideas/{slug}/status", response={200: IdeaDetail, **ERRORS}, auth=django_auth,
             tags=["project ideas"])  # fmt: skip
def set_idea_status(request, slug: Key, status: IdeaStatusIn):
    """Close an idea or open it again (its author and curators)."""
    current = queries.editable_idea(request.user, slug)
    services.set_idea_status(request.user, current, status.status)
    return idea_record(queries.idea_page(request.user, slug))
