from django.contrib import admin
from django.urls import include, path

from corridor.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("explore/", include("corridor.search.urls")),
    path("", include("corridor.projects.urls")),
    path("", include("corridor.organisations.urls")),
    path("", include("corridor.regions.urls")),
    path("", include("corridor.community.urls")),
    path("", include("corridor.learning.urls")),
    path("", include("corridor.plans.urls")),
    path("", include("corridor.web.urls")),
]
