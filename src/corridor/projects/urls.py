from django.urls import path

from corridor.projects import views

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    # Networks of partnerships, which this app holds, also of organisations and regions.
    path("projects/<slug:slug>/network/", views.project_network, name="project_network"),
    path("programmes/<slug:slug>/network/", views.programme_network, name="programme_network"),
    path(
        "organisations/<slug:slug>/network/",
        views.organisation_network,
        name="organisation_network",
    ),
    path("regions/<str:code>/network/", views.region_network, name="region_network"),
]
