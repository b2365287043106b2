from django.shortcuts import render

from corridor.projects.queries import latest_projects
from corridor.regions.queries import site_counts


def home(request):
    return render(
        request, "web/home.html", {"counts": site_counts(), "projects": latest_projects()}
    )
