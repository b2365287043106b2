from django.shortcuts import render

from corridor.community.queries import organisation_profile_for
from corridor.lib.paging import paginate
from corridor.organisations import queries
from corridor.organisations.forms import OrganisationFilterForm
from corridor.search.documents import document_id
from corridor.search.services import similar_items


def organisation_list(request):
    form = OrganisationFilterForm(request.GET)
    organisations = queries.search_organisations(form.filters())
    return render(
        request,
        "organisations/organisation_list.html",
        {"form": form, "page": paginate(request, organisations)},
    )


def organisation_detail(request, slug):
    profile = queries.organisation_profile(slug)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "profile": profile,
            # What it says of itself and its people, as the community app lets the user see.
            "community": organisation_profile_for(request.user, profile.organisation),
            "similar": similar_items(document_id("organisation", profile.organisation.pk)),
            "similar_heading": "Similar organisations",
        },
    )
