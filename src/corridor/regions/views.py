from django.shortcuts import render

from corridor.lib.paging import paginate
from corridor.regions import maps, queries
from corridor.regions.forms import RegionFilterForm


def region_list(request):
    form = RegionFilterForm(request.GET)
    regions = queries.search_regions(form.filters())
    return render(
        request, "regions/region_list.html", {"form": form, "page": paginate(request, regions)}
    )


def region_detail(request, code):
    profile = queries.region_profile(code)
    return render(
        request,
        "regions/region_detail.html",
        {
            "profile": profile,
            "map": maps.region_locator(profile.region),
            "organisations": paginate(request, profile.organisations, "organisations_page"),
            "projects": paginate(request, profile.projects, "projects_page"),
        },
    )
