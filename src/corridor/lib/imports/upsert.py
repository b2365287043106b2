"""Idempotent writes: a record is saved only when a value differs, so re-running an
import changes nothing and reports every record as unchanged."""

from typing import TypeVar

from django.db import models
from django.utils import timezone

from corridor.lib.imports.report import ImportReport
from corridor.lib.provenance import Provenanced

M = TypeVar("M", bound=models.Model)


def upsert(
    model: type[M],
    lookup: dict,
    values: dict,
    report: ImportReport,
    kind: str,
    source: str = "",
    source_record_id: str = "",
) -> M:
    provenanced = issubclass(model, Provenanced)
    if provenanced:
        values = {**values, "source": source, "source_record_id": source_record_id}
    values = {k: v for k, v in values.items() if k not in lookup}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        if isinstance(obj, Provenanced):
            obj.imported_at = timezone.now()
        obj.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
        obj.save()
        report.count(kind, "created")
        return obj
    changed = [name for name, value in values.items() if _differs(getattr(obj, name), value)]
    if not changed:
        report.count(kind, "unchanged")
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    if isinstance(obj, Provenanced):
        obj.imported_at = timezone.now()
    obj.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
    obj.save()
    report.count(kind, "changed")
    return obj


def _differs(current, new) -> bool:
    if isinstance(current, models.Model) or isinstance(new, models.Model):
        return getattr(current, "pk", None) != getattr(new, "pk", None)
    return current != new


def set_many(obj: models.Model, field: str, targets: list, report: ImportReport, kind: str):
    """Set a many-to-many relation, counting it as a change only when it differs."""
    manager = getattr(obj, field)
    current = {t.pk for t in manager.all()}
    if current == {t.pk for t in targets}:
        return
    manager.set(targets)
    report.count(kind, "changed" if current else "created")
