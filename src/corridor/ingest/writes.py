"""Writes the tabular importers share."""

import hashlib

from django.utils.text import slugify

from corridor.lib.imports.report import ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.organisations.models import Organisation, unique_slug

NAME_LENGTH = Organisation._meta.get_field("name").max_length


def organisation_for(
    name: str, values: dict, report: ImportReport, source: str, record_id: str = ""
) -> Organisation:
    """The organisation of that exact name. One another source (or a curator) created is
    used as it is: an import never overwrites facts it does not own. `other_names` are
    added to what is there."""
    existing = Organisation.objects.filter(name=name).first()
    others = [n for n in values.pop("other_names", []) if n and n != name]
    if existing is not None and existing.source != source:
        known = set(existing.other_names.splitlines())
        missing = [n for n in others if n not in known]
        if missing:
            existing.other_names = "\n".join([*existing.other_names.splitlines(), *missing])
            existing.save(update_fields=["other_names"])
            report.count("organisation", "changed")
        else:
            report.count("organisation", "unchanged")
        return existing
    if existing is not None:
        known = existing.other_names.splitlines()
        others = known + [n for n in others if n not in known]
    values["other_names"] = "\n".join(dict.fromkeys(others))
    if existing is None and not slugify(name):
        # A name in Cyrillic or Greek slugifies to nothing: take its Latin spelling, or a
        # digest, rather than counting up "organisation-N" one query at a time.
        latin = next((n for n in others if slugify(n)), "")
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
        values["slug"] = unique_slug(latin, f"organisation-{digest}")
    return upsert(
        Organisation, {"name": name}, values, report, "organisation",
        source=source, source_record_id=record_id or name,
    )  # fmt: skip
