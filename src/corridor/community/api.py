"""The community's endpoints."""

from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from corridor.community import queries
from corridor.community.schemas import PartnerSuggestions
from corridor.lib.schemas import Key, Message

router = Router(tags=["community"])
ERRORS = {401: Message, 403: Message, 404: Message}


# Partner suggestions --------------------------------------------------------------------
class SuggestionQuery(Schema):
    limit: int = Field(10, ge=1, le=50, description="How many organisations.")


@router.get(
    "/ideas/{slug}/suggestions",
    response={200: PartnerSuggestions, **ERRORS},
    auth=django_auth,
)
def idea_suggestions(request, slug: Key, filters: Query[SuggestionQuery]):
    """Organisations that would fit the idea's consortium, with their reasons, and the
    programme's rules the consortium does not meet yet. For the idea's author, its
    organisation's members and curators."""
    return queries.idea_partner_suggestions(request.user, slug, filters.limit)


@router.get(
    "/projects/{slug}/suggestions",
    response={200: PartnerSuggestions, **ERRORS},
    auth=django_auth,
)
def project_suggestions(request, slug: Key, filters: Query[SuggestionQuery]):
    """Organisations that would fit the project's consortium, with their reasons. For its
    partners' members, its programme's secretariat and curators."""
    return queries.project_partner_suggestions(request.user, slug, filters.limit)
