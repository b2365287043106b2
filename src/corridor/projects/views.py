from django.shortcuts import render

from corridor.lib.paging import paginate, render_list
from corridor.projects import networks, queries
from corridor.projects.forms import ProjectFilterForm
from corridor.regions import maps
from corridor.search.documents import document_id
from corridor.search.services import similar_items


def project_list(request):
    form = ProjectFilterForm(request.GET)
    page = paginate(request, queries.search_projects(form.filters()))
    return render_list(
        request,
        "projects/project_list.html",
        "projects/_results.html",
        {"form": form, "page": page},
    )


def project_detail(request, slug):
    sheet = queries.project_fact_sheet(slug)
    where = maps.partners_map(sheet.project.acronym, sheet.partnerships, sheet.countries)
    similar = similar_items(document_id("project", sheet.project.pk))
    return render(
        request,
        "projects/project_detail.html",
        {"sheet": sheet, "map": where, "similar": similar, "similar_heading": "Similar projects"},
    )


def programme_list(request):
    return render(request, "projects/programme_list.html", {"programmes": queries.programme_list()})


def programme_detail(request, slug):
    profile = queries.programme_profile(slug)
    projects = queries.search_projects(queries.ProjectFilters(programmes=[slug], sort="-start"))
    return render(
        request,
        "projects/programme_detail.html",
        {"profile": profile, "page": paginate(request, projects)},
    )


# Collaboration networks: one page of two networks for a project, organisation, region or
# programme.
def _network_page(request, networks):
    return render(request, "projects/networks.html", {"networks": networks})


def project_network(request, slug):
    return _network_page(request, networks.project_networks(slug))


def organisation_network(request, slug):
    return _network_page(request, networks.organisation_networks(slug))


def region_network(request, code):
    return _network_page(request, networks.region_networks(code))


def programme_network(request, slug):
    return _network_page(request, networks.programme_networks(slug))
