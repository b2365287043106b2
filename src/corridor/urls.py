from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from corridor.api.api import api
from corridor.web.sitemaps import SITEMAPS

# The admin signs in through allauth's sign-in, and so under its rate limits
# (ACCOUNT_RATE_LIMITS): Django's own admin form counts no failures.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("explore/", include("corridor.search.urls")),
    # An index of one sitemap per section: each stays under the 50,000 addresses a file holds.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", include("corridor.projects.urls")),
    path("", include("corridor.organisations.urls")),
    path("", include("corridor.regions.urls")),
    path("", include("corridor.community.urls")),
    path("", include("corridor.learning.urls")),
    path("", include("corridor.plans.urls")),
    path("", include("corridor.extraction.urls")),
    path("", include("corridor.web.urls")),
]
