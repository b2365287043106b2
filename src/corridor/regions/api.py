"""NUTS regions in the JSON API."""

from ninja import Query, Router
from ninja.pagination import paginate

from corridor.lib.pagination import LimitOffset
from corridor.lib.schemas import NOT_FOUND, Key, Profiled
from corridor.regions.queries import region_profile, search_regions
from corridor.regions.schemas import RegionDetail, RegionItem, RegionQuery

router = Router(tags=["regions"])


@router.get("/regions", response=list[RegionItem])
@paginate(LimitOffset)
def list_regions(request, query: Query[RegionQuery]):
    return search_regions(query.filters())


@router.get("/regions/{code}", response={200: RegionDetail, **NOT_FOUND})
def get_region(request, code: Key):
    """A NUTS region; its counts include everything in the regions it contains."""
    profile = region_profile(code)
    return Profiled(profile, profile.region)
