"""Extraction use cases shared by the CLI, the admin and the bench: read a file, extract the
project facts, and put them in the review queue (or, in a dry run, only report them)."""

from dataclasses import dataclass, field
from pathlib import Path

from corridor.extraction.reading import language, read_file
from corridor.extraction.rules import ProjectFacts, extract, jsonable

# Fields that take one value per project; the fact with the highest confidence wins.
SINGLE = ("acronym", "title", "programme", "lead_partner", "total_budget", "eu_cofinancing",
          "cofinancing_rate", "cofinancing_source", "funding", "start_date", "end_date",
          "duration_months", "project_manager", "stated_region_count")  # fmt: skip


@dataclass
class FileExtraction:
    path: str
    kind: str
    language: str
    text: str
    projects: list[ProjectFacts] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "file": self.path, "kind": self.kind, "language": self.language,
            "projects": [
                {"record": jsonable(assemble(p)), "facts": [f.as_json(self.text) for f in p.facts]}
                for p in self.projects
            ],
        }  # fmt: skip


def extract_file(path: Path) -> FileExtraction:
    text, kind = read_file(path)
    return FileExtraction(str(path), kind, language(text), text, extract(text))


def assemble(project: ProjectFacts) -> dict:
    """One record from a project's facts: the surest value of each single field, partners
    (advisory partners named as such on the page), phases, actions, news."""
    record: dict = {}
    for name in SINGLE:
        facts = [f for f in project.facts if f.field == name]
        if facts:
            record[name] = max(facts, key=lambda f: f.confidence).value
    advisory = {a.casefold() for a in project.all("advisory_partner")}
    partners, seen = [], set()
    for partner in project.all("partner"):
        key = partner["organisation"].casefold()
        if key in seen:
            continue
        seen.add(key)
        role = partner["role"]
        if role != "lead" and (
            key in advisory or (partner.get("acronym") or "").casefold() in advisory
        ):
            role = "advisory"
        partners.append({**partner, "role": role})
    for name in sorted(advisory):
        if not any(name in (p["organisation"].casefold(), (p.get("acronym") or "").casefold())
                   for p in partners):  # fmt: skip
            original = next(a for a in project.all("advisory_partner") if a.casefold() == name)
            partners.append({"organisation": original, "role": "advisory", "country": "",
                             "acronym": ""})  # fmt: skip
    if partners:
        record["partners"] = partners
    for many, key in (("phase", "phases"), ("action", "actions"), ("news", "news"),
                      ("event", "events"), ("theme", "themes")):  # fmt: skip
        if found := project.all(many):
            record[key] = found
    return record


# Fields a landed fact writes on the project (actions land in the project's action plans,
# events as its learning events; the other facts stay in the queue as records of what the
# page said: phases, news, partners' countries).
PROJECT_FIELDS = ("title", "total_budget", "eu_cofinancing", "cofinancing_rate",
                  "cofinancing_source", "funding", "start_date", "end_date", "duration_months",
                  "project_manager", "stated_region_count")  # fmt: skip


def ingest(paths: list[Path], dry_run: bool = False, project: str = "") -> list[FileExtraction]:
    """Extract from each file; unless dry_run, queue every fact for review (a file whose
    text was read before is not queued again). Nothing lands on the records here.

    `project` is the acronym of the project the pages are about, for pages that never
    write it (seed 002 says "INTER VENTURES"): it is queued as an accepted fact, the
    curator's own statement, beside what the page says."""
    import hashlib

    from django.db import transaction
    from django.utils import timezone

    from corridor.extraction.models import ExtractedDocument, ExtractedFact, FactStatus

    results = [extract_file(Path(p)) for p in paths]
    if dry_run:
        return results
    with transaction.atomic():
        for result in results:
            digest = hashlib.sha256(result.text.encode("utf-8")).hexdigest()
            document, created = ExtractedDocument.objects.get_or_create(
                sha256=digest,
                defaults={"name": Path(result.path).name[:300], "kind": result.kind,
                          "language": result.language, "text": result.text},
            )  # fmt: skip
            if not created:
                continue
            for n, found in enumerate(result.projects, start=1):
                key = str(found.first("acronym") or f"project {n} of {document.name}")[:300]
                if project and not found.first("acronym"):
                    ExtractedFact.objects.create(
                        document=document, project_key=key, field="acronym", value=project,
                        start=0, end=0, span="", rule="stated by the curator (--project)",
                        confidence=1.0, status=FactStatus.ACCEPTED, decided_at=timezone.now(),
                    )  # fmt: skip
                ExtractedFact.objects.bulk_create(
                    ExtractedFact(
                        document=document,
                        project_key=key,
                        field=f.field,
                        value=jsonable(f.value),
                        start=f.start,
                        end=f.end,
                        span=result.text[f.start : f.end],
                        rule=f.rule[:100],
                        confidence=f.confidence,
                    )  # fmt: skip
                    for f in found.facts
                )
    return results


def decide(facts, status: str, value=None) -> int:
    """A curator's decision on facts: accepted, rejected, or edited (with the new value)."""
    from django.utils import timezone

    from corridor.extraction.models import FactStatus

    if status not in FactStatus.values or status == FactStatus.PENDING:
        raise ValueError(f"not a decision: {status!r}")
    count = 0
    for fact in facts:
        if fact.landed_at is not None:
            continue  # what has landed is corrected on the record itself
        fact.status = status
        if status == FactStatus.EDITED:
            fact.value = value
        fact.decided_at = timezone.now()
        fact.save(update_fields=["status", "value", "decided_at"])
        count += 1
    return count


@dataclass
class Landing:
    projects: list = field(default_factory=list)
    landed: int = 0
    conflicts: list[str] = field(default_factory=list)
    waiting: int = 0


def land(document) -> Landing:
    """Write a document's accepted facts on the projects they describe. A project is found
    by its accepted acronym, or created. A value that differs from one the project already
    has is not written: the fact keeps a note of the conflict, for a curator to settle on
    the project itself, with both values and their sources in view. An action lands in the
    one action plan whose partner or co-author its heading names (plans are never created
    from a page); an event lands as a learning event of the project, unless one of the same
    title is there already."""
    from django.db import transaction
    from django.utils import timezone

    from corridor.extraction.models import FactStatus
    from corridor.ingest.writes import organisation_for
    from corridor.lib.imports.report import ImportReport
    from corridor.projects.models import Partnership, Programme, Project, Role
    from corridor.projects.services import unique_project_slug

    result = Landing()
    source = f"extracted:{document.name}"[:100]
    report = ImportReport(source=source)
    accepted = (FactStatus.ACCEPTED, FactStatus.EDITED)
    with transaction.atomic():
        facts = list(document.facts.filter(landed_at__isnull=True))
        result.waiting = sum(1 for f in facts if f.status == FactStatus.PENDING)
        by_project: dict[str, list] = {}
        for fact in facts:
            if fact.status in accepted:
                by_project.setdefault(fact.project_key, []).append(fact)
        now = timezone.now()
        for key, project_facts in by_project.items():
            acronym = next((f.value for f in project_facts if f.field == "acronym"), None)
            if not acronym:
                for fact in project_facts:
                    fact.note = "waits for an accepted acronym"
                    fact.save(update_fields=["note"])
                continue
            project = Project.objects.filter(acronym__iexact=acronym).order_by("pk").first()
            if project is None:
                project = Project(acronym=acronym, slug=unique_project_slug(acronym, None),
                                  source=source, source_record_id=key, imported_at=now)  # fmt: skip
                project.save()
            result.projects.append(project)
            for fact in project_facts:
                value, note = fact.value, ""
                if fact.field in PROJECT_FIELDS:
                    value = Project._meta.get_field(fact.field).to_python(value)
                    current = getattr(project, fact.field)
                    if current in (None, "") or current == value:
                        setattr(project, fact.field, value)
                    else:
                        note = (
                            f"conflict: the project has {current} ({project.source or 'curated'})"
                        )
                elif fact.field == "programme":
                    programmes = list(Programme.objects.filter(name__iexact=value))
                    if (
                        project.programme_id
                        and project.programme.name.casefold() != value.casefold()
                    ):
                        note = f"conflict: the project is in {project.programme}"
                    elif len(programmes) == 1:
                        project.programme = programmes[0]
                    elif not project.programme_id:
                        note = (
                            f"{len(programmes)} programmes named {value!r}: choose on the project"
                        )
                elif fact.field == "partner":
                    organisation = organisation_for(value["organisation"][:300],
                                                    {"country_code": value.get("country", "")},
                                                    report, source)  # fmt: skip
                    role = value.get("role") if value.get("role") in Role.values else Role.PARTNER
                    if not project.partnerships.filter(organisation=organisation).exists():
                        Partnership.objects.create(
                            project=project, organisation=organisation, role=role,
                            position=project.partnerships.count() + 1, source=source,
                            source_record_id=key, imported_at=now,
                        )  # fmt: skip
                elif fact.field == "action":
                    note = _land_action(project, value)
                elif fact.field == "event":
                    note = _land_event(project, value, fact.span, source, key, now)
                if note:
                    fact.note = note[:300]
                    result.conflicts.append(f"{key} {fact.field}: {note}")
                    fact.save(update_fields=["note"])
                    continue
                fact.landed_at, fact.note = now, ""
                fact.save(update_fields=["landed_at", "note"])
                result.landed += 1
            project.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
            project.save()
    return result


def _organisation_names(organisation) -> set[str]:
    """An organisation's names, acronym and other names, folded; too short ones left out."""
    from corridor.organisations.dedupe import fold

    names = [organisation.name, organisation.acronym, *organisation.other_names.splitlines(),
             *organisation.former_names.splitlines()]  # fmt: skip
    return {folded for name in names if len(folded := fold(name)) >= 3}


def plans_named(project, heading: str) -> list:
    """The project's action plans whose partner or a co-author the heading names ("POLAND
    (Rzeszow Regional Development Agency and ...)"), accents, case and punctuation aside."""
    from corridor.organisations.dedupe import fold

    words = f" {fold(heading)} "
    found = []
    plans = project.action_plans.select_related("partner").prefetch_related("co_authors")
    for plan in plans.order_by("pk"):
        for organisation in (plan.partner, *plan.co_authors.all()):
            if any(f" {name} " in words for name in _organisation_names(organisation)):
                found.append(plan)
                break
    return found


def _land_action(project, value: dict) -> str:
    """Put an action in its plan; the note that keeps the fact back, or ""."""
    from corridor.plans.models import Action

    try:
        number, title = int(value["number"]), str(value["title"]).strip()[:300]
        heading = str(value.get("heading") or "").strip()
    except (TypeError, KeyError, ValueError, AttributeError):
        return "not an action: a number, a title and a heading are needed"
    if number < 1:
        return f"ACTION {number}: actions are numbered from 1"
    plans = plans_named(project, heading) if heading else []
    if not plans:
        return (f"no action plan of {project.acronym} names {heading or '(no heading)'}: "
                "create the plan first")  # fmt: skip
    if len(plans) > 1:
        return (f"several action plans of {project.acronym} name {heading} "
                f"({'; '.join(str(p) for p in plans)}): add the action to one by hand")  # fmt: skip
    plan = plans[0]
    action = plan.actions.filter(number=number).first()
    if action is None:
        Action.objects.create(plan=plan, number=number, title=title,
                              description=str(value.get("description") or ""))  # fmt: skip
        return ""
    if action.title.casefold().split() == title.casefold().split():
        return ""
    return f"conflict: ACTION {number} of {plan} is titled {action.title!r}"


# The learning event type of each kind of event a page names; others are interregional.
EVENT_TYPES = {
    "kick-off": "kick_off", "kickoff": "kick_off", "kick-off meeting": "kick_off",
    "kickoff meeting": "kick_off", "interregional meeting": "interregional_meeting",
    "project meeting": "partner_meeting", "partner meeting": "partner_meeting",
    "meeting": "partner_meeting", "treffen": "partner_meeting", "réunion": "partner_meeting",
    "reunión": "partner_meeting", "riunione": "partner_meeting", "spotkanie": "partner_meeting",
    "learning camp": "learning_camp", "peer review": "peer_review",
    "study visit": "thematic_visit", "thematic visit": "thematic_visit",
    "stakeholder meeting": "stakeholder_meeting", "webinar": "webinar",
    "workshop": "workshop", "seminar": "workshop", "conference": "conference",
    "konferenz": "conference", "conférence": "conference", "conferencia": "conference",
    "conferenza": "conference", "konferencja": "conference", "open event": "conference",
}  # fmt: skip


def event_title(project, value: dict) -> str:
    """ "InterVentures interregional meeting 1, Pécs" (as the curated events are titled),
    "ClusterFY project meeting, Košice, Slovakia, 2018-11-13"."""
    kind = str(value.get("type") or "event").strip()
    title = f"{project.acronym} {kind}"
    if value.get("number"):
        title += f" {value['number']}"
    if place := str(value.get("place") or "").strip():
        title += f", {place}"
    if value.get("start_date") and not value.get("number"):
        title += f", {value['start_date']}"
    return title[:300]


def _land_event(project, value: dict, span: str, source: str, key: str, now) -> str:
    """A learning event of the project, unless one of the same title is there already."""
    import datetime

    from django.core.exceptions import ValidationError

    from corridor.learning.models import Event, EventType
    from corridor.lib.countries import country_code

    if not isinstance(value, dict):
        return "not an event: a type, dates and a place are needed"
    title = event_title(project, value)
    if any(t.casefold() == title.casefold()
           for t in project.events.values_list("title", flat=True)):  # fmt: skip
        return ""
    kind = EVENT_TYPES.get(str(value.get("type") or "").casefold(),
                           EventType.INTERREGIONAL_MEETING)  # fmt: skip
    event = Event(project=project, type=kind, title=title, source=source,
                  source_record_id=key[:300], imported_at=now)  # fmt: skip
    start, end = value.get("start_date"), value.get("end_date")
    if start:
        try:
            event.start_date = datetime.date.fromisoformat(str(start))
            event.end_date = datetime.date.fromisoformat(str(end)) if end else None
        except ValueError:
            return f"not a date: {start} - {end}"
    else:
        event.date_note = f"No date on the page: {' '.join(span.split())}"[:300]
    place = str(value.get("place") or "").strip()
    if place.casefold() == "online":
        event.online = True
    elif place:
        city, _, country = place.rpartition(",")
        if city and (code := country_code(country.strip())):
            event.city, event.country_code = city.strip()[:120], code
        elif len(place.split()) == 1:
            event.city = place[:120]
        else:
            event.venue = place[:300]
    try:
        event.full_clean()
    except ValidationError as error:
        return f"not an event: {'; '.join(error.messages)}"
    event.save()
    return ""


# The curator's page and the API: a page uploaded or pasted, its facts in the queue.
UPLOAD_KINDS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


def ingest_upload(name: str, content: bytes):
    """Queue the facts of one uploaded or pasted page (text, HTML, PDF or DOCX); returns its
    ExtractedDocument (the one already queued when the same text was read before)."""
    import hashlib
    import tempfile

    from corridor.extraction.models import ExtractedDocument
    from corridor.extraction.reading import ReadFailed
    from corridor.lib.document_text import TextLimits, TooMuch, extract_text

    suffix = Path(name).suffix.lower() or ".txt"
    if suffix not in UPLOAD_KINDS:
        raise ReadFailed(name, f"is not one of {', '.join(UPLOAD_KINDS)}")
    if suffix == ".docx":  # read here, in the limits of uploads; then queued as its text
        try:
            content = extract_text("docx", content, TextLimits.from_settings()).encode("utf-8")
        except (TooMuch, Exception) as e:  # python-docx raises many kinds on broken files
            raise ReadFailed(name, f"not a readable DOCX ({e})") from e
        suffix = ".txt"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(name).stem[:200] + suffix)
        path.write_bytes(content)
        (result,) = ingest([path])
    digest = hashlib.sha256(result.text.encode("utf-8")).hexdigest()
    return ExtractedDocument.objects.get(sha256=digest)


def highlighted(document) -> list[tuple[str, list[int]]]:
    """The document's text cut where facts' spans begin and end: (piece, ids of the facts
    whose span holds it), for a page that marks every span."""
    facts = list(document.facts.all())
    cuts = sorted({0, len(document.text), *(f.start for f in facts), *(f.end for f in facts)})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        ids = [f.id for f in facts if f.start <= a and b <= f.end and f.start < f.end]
        pieces.append((document.text[a:b], ids))
    return pieces
