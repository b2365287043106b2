"""Template helpers of the learning pages, and the learning section of a project's page."""

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from corridor.learning import files, queries

register = template.Library()

register.filter("file_type_label", files.file_type_label)


@register.simple_tag
def max_upload_size() -> str:
    return filesizeformat(settings.DOCUMENT_MAX_BYTES)


@register.inclusion_tag("learning/_project_learning.html")
def project_learning(project) -> dict:
    return {"project": project, "learning": queries.project_learning(project)}
