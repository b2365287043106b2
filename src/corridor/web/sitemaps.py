"""/sitemap.xml: the public pages, for search engines. Only what a visitor who is not signed
in may see: approved action plans and validated good practices, no drafts, no people."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from corridor.learning.models import Event, NewsItem
from corridor.learning.queries import search_practices
from corridor.organisations.models import Organisation
from corridor.plans.models import ActionPlan
from corridor.plans.roles import visible_plans
from corridor.projects.models import Programme, Project
from corridor.regions.models import Region


class SectionSitemap(Sitemap):
    """The home page and the lists of each section."""

    priority = 0.8

    def items(self):
        return [
            "home", "project_list", "programme_list", "organisation_list", "region_list",
            "event_list", "practice_list", "document_list", "news_list", "plan_list",
            "indicator_overview",
        ]  # fmt: skip

    def location(self, item):
        return reverse(item)


class RecordSitemap(Sitemap):
    """The records of one model, each at its get_absolute_url."""

    def __init__(self, queryset, lastmod_field: str = ""):
        self.queryset = queryset
        self.lastmod_field = lastmod_field

    def items(self):
        return self.queryset.order_by("pk")

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None


SITEMAPS = {
    "sections": SectionSitemap(),
    "projects": RecordSitemap(Project.objects.all()),
    "programmes": RecordSitemap(Programme.objects.all()),
    "organisations": RecordSitemap(Organisation.objects.all()),
    "regions": RecordSitemap(Region.objects.all()),
    "events": RecordSitemap(Event.objects.all(), "updated_at"),
    "news": RecordSitemap(NewsItem.objects.all(), "updated_at"),
    "good-practices": RecordSitemap(search_practices()),
    "action-plans": RecordSitemap(visible_plans(AnonymousUser(), ActionPlan.objects.all())),
}
