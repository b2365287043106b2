"""Writes on organisations: de-duplication (find, merge, undo). The CLI, the admin and any
API call these functions."""

from dataclasses import dataclass, field
from typing import cast

from django.core import serializers
from django.db import transaction
from django.db.models import Count, ManyToManyField, ManyToManyRel
from django.utils import timezone

from corridor.organisations.dedupe import Candidate, Match, find_matches
from corridor.organisations.models import (
    MergeMethod,
    MergeProposal,
    Organisation,
    OrganisationMerge,
    ProposalStatus,
)

# Fields of the kept organisation that a merge fills in when they are empty.
FILLABLE = ("acronym", "type", "ownership", "country_code", "region", "address", "website")


@dataclass
class DedupeResult:
    merged: list[OrganisationMerge] = field(default_factory=list)
    proposed: list[Match] = field(default_factory=list)
    certain: list[Match] = field(default_factory=list)


def candidates(queryset=None) -> list[Candidate]:
    queryset = (queryset or Organisation.objects.all()).annotate(n=Count("partnerships"))
    return [
        Candidate(
            id=o.pk,
            name=o.name,
            acronym=o.acronym,
            other_names=tuple(n for n in o.other_names.splitlines() if n.strip()),
            country=o.country_code,
            partnerships=o.n,
            curated=not o.source,
        )  # fmt: skip
        for o in queryset
    ]


def dedupe(apply: bool = False) -> DedupeResult:
    """Find duplicates; with apply, merge the certain ones and store the others as
    proposals for a curator (a rejected proposal is not proposed again)."""
    result = DedupeResult()
    rejected = set(
        MergeProposal.objects.exclude(status=ProposalStatus.OPEN).values_list("first", "second")
    )
    for match in find_matches(candidates()):
        if (match.first.id, match.second.id) in rejected:
            continue
        (result.certain if match.certain else result.proposed).append(match)
    if not apply:
        return result
    with transaction.atomic():
        gone: set[int] = set()
        for match in result.certain:
            keep, drop = match.keep_and_drop()
            if keep.id in gone or drop.id in gone:
                continue  # merged already in this run, through another pair
            merge = merge_organisations(
                Organisation.objects.get(pk=keep.id), Organisation.objects.get(pk=drop.id),
                match.reason, MergeMethod.AUTOMATIC,
            )  # fmt: skip
            gone.add(drop.id)
            result.merged.append(merge)
        for match in result.proposed:
            if match.first.id in gone or match.second.id in gone:
                continue
            MergeProposal.objects.update_or_create(
                first_id=match.first.id, second_id=match.second.id,
                defaults={"score": match.score, "reason": match.reason[:300]},
            )  # fmt: skip
    return result


def _relations():
    """Every foreign key to Organisation, from any app, including those of the tables behind
    many-to-many fields (a plan's co-authors): (model, field name)."""
    for relation in Organisation._meta.related_objects:
        if relation.one_to_many and relation.related_model not in (
            OrganisationMerge,
            MergeProposal,
        ):
            yield relation.related_model, relation.field.name
        elif isinstance(relation, ManyToManyRel):
            # Set when the apps load: the table Django made, or the one the field names.
            through, m2m = relation.through, relation.field
            assert through is not None and isinstance(m2m, ManyToManyField)
            if through._meta.auto_created:
                yield through, m2m.m2m_reverse_field_name()


def _link_clashes(model, name: str, keep: Organisation, drop: Organisation):
    """Rows of a many-to-many table that would link the same record to `keep` twice."""
    if not model._meta.auto_created:
        return model.objects.none()
    (other,) = [
        f.name for f in model._meta.fields if f.is_relation and f.name != name
    ]  # the record's side
    linked_to_keep = model.objects.filter(**{name: keep}).values(other)
    return model.objects.filter(**{name: drop, f"{other}__in": linked_to_keep})


@transaction.atomic
def merge_organisations(
    keep: Organisation, drop: Organisation, reason: str, method: str = MergeMethod.CURATOR
) -> OrganisationMerge:
    """Move everything of `drop` to `keep` and delete `drop`, keeping what is needed to undo."""
    if keep.pk == drop.pk:
        raise ValueError("an organisation cannot be merged into itself")
    from corridor.projects.models import Partnership

    snapshot = serializers.serialize("python", [drop])[0]["fields"]
    moved: dict[str, dict[str, list[int]]] = {}
    dropped = []
    projects_of_keep = set(keep.partnerships.values_list("project_id", flat=True))
    for partnership in drop.partnerships.all():
        if partnership.project_id in projects_of_keep:
            dropped.append(serializers.serialize("python", [partnership])[0])
            partnership.delete()
    for model, name in _relations():
        for clash in _link_clashes(model, name, keep, drop):
            dropped.append(serializers.serialize("python", [clash])[0])
            clash.delete()
        ids = list(model.objects.filter(**{name: drop}).values_list("pk", flat=True))
        if ids:
            model.objects.filter(pk__in=ids).update(**{name: keep})
            moved.setdefault(model._meta.label, {})[name] = ids
    filled = []
    for name in FILLABLE:
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))
            filled.append(name)
    known = set(keep.other_names.splitlines()) | {keep.name}
    added = [n for n in [drop.name, *drop.other_names.splitlines()] if n and n not in known]
    keep.other_names = "\n".join([*keep.other_names.splitlines(), *added])
    merge = OrganisationMerge.objects.create(
        kept=keep, merged_id=drop.pk, merged_name=drop.name, snapshot=snapshot, moved=moved,
        dropped=dropped, filled=filled, added_names=added, reason=reason[:300], method=method,
    )  # fmt: skip
    drop.delete()  # its proposals go with it: the merge keeps the reason
    keep.save()
    assert not Partnership.objects.filter(organisation_id=merge.merged_id).exists()
    return merge


@transaction.atomic
def undo_merge(merge: OrganisationMerge) -> Organisation:
    """Bring the merged organisation back, with its id, its facts and its rows."""
    if merge.undone_at is not None:
        raise ValueError(f"the merge of {merge.merged_name!r} was undone already")
    keep = merge.kept
    restored = next(
        serializers.deserialize(
            "python",
            [
                {
                    "model": "organisations.organisation",
                    "pk": merge.merged_id,
                    "fields": merge.snapshot,
                }
            ],
        )  # fmt: skip
    )
    restored.save()
    from django.apps import apps

    for label, fields in merge.moved.items():
        model = apps.get_model(label)
        for name, ids in fields.items():
            model.objects.filter(pk__in=ids, **{name: keep}).update(**{name: merge.merged_id})
    for row in serializers.deserialize("python", merge.dropped):
        row.save()
    for name in merge.filled:
        if getattr(keep, name) == getattr(restored.object, name):
            setattr(keep, name, "" if name != "region" else None)
    keep.other_names = "\n".join(
        n for n in keep.other_names.splitlines() if n not in set(merge.added_names)
    )
    keep.save()
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    return cast(Organisation, restored.object)  # deserialized as organisations.organisation


@transaction.atomic
def decide_proposal(proposal: MergeProposal, accept: bool) -> OrganisationMerge | None:
    """A curator's decision on a proposal: merge the two (the curated one, or the one with
    more partnerships, is kept) or reject it for good."""
    if proposal.status != ProposalStatus.OPEN:
        raise ValueError("this proposal was decided already")
    if not accept:
        proposal.status = ProposalStatus.REJECTED
        proposal.save(update_fields=["status"])
        return None
    pair = candidates(Organisation.objects.filter(pk__in=[proposal.first_id, proposal.second_id]))
    keep, drop = Match(pair[0], pair[1], False, proposal.score, proposal.reason).keep_and_drop()
    return merge_organisations(
        Organisation.objects.get(pk=keep.id), Organisation.objects.get(pk=drop.id),
        proposal.reason, MergeMethod.CURATOR,
    )  # fmt: skip
