"""Writes the tabular importers share."""

from corridor.ingest.report import ImportReport
from corridor.ingest.upsert import upsert
from corridor.organisations.models import Organisation

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
    return upsert(
        Organisation, {"name": name}, values, report, "organisation",
        source=source, source_record_id=record_id or name,
    )  # fmt: skip
