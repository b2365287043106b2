from django.shortcuts import render

from corridor.organisations import queries
from corridor.organisations.forms import OrganisationFilterForm
from corridor.web.paging import paginate


def organisation_list(request):
    form = OrganisationFilterForm(request.GET)
    organisations = queries.search_organisations(**form.search_arguments())
    return render(
        request,
        "organisations/organisation_list.html",
        {"form": form, "page": paginate(request, organisations)},
    )


def organisation_detail(request, slug):
    return render(
        request,
        "organisations/organisation_detail.html",
        {"profile": queries.organisation_profile(slug)},
    )
