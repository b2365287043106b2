"""Writes shared by the imports and the curated fixtures."""

from django.utils.text import slugify

from corridor.lib.imports.report import ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.projects.models import Programme, Project, Theme


def programme_for(
    name: str, period: str, strand: str, report: ImportReport, source: str = ""
) -> Programme:
    existing = Programme.objects.filter(name=name, period=period).first()
    values = {"strand": strand or (existing.strand if existing else "")}
    if existing is None:
        values["slug"] = _free_slug(Programme, slugify(f"{name} {period}") or "programme")
    return upsert(
        Programme, {"name": name, "period": period}, values, report, "programme",
        source=source, source_record_id=f"{name} {period}".strip(),
    )  # fmt: skip


def theme_named(name: str, report: ImportReport) -> Theme:
    theme = Theme.objects.filter(name=name).first()
    if theme is None:
        theme = Theme.objects.create(name=name, slug=_free_slug(Theme, slugify(name) or "theme"))
        report.count("theme", "created")
    return theme


def unique_project_slug(acronym: str, programme: Programme | None, qualifier: str = "") -> str:
    """The acronym's slug; when taken, qualified by project type, then by programme."""
    base = slugify(acronym)[:200] or "project"
    candidates = [base]
    if qualifier:
        candidates.append(f"{base}-{slugify(qualifier)}")
    if programme is not None:
        candidates.append(f"{base}-{programme.slug}")
    for candidate in candidates:
        if not Project.objects.filter(slug=candidate).exists():
            return candidate
    return _free_slug(Project, candidates[-1])


def _free_slug(model, base: str) -> str:
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
