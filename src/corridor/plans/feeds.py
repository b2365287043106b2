"""An Atom feed of the progress reported on approved plans: what changed, newest first, for
people who follow a project's or a country's plans (?project=slug, ?country=CC)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from corridor.lib.dates import format_date
from corridor.plans.models import PlanStatus, ProgressReport

LATEST = 50


class ProgressAtom(Feed):
    feed_type = Atom1Feed
    title = "Corridor: progress of the action plans"
    subtitle = "Each progress report on an approved action plan: where its actions stand."

    def get_object(self, request):
        # Filters of the feed, kept short: the feed URL is what people subscribe to.
        return {
            "project": request.GET.get("project", ""),
            "country": request.GET.get("country", ""),
        }

    def link(self, filters):
        return reverse("plan_list")

    def items(self, filters):
        reports = ProgressReport.objects.filter(plan__status=PlanStatus.APPROVED)
        if filters["project"]:
            reports = reports.filter(plan__project__slug=filters["project"])
        if filters["country"]:
            reports = reports.filter(plan__country_code=filters["country"].upper()[:2])
        return (
            reports.select_related("plan__project", "plan__partner")
            .prefetch_related("entries__action")
            .order_by("-period_end", "-pk")[:LATEST]
        )

    def item_title(self, report):
        plan = report.plan
        return (f"{plan.project.acronym}, {plan.title or plan.partner.display_name}: progress "
                f"to {format_date(report.period_end)}")  # fmt: skip

    def item_description(self, report):
        lines = [f"<p>{escape(report.summary)}</p>"] if report.summary else []
        entries = sorted(report.entries.all(), key=lambda e: e.action.number)
        lines.append("<ul>")
        for entry in entries:
            why = entry.reason or entry.evidence
            lines.append(
                f"<li>ACTION {entry.action.number} {escape(entry.action.title)}: "
                f"{escape(entry.get_status_display().lower())}"
                + (f" ({escape(why)})" if why else "")
                + "</li>"
            )
        lines.append("</ul>")
        return "".join(lines)

    def item_link(self, report):
        return f"{report.plan.get_absolute_url()}#reports"

    def item_guid(self, report):
        return f"progress-report-{report.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, report):
        return report.created_at

    def item_updateddate(self, report):
        return report.created_at

    def item_author_name(self, report):
        return report.plan.partner.display_name

    def item_categories(self, report):
        return [report.plan.project.acronym]
