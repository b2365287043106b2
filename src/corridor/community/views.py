from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from corridor.community import queries, services
from corridor.community.forms import (
    IDEA_STATUS_ACTIONS,
    IdeaFilterForm,
    IdeaForm,
    MessageForm,
    OrganisationProfileForm,
    PersonFilterForm,
    ProfileForm,
    ReplyForm,
)
from corridor.community.queries import (
    account_overview,
    idea_partner_suggestions,
    project_partner_suggestions,
)
from corridor.community.roles import display_name
from corridor.lib.paging import paginate, render_list
from corridor.lib.refusals import refusing_with
from corridor.search.documents import document_id
from corridor.search.services import similar_items


@login_required
def my_account(request):
    return render(
        request,
        "community/my_account.html",
        {"account": account_overview(request.user), "profile": queries.own_profile(request.user)},
    )


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
    return render(
        request,
        "community/my_account.html",
        {"account": account_overview(request.user), "profile": queries.own_profile(request.user)},
    )


# People, organisation profiles and project ideas ----------------------------------------
# Refusals are answered on this app's own 403 page.
refusing = refusing_with("community/forbidden.html")


def _saved(form, service, *args):
    """Calls a write service; a ValidationError lands on the form (PermissionDenied rises)."""
    try:
        return service(*args)
    except ValidationError as e:
        if hasattr(e, "error_dict"):
            for name, errors in e.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, e.messages)
        return None


def person_list(request):
    form = PersonFilterForm(request.GET)
    people = queries.search_people(request.user, form.filters())
    context = {
        "form": form,
        "page": paginate(request, people),
        "own": queries.own_profile(request.user),
    }
    return render_list(request, "community/person_list.html", "community/_person_results.html",
                       context)  # fmt: skip


def person_detail(request, slug):
    page = queries.person_page(request.user, slug)
    return render(request, "community/person_detail.html", {"page": page, "profile": page.profile})


@login_required
@refusing
def profile_edit(request):
    profile = queries.own_profile(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            saved = _saved(form, services.save_profile, request.user, form.to_input())
            if saved is not None:
                messages.success(request, "Your profile is saved.")
                return redirect(saved)
    else:
        form = ProfileForm(initial=ProfileForm.initial_of(profile) if profile else {})
    return render(request, "community/profile_form.html", {"form": form, "profile": profile})


@login_required
@require_POST
@refusing
def profile_delete(request):
    profile = queries.own_profile(request.user)
    if profile is not None:
        services.delete_profile(request.user, profile)
        messages.success(request, "Your profile is deleted: nobody sees it any more.")
    return redirect("my_account")


def organisation_suggestions(request):
    """The registry's organisations matching what is typed, as <option>s for a datalist."""
    found = queries.organisation_suggestions(request.GET.get("organisation", ""))
    return render(request, "community/_organisation_options.html", {"organisations": found})


@login_required
@refusing
def organisation_profile_edit(request, slug):
    organisation, profile = queries.editable_organisation_profile(request.user, slug)
    if request.method == "POST":
        form = OrganisationProfileForm(request.POST)
        if form.is_valid():
            saved = _saved(
                form, services.save_organisation_profile, request.user, organisation,
                form.to_input(),
            )  # fmt: skip
            if saved is not None:
                messages.success(request, "The organisation's profile is saved.")
                return redirect(organisation)
    else:
        form = OrganisationProfileForm(initial=OrganisationProfileForm.initial_of(profile))
    return render(
        request,
        "community/organisation_profile_form.html",
        {"form": form, "organisation": organisation, "profile": profile},
    )


def idea_list(request):
    form = IdeaFilterForm(request.GET)
    ideas = queries.search_ideas(form.filters())
    return render_list(request, "community/idea_list.html", "community/_idea_results.html",
                       {"form": form, "page": paginate(request, ideas)})  # fmt: skip


def idea_detail(request, slug):
    page = queries.idea_page(request.user, slug)
    similar = similar_items(document_id("idea", page.idea.pk))
    return render(
        request,
        "community/idea_detail.html",
        {"page": page, "idea": page.idea, "similar": similar, "similar_heading": "Similar ideas"},
    )


def _idea_form_organisations(user, idea=None) -> list:
    organisations = list(queries.idea_organisations(user))
    if idea is not None and idea.organisation_id and idea.organisation not in organisations:
        organisations.append(idea.organisation)
    return organisations


@login_required
@refusing
def idea_create(request):
    organisations = _idea_form_organisations(request.user)
    if request.method == "POST":
        form = IdeaForm(request.POST, organisations=organisations)
        if form.is_valid():
            idea = _saved(form, services.create_idea, request.user, form.to_input())
            if idea is not None:
                messages.success(request, "Your project idea is posted.")
                return redirect(idea)
    else:
        form = IdeaForm(organisations=organisations)
    return render(request, "community/idea_form.html", {"form": form})


@login_required
@refusing
def idea_edit(request, slug):
    idea = queries.editable_idea(request.user, slug)
    organisations = _idea_form_organisations(request.user, idea)
    if request.method == "POST":
        form = IdeaForm(request.POST, organisations=organisations)
        if form.is_valid():
            saved = _saved(form, services.update_idea, request.user, idea, form.to_input())
            if saved is not None:
                messages.success(request, "The project idea is saved.")
                return redirect(saved)
    else:
        form = IdeaForm(initial=IdeaForm.initial_of(idea), organisations=organisations)
    return render(request, "community/idea_form.html", {"form": form, "idea": idea})


@login_required
@require_POST
@refusing
def idea_status(request, slug, action):
    idea = queries.editable_idea(request.user, slug)
    services.set_idea_status(request.user, idea, IDEA_STATUS_ACTIONS[action])
    done = "closed: it leaves the list of open ideas" if action == "close" else "open again"
    messages.success(request, f"The project idea is {done}.")
    return redirect(idea)
