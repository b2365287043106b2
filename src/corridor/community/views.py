from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from corridor.community import queries, services
from corridor.community.forms import MessageForm, ReplyForm
from corridor.community.queries import (
    account_overview,
    idea_partner_suggestions,
    project_partner_suggestions,
)
from corridor.community.roles import display_name


@login_required
def my_account(request):
    return render(request, "community/my_account.html", {"account": account_overview(request.user)})


# Partner suggestions --------------------------------------------------------------------
def _limit(request) -> int:
    try:
        return max(1, min(int(request.GET.get("limit", 10)), 50))
    except ValueError:
        return 10


@login_required
def idea_suggestions(request, slug):
    result = idea_partner_suggestions(request.user, slug, _limit(request))
    return render(request, "community/suggestions.html", {"result": result})


@login_required
def project_suggestions(request, slug):
    result = project_partner_suggestions(request.user, slug, _limit(request))
    return render(request, "community/suggestions.html", {"result": result})


# Messages -------------------------------------------------------------------------------
def _offset(request) -> int:
    try:
        return max(0, min(int(request.GET.get("offset", 0)), 10**9))
    except ValueError:
        return 0


@login_required
def inbox(request):
    listing = queries.inbox(request.user, offset=_offset(request))
    return render(request, "community/messages/list.html", {"listing": listing, "box": "inbox"})


@login_required
def sent_messages(request):
    listing = queries.sent_messages(request.user, offset=_offset(request))
    return render(request, "community/messages/list.html", {"listing": listing, "box": "sent"})


@login_required
def message_thread(request, pk: int):
    message = queries.message_for(request.user, pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply(request.user, message, form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your answer is sent.")
            return redirect("message_thread", pk=message.reply_to_id or message.pk)
    services.mark_thread_read(request.user, message)
    thread = queries.conversation(request.user, pk)
    return render(request, "community/messages/thread.html", {"thread": thread, "form": form})


@login_required
def new_message(request, slug: str = ""):
    """The form to write to a person (their profile slug) or to an idea's author."""
    to = slug or request.GET.get("to", "")
    target = queries.message_target(request.user, to=to, idea=request.GET.get("idea", ""))
    form = MessageForm(request.POST or None)
    if not form.is_bound and target.idea is not None:
        form.initial["subject"] = f"About your idea “{target.idea.title}”"[:200]
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.send_message(
                request.user, target.recipient, form.cleaned_data["subject"],
                form.cleaned_data["body"], idea=target.idea,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Your message to {target.name} is sent.")
            return redirect("message_thread", pk=sent.pk)
    return render(request, "community/messages/new.html", {"target": target, "form": form})


@login_required
def blocks(request):
    """The people the user blocks; POST blocks or unblocks one (by a message or a person)."""
    if request.method == "POST":
        other = _person_to_block(request)
        if request.POST.get("action") == "unblock":
            services.unblock(request.user, other)
            messages.success(request, f"{display_name(other)} can write to you again.")
        else:
            services.block(request.user, other)
            messages.success(request, f"{display_name(other)} can no longer write to you.")
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)
        return redirect("message_blocks")
    people = queries.blocked_people(request.user)
    return render(request, "community/messages/blocks.html", {"people": people})


def _person_to_block(request):
    if request.POST.get("message"):
        message = queries.message_for(request.user, int(request.POST["message"]))
        return message.recipient if message.sender_id == request.user.pk else message.sender
    if request.POST.get("blocked"):  # one of the user's own blocks, from the list
        found = queries.blocked_people(request.user)
        wanted = request.POST["blocked"]
        for person in found:
            if str(person.user_id) == wanted:
                return get_user_model().objects.get(pk=person.user_id)
        raise Http404("You do not block this person.")
    return queries.person_by_slug(request.user, request.POST.get("profile", ""))
