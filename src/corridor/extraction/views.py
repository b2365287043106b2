"""The curator's page: upload or paste a page, see the facts found with their spans marked
in the text, accept, edit or reject them, and land the accepted ones on the records. Staff
only, as the admin's queue beside it."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from corridor.extraction.models import ExtractedDocument, ExtractedFact, FactStatus
from corridor.extraction.reading import ReadFailed
from corridor.extraction.services import UPLOAD_KINDS, decide, highlighted, ingest_upload, land


def _curator(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied("Only curators (staff) review extracted facts.")


@login_required
def curate(request):
    _curator(request)
    if request.method == "POST":
        upload = request.FILES.get("file")
        text = request.POST.get("text", "").strip()
        try:
            if upload is not None:
                document = ingest_upload(upload.name, upload.read())
            elif text:
                name = (request.POST.get("name") or "pasted page").strip()[:200] + ".txt"
                document = ingest_upload(name, text.encode("utf-8"))
            else:
                messages.error(request, "Paste a page's text or choose a file.")
                return redirect("extraction:curate")
        except ReadFailed as e:
            messages.error(request, str(e))
            return redirect("extraction:curate")
        return redirect("extraction:document", pk=document.pk)
    documents = ExtractedDocument.objects.all()[:30]
    return render(request, "extraction/curate.html",
                  {"documents": documents, "kinds": ", ".join(UPLOAD_KINDS)})  # fmt: skip


@login_required
def document(request, pk):
    _curator(request)
    page = get_object_or_404(ExtractedDocument, pk=pk)
    facts = list(page.facts.all())
    projects: dict[str, list] = {}
    for fact in facts:
        fact.value_json = json.dumps(fact.value, ensure_ascii=False)
        projects.setdefault(fact.project_key, []).append(fact)
    return render(request, "extraction/document.html", {
        "document": page, "pieces": highlighted(page), "projects": projects,
        "waiting": sum(f.status == FactStatus.PENDING for f in facts),
    })  # fmt: skip


@login_required
@require_POST
def decide_fact(request, pk):
    _curator(request)
    fact = get_object_or_404(ExtractedFact, pk=pk)
    choice = request.POST.get("decision")
    if choice == "accept":
        decide([fact], FactStatus.ACCEPTED)
    elif choice == "reject":
        decide([fact], FactStatus.REJECTED)
    elif choice == "edit":
        try:
            value = json.loads(request.POST.get("value", ""))
        except json.JSONDecodeError:
            value = request.POST.get("value", "").strip()
        decide([fact], FactStatus.EDITED, value)
    else:
        messages.error(request, "Choose accept, edit or reject.")
    return redirect("extraction:document", pk=fact.document_id)


@login_required
@require_POST
def land_document(request, pk):
    _curator(request)
    page = get_object_or_404(ExtractedDocument, pk=pk)
    result = land(page)
    messages.info(request, f"{result.landed} facts landed, {len(result.conflicts)} conflicts "
                           f"kept back, {result.waiting} still waiting.")  # fmt: skip
    return redirect("extraction:document", pk=page.pk)
