"""schema.org descriptions (JSON-LD) of the public record pages, for search engines and link
previews: a project, an organisation, an event, a news item. Each says only what the page
says; an unknown value is left out, not guessed."""

import datetime
import json
import zoneinfo
from decimal import Decimal
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from corridor.learning.models import Event, NewsItem
from corridor.lib.countries import country_name
from corridor.organisations.models import Organisation
from corridor.projects.models import Partnership, Project

CONTEXT = "https://schema.org"
# Inside <script> only "</" could end the element early; these escapes keep the JSON valid.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script(data: dict[str, Any]) -> SafeString:
    """The JSON-LD data block. The browser does not run it (its type is no script type),
    so the Content-Security-Policy, which allows no inline script, does not apply to it."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Without the empty values: unknown facts are not said."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _money(amount: Decimal | None) -> dict[str, Any] | None:
    if amount is None:
        return None
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": float(amount)}


def _organisation_ref(organisation: Organisation, absolute) -> dict[str, Any]:
    return _clean(
        {
            "@type": "Organization",
            "name": organisation.name,
            "url": absolute(organisation.get_absolute_url()),
        }
    )


def project(project: Project, partnerships: list[Partnership], absolute) -> dict[str, Any]:
    """A project: schema.org's Project, funded by its programme with the EU co-financing."""
    programme = project.programme
    funder = _clean({"@type": "Organization", "name": str(programme)}) if programme else None
    grant = _clean(
        {"@type": "MonetaryGrant", "funder": funder, "amount": _money(project.eu_cofinancing)}
    )
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Project",
            "name": project.acronym,
            "alternateName": project.title,
            "description": project.summary,
            "url": absolute(project.get_absolute_url()),
            "sameAs": project.website,
            "foundingDate": project.start_date and project.start_date.isoformat(),
            "dissolutionDate": project.end_date and project.end_date.isoformat(),
            "funder": funder,
            "funding": grant if len(grant) > 1 else None,
            "keywords": [theme.name for theme in project.themes.all()],
            "member": [
                {
                    "@type": "OrganizationRole",
                    "roleName": p.get_role_display(),
                    "member": _organisation_ref(p.organisation, absolute),
                }
                for p in partnerships
            ],
        }
    )


def organisation(organisation: Organisation, partnerships: list[Partnership], absolute) -> dict:
    """An organisation with its address and the projects it is a partner of."""
    country = organisation.country_code
    address = _clean(
        {
            "@type": "PostalAddress",
            "streetAddress": organisation.address,
            "addressRegion": organisation.region.display_name if organisation.region else "",
            "addressCountry": country,
        }
    )
    projects = {p.project_id: p.project for p in partnerships}
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": organisation.name,
            "alternateName": organisation.acronym,
            "url": absolute(organisation.get_absolute_url()),
            "sameAs": organisation.website,
            "address": address if len(address) > 1 else None,
            "areaServed": country_name(country) if country else "",
            "memberOf": [
                {"@type": "Project", "name": p.acronym, "url": absolute(p.get_absolute_url())}
                for p in projects.values()
            ],
        }
    )


def _moment(day: datetime.date | None, time: datetime.time | None, zone: str) -> str:
    if day is None:
        return ""
    if time is None:
        return day.isoformat()
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.datetime.combine(day, time).isoformat()
    return datetime.datetime.combine(day, time, tzinfo=tz).isoformat()


def event(event: Event, absolute) -> dict[str, Any]:
    """An event with its dates (in its own time zone), place or online, and organiser."""
    if event.online:
        location: dict[str, Any] = {
            "@type": "VirtualLocation",
            "url": absolute(event.get_absolute_url()),
        }
    else:
        country = event.country_code or (event.region.country_code if event.region else "")
        address = _clean(
            {
                "@type": "PostalAddress",
                "addressLocality": event.city,
                "addressRegion": event.region.display_name if event.region else "",
                "addressCountry": country,
            }
        )
        location = _clean({"@type": "Place", "name": event.venue or event.city, "address": address})
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": event.title,
            "description": event.description,
            "url": absolute(event.get_absolute_url()),
            "startDate": _moment(event.start_date, event.start_time, event.timezone),
            "endDate": _moment(event.end_date, event.end_time, event.timezone),
            "eventAttendanceMode": "https://schema.org/"
            + ("OnlineEventAttendanceMode" if event.online else "OfflineEventAttendanceMode"),
            "location": location if len(location) > 1 else None,
            "organizer": _organisation_ref(event.organiser, absolute) if event.organiser else None,
            "about": (
                {
                    "@type": "Project",
                    "name": event.project.acronym,
                    "url": absolute(event.project.get_absolute_url()),
                }
                if event.project
                else None
            ),
        }
    )


def news(item: NewsItem, absolute) -> dict[str, Any]:
    """A news item: its headline, date, source and the original article."""
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": item.title[:110],
            "name": item.title,
            "url": absolute(item.get_absolute_url()),
            "mainEntityOfPage": absolute(item.get_absolute_url()),
            "datePublished": item.published_at.isoformat() if item.published_at else "",
            "dateModified": item.updated_at.isoformat() if item.updated_at else "",
            "image": item.image_url,
            "isBasedOn": item.link,
            "publisher": _clean(
                {
                    "@type": "Organization",
                    "name": item.news_source.name,
                    "url": item.news_source.url,
                }
            ),
            "about": (
                {
                    "@type": "Project",
                    "name": item.project.acronym,
                    "url": absolute(item.project.get_absolute_url()),
                }
                if item.project
                else None
            ),
        }
    )
