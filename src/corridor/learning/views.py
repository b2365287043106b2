"""Thin views: parse the request, call one function from queries.py or services.py, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from corridor.learning import feeds, queries, roles, services
from corridor.learning.files import mime_type
from corridor.learning.forms import (
    DocumentFilterForm,
    DocumentUploadForm,
    EventFilterForm,
    EventForm,
    NewsFilterForm,
    PracticeFilterForm,
    PracticeForm,
    TransitionForm,
)
from corridor.lib.isolated import Busy
from corridor.lib.paging import paginate
from corridor.search.documents import document_id
from corridor.search.services import similar_items


# Events -----------------------------------------------------------------------------------
def event_list(request):
    form = EventFilterForm(request.GET)
    page = paginate(request, queries.search_events(form.filters()))
    return render(request, "learning/event_list.html", {"form": form, "page": page})


def event_calendar(request):
    first = queries.parse_month(request.GET.get("month")) or queries.opening_month()
    month = queries.month_calendar(first)
    return render(request, "learning/event_calendar.html", {"calendar": month})


def event_detail(request, pk):
    event = queries.event_detail(pk)
    can_edit = roles.can_edit_event(request.user, event.project)
    return render(request, "learning/event_detail.html", {"event": event, "can_edit": can_edit})


@login_required
def event_edit(request, pk=None):
    event = queries.event_detail(pk) if pk else None
    if event is not None and not roles.can_edit_event(request.user, event.project):
        raise PermissionDenied("Only members of the event's project may change it.")
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _apply(
            request, form, services.save_event, request.user, form.cleaned_data,
            queries.event_detail(pk) if pk else None,
        )  # fmt: skip
        if saved:
            messages.success(request, "The event is saved.")
            return redirect(saved)
    return render(request, "learning/event_form.html", {"form": form, "event": event})


def _ical_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def events_ical(request):
    base = request.build_absolute_uri("/").rstrip("/")
    content = feeds.ical_calendar(queries.calendar_events(), "Corridor events", base)
    return _ical_response(content, "corridor-events.ics")


def project_events_ical(request, slug):
    base = request.build_absolute_uri("/").rstrip("/")
    events = queries.calendar_events(slug)
    return _ical_response(feeds.ical_calendar(events, f"{slug} events", base), f"{slug}.ics")


# Good practices ---------------------------------------------------------------------------
def practice_list(request):
    form = PracticeFilterForm(request.GET)
    page = paginate(request, queries.search_practices(form.filters()))
    return render(
        request,
        "learning/practice_list.html",
        {"form": form, "page": page, "mine": queries.practices_to_handle(request.user)},
    )


def practice_detail(request, pk):
    view = queries.practice_view(request.user, pk)
    similar = similar_items(document_id("good_practice", view.practice.pk))
    return render(
        request,
        "learning/practice_detail.html",
        {"view": view, "similar": similar, "similar_heading": "Similar good practices"},
    )


@login_required
def practice_create(request):
    form = PracticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "themes"}
        practice = _apply(
            request, form, services.create_practice, request.user, values,
            form.cleaned_data["themes"],
        )  # fmt: skip
        if practice:
            return redirect(practice)
    return render(request, "learning/practice_form.html", {"form": form})


@login_required
def practice_edit(request, pk):
    practice = queries.practice_for(request.user, pk)
    if not roles.can_edit_practice(request.user, practice):
        raise PermissionDenied("Only the author may edit this good practice now.")
    form = PracticeForm(request.POST or None, instance=practice, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "themes"}
        saved = _apply(
            request, form, services.update_practice, request.user,
            queries.practice_for(request.user, pk), values, form.cleaned_data["themes"],
        )  # fmt: skip
        if saved:
            return redirect(saved)
    return render(request, "learning/practice_form.html", {"form": form, "practice": practice})


@require_POST
@login_required
def practice_transition(request, pk):
    practice = queries.practice_for(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Unknown action.")
        return redirect(practice)
    try:
        services.transition_practice(
            request.user, practice, form.cleaned_data["action"], form.cleaned_data["note"]
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Done.")
    return redirect(practice)


def _apply(request, form, service, *args):
    """Calls a write service; a ValidationError lands on the form, PermissionDenied is 403."""
    try:
        return service(*args)
    except ValidationError as e:
        if hasattr(e, "error_dict"):
            for field, errors in e.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, e.messages)
        return None


# Documents --------------------------------------------------------------------------------
def document_list(request):
    form = DocumentFilterForm(request.GET)
    page = paginate(request, queries.search_documents(form.filters()))
    return render(request, "learning/document_list.html", {"form": form, "page": page})


def document_detail(request, pk):
    return render(
        request, "learning/document_detail.html", {"document": queries.document_detail(pk)}
    )


def document_download(request, pk):
    document = queries.document_file(pk)
    path = services.document_path(document.file_sha256)
    if not path.exists():
        return HttpResponse("The file is missing from this server.", status=410)
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
        as_attachment=document.file_type not in ("png", "jpg", "gif", "webp"),
        filename=document.file_name,
        content_type=mime_type(document.file_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def document_upload(request):
    form = DocumentUploadForm(request.POST or None, request.FILES or None, user=request.user)
    busy = None
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        try:
            document = _apply(
                request, form, services.upload_document, request.user,
                form.cleaned_data["file"], values,
            )  # fmt: skip
        except Busy as e:
            form.add_error("file", str(e))
            document, busy = None, e
        if document:
            messages.success(request, f"“{document.file_name}” is in the library.")
            return redirect(document)
    status = 503 if busy else 400 if request.method == "POST" else 200
    response = render(request, "learning/document_upload.html", {"form": form}, status=status)
    if busy:
        response["Retry-After"] = str(busy.retry_after)
    return response


# News -------------------------------------------------------------------------------------
def news_list(request):
    form = NewsFilterForm(request.GET)
    page = paginate(request, queries.search_news(form.filters()))
    return render(request, "learning/news_list.html", {"form": form, "page": page})


def news_detail(request, pk):
    return render(request, "learning/news_detail.html", {"item": queries.news_detail(pk)})
