from django.urls import path

from corridor.organisations import views as organisations
from corridor.projects import views as projects
from corridor.regions import views as regions
from corridor.web import views as web

urlpatterns = [
    path("", web.home, name="home"),
    path("projects/", projects.project_list, name="project_list"),
    path("projects/<slug:slug>/", projects.project_detail, name="project_detail"),
    path("programmes/", projects.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", projects.programme_detail, name="programme_detail"),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path(
        "organisations/<slug:slug>/",
        organisations.organisation_detail,
        name="organisation_detail",
    ),
    path("regions/", regions.region_list, name="region_list"),
    path("regions/<str:code>/", regions.region_detail, name="region_detail"),
]
