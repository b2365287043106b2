import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from corridor.community import queries, services
from corridor.community.forms import (
    IDEA_STATUS_ACTIONS,
    IdeaFilterForm,
    IdeaForm,
    OrganisationProfileForm,
    PersonFilterForm,
    ProfileForm,
)
from corridor.community.queries import account_overview
from corridor.lib.paging import paginate, render_list


@login_required
def my_account(request):
    return render(
        request,
        "community/my_account.html",
        {"account": account_overview(request.user), "profile": queries.own_profile(request.user)},
    )


# People, organisation profiles and project ideas ----------------------------------------
def refusing(view):
    """A PermissionDenied, from a role check or a service, becomes a 403 page saying why."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as e:
            message = str(e) or "You may not do this."
            return render(request, "community/forbidden.html", {"message": message}, status=403)

    return wrapped


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
    return render(request, "community/idea_detail.html", {"page": page, "idea": page.idea})


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
