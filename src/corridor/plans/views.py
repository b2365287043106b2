"""Thin views of the action plans, their progress and the indicator dashboards: parse the
request, call one function from queries.py or services.py, render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from corridor.lib.paging import paginate, render_list
from corridor.lib.refusals import refusing_with
from corridor.plans import queries, roles, services
from corridor.plans.forms import (
    ActionForm,
    ActionReportForm,
    IndicatorEntryForm,
    PlanFilterForm,
    PlanForm,
    ProjectChoiceForm,
    ReportForm,
    TargetReportForm,
    plan_projects,
    target_formset,
    target_rows,
    writable_partners,
)
from corridor.plans.models import Action, ActionPlan, Indicator, PlanStatus
from corridor.projects.models import Project
from corridor.regions import maps

WRITERS_ONLY = ("Only members of the partner organisation or of the programme's secretariat "
                "may change this plan.")  # fmt: skip
ENTERERS_ONLY = ("Only the project's partners and the programme's secretariat may enter its "
                 "indicators.")  # fmt: skip


# Refusals are answered on this app's own 403 page.
refusing = refusing_with("plans/forbidden.html")


def _apply(form, service, *args, **kwargs):
    """Calls a write service; a ValidationError lands on the form (PermissionDenied rises)."""
    try:
        return service(*args, **kwargs)
    except ValidationError as e:
        _add_errors(form, e)
        return None


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _visible_plan(user, pk) -> ActionPlan:
    plan = get_object_or_404(
        ActionPlan.objects.select_related("project__programme", "partner", "policy_instrument"),
        pk=pk,
    )
    if not roles.can_view_plan(user, plan):
        raise Http404(f"No action plan {pk}.")
    return plan


def _editable_plan(user, pk) -> ActionPlan:
    plan = _visible_plan(user, pk)
    if not roles.can_edit_plan(user, plan):
        raise PermissionDenied(WRITERS_ONLY)
    return plan


# Plans ------------------------------------------------------------------------------------
def plan_list(request):
    form = PlanFilterForm(request.GET)
    plans = queries.search_plans(request.user, form.filters())
    page = paginate(request, plans)
    can_create = request.user.is_authenticated and plan_projects(request.user).exists()
    return render_list(
        request, "plans/plan_list.html", "plans/_plan_results.html",
        {"form": form, "page": page, "can_create": can_create},
    )  # fmt: skip


def plan_detail(request, pk):
    page = queries.plan_detail(request.user, pk)
    return render(
        request,
        "plans/plan_detail.html",
        {"page": page, "plan": page.plan, "can_edit": page.can_edit, "steps": page.steps},
    )


@login_required
@refusing
def plan_create(request):
    project = Project.objects.filter(slug=request.GET.get("project", "")[:220]).first()
    if project is None:
        choice = ProjectChoiceForm(request.GET or None, user=request.user)
        if not choice.fields["project"].queryset.exists():
            raise PermissionDenied("Action plans are written by members of a project's partner "
                                   "organisations and by programme secretariats.")  # fmt: skip
        return render(request, "plans/plan_form.html", {"choice": choice})
    if not writable_partners(request.user, project).exists():
        raise PermissionDenied(
            f"Only members of {project.acronym}'s partner organisations or of its programme's "
            "secretariat may write its action plans."
        )
    form = PlanForm(request.POST or None, user=request.user, project=project)
    if request.method == "POST" and form.is_valid():
        plan = _apply(form, _save_plan, request.user, project, form)
        if plan:
            messages.success(request, "The plan is saved as a draft. Add its actions.")
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form, "project": project})


@login_required
@refusing
def plan_edit(request, pk):
    plan = _editable_plan(request.user, pk)
    form = PlanForm(request.POST or None, user=request.user, project=plan.project, plan=plan)
    if request.method == "POST" and form.is_valid():
        saved = _apply(form, _save_plan, request.user, plan.project, form, plan)
        if saved:
            messages.success(request, "The plan is saved.")
            return redirect(saved)
    return render(
        request, "plans/plan_form.html", {"form": form, "project": plan.project, "plan": plan}
    )


@transaction.atomic
def _save_plan(user, project, form: PlanForm, plan: ActionPlan | None = None) -> ActionPlan:
    """The plan, and first the new policy instrument it describes: both or neither."""
    values = form.plan_values()
    described = form.new_instrument()
    if described is not None:
        try:
            values["policy_instrument"] = services.save_instrument(user, described)
        except ValidationError as e:
            if not hasattr(e, "error_dict"):
                raise
            raise ValidationError(
                {f"instrument_{name}": errors for name, errors in e.error_dict.items()}
            ) from e
    co_authors = form.changed_co_authors()
    if plan is None:
        return services.create_plan(user, {"project": project, **values}, co_authors or ())
    return services.update_plan(user, plan, values, co_authors)


STEP_DONE = {
    "submit": "The plan is submitted to the programme's secretariat.",
    "approve": "The plan is approved.",
    "reopen": "The plan is back in draft with its writers.",
}


@require_POST
@login_required
@refusing
def plan_step(request, pk):
    plan = _visible_plan(request.user, pk)
    step = request.POST.get("step", "")
    try:
        services.step_plan(request.user, plan, step)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, STEP_DONE[step])
    return redirect(plan)


# Actions ----------------------------------------------------------------------------------
@login_required
@refusing
def action_edit(request, plan_pk=None, pk=None):
    if pk is not None:
        action = get_object_or_404(Action.objects.select_related("plan"), pk=pk)
        plan = _editable_plan(request.user, action.plan_id)
        form = ActionForm(request.POST or None, instance=action, plan=plan)
    else:
        action, plan = None, _editable_plan(request.user, plan_pk)
        numbers = [a.number for a in plan.actions.all()]
        form = ActionForm(
            request.POST or None,
            instance=Action(plan=plan),
            initial={"number": max(numbers, default=0) + 1},
            plan=plan,
        )
    targets = target_formset(request.POST or None, action)
    if request.method == "POST" and all([form.is_valid(), targets.is_valid()]):
        saved = _apply(
            form, services.save_action, request.user, plan, form.values(), action,
            measures=form.measure_lines(), targets=target_rows(targets),
            practices=form.cleaned_data["practices"], events=form.cleaned_data["events"],
            documents=form.cleaned_data["documents"],
        )  # fmt: skip
        if saved:
            messages.success(request, f"ACTION {saved.number} is saved.")
            return redirect(saved)
    return render(
        request,
        "plans/action_form.html",
        {"form": form, "targets": targets, "plan": plan, "action": action},
    )


@login_required
@refusing
def action_delete(request, pk):
    """A GET asks "Delete ACTION 2: ...?"; the POST of its form deletes the action."""
    action = get_object_or_404(Action.objects.select_related("plan"), pk=pk)
    plan = _editable_plan(request.user, action.plan_id)
    if request.method == "POST":
        number = action.number
        services.delete_action(request.user, action)
        messages.success(request, f"ACTION {number} is deleted.")
        return redirect(f"{plan.get_absolute_url()}#actions-heading")
    return render(
        request,
        "plans/action_delete.html",
        {
            "action": action,
            "plan": plan,
            "targets": action.targets.count(),
            "entries": action.progress.count(),
        },
    )


# Progress ---------------------------------------------------------------------------------
@login_required
@refusing
def report_create(request, pk):
    _editable_plan(request.user, pk)
    page = queries.plan_detail(request.user, pk)
    plan, data = page.plan, request.POST or None
    report = ReportForm(data, initial={"period_start": _next_period_start(page)})
    rows = []
    for action in page.actions:
        entry = ActionReportForm(
            data, prefix=f"action-{action.number}", action=action,
            initial=_latest_entry(action),
        )  # fmt: skip
        targets = []
        for target in action.targets.all():
            progress = page.target_progress.get(target.pk)
            achieved = f"{progress[-1].achieved.normalize():f}" if progress else None
            targets.append(
                TargetReportForm(
                    data,
                    prefix=f"target-{target.pk}",
                    target=target,
                    initial={"achieved": achieved},
                )  # fmt: skip
            )
        rows.append((entry, targets))
    forms = [report] + [f for entry, targets in rows for f in (entry, *targets)]
    if request.method == "POST" and all([f.is_valid() for f in forms]):
        progress = services.ProgressInput(
            period_start=report.cleaned_data["period_start"],
            period_end=report.cleaned_data["period_end"],
            summary=report.cleaned_data["summary"],
            actions=[_action_report(entry) for entry, _ in rows if entry.cleaned_data["status"]],
            targets={
                t.target: t.cleaned_data["achieved"]
                for _, targets in rows
                for t in targets
                if t.cleaned_data["achieved"] is not None
            },
        )
        try:
            services.report_progress(request.user, plan, progress)
        except ValidationError as e:
            _report_errors(e, report, rows)
        else:
            messages.success(request, "The progress report is saved.")
            return redirect(f"{plan.get_absolute_url()}#reports")
    return render(
        request,
        "plans/report_form.html",
        {"plan": plan, "report": report, "rows": rows, "open": plan.status == PlanStatus.APPROVED},
    )


def _latest_entry(action: Action) -> dict:
    """The form's start: the action's latest status, and its reason if not implemented."""
    entries = sorted(action.progress.all(), key=lambda e: (e.report.period_end, e.pk))
    if not entries:
        return {"status": ""}
    return {"status": entries[-1].status, "reason": entries[-1].reason}


def _next_period_start(page: queries.PlanPage) -> datetime.date | None:
    if page.reports:
        return max(r.period_end for r in page.reports) + datetime.timedelta(days=1)
    return page.plan.approved_on


def _action_report(form: ActionReportForm) -> services.ActionReport:
    data = form.cleaned_data
    return services.ActionReport(
        action=form.action, status=data["status"], reason=data["reason"],
        evidence=data["evidence"], evidence_url=data["evidence_url"],
        evidence_document=data["evidence_document"], date=data["date"],
    )  # fmt: skip


def _report_errors(error: ValidationError, report: ReportForm, rows) -> None:
    """The service names an action's errors "ACTION 2" and a target's "target 48 people"."""
    if not hasattr(error, "error_dict"):
        report.add_error(None, error.messages)
        return
    by_name = {}
    for entry, targets in rows:
        by_name[f"ACTION {entry.action.number}"] = (entry, "reason")
        by_name.update({f"target {t.target}": (t, "achieved") for t in targets})
    for name, messages_ in error.message_dict.items():
        if name in report.fields:
            report.add_error(name, messages_)
        elif name in by_name:
            form, field = by_name[name]
            form.add_error(field, messages_)
        else:
            report.add_error(None, messages_)
    report.add_error(None, "Nothing was saved: correct the report below.")


# Indicators -------------------------------------------------------------------------------
def indicator_overview(request):
    countries = queries.rollup("country")
    return render(
        request,
        "plans/indicator_overview.html",
        {
            "map": maps.indicator_map(countries),
            "tables": [
                ("By country", countries, "country"),
                ("By programme", queries.rollup("programme"), "programme"),
            ],
            "indicators": list(Indicator),
        },
    )


def indicator_dashboard(request, kind, key):
    board = queries.dashboard(request.user, kind, key)
    can_enter = False
    if board.scope.kind == "project" and request.user.is_authenticated:
        project = Project.objects.select_related("programme").get(slug=board.scope.key)
        can_enter = services.can_enter_indicators(request.user, project)
    return render(
        request,
        "plans/indicator_dashboard.html",
        {"board": board, "statuses": queries.STATUS_LABELS, "can_enter": can_enter},
    )


@login_required
@refusing
def indicator_entry(request, slug):
    """A project's targets and achieved figures, one row per indicator, for the project as a
    whole; the indicators entered per partner are shown, not changed, here."""
    project = get_object_or_404(Project.objects.select_related("programme"), slug=slug)
    if not services.can_enter_indicators(request.user, project):
        raise PermissionDenied(ENTERERS_ONLY)
    rows = [
        IndicatorEntryForm(request.POST or None, entry=entry)
        for entry in queries.indicator_entries(project)
    ]
    refused = False
    if request.method == "POST":
        if all([row.is_valid() for row in rows]):
            saved = _save_figures(request.user, project, rows)
            if saved is not None:
                messages.success(
                    request, "The figures are saved." if saved else "Nothing was changed."
                )
                return redirect("indicator_dashboard", kind="project", key=project.slug)
        refused = True
    return render(
        request,
        "plans/indicator_entry.html",
        {"project": project, "rows": rows, "refused": refused},
    )


@transaction.atomic
def _save_figures(user, project, rows: list[IndicatorEntryForm]) -> int | None:
    """The rows the writer changed: set, or removed when emptied. All of them or, when the
    service refuses one (its errors then land on that row), none: None."""
    saved, refused = 0, False
    for row in rows:
        if not row.has_changed():
            continue
        indicator, data = row.entry.indicator, row.cleaned_data
        try:
            if row.is_blank:
                services.clear_indicator(user, project, indicator)
            else:
                services.set_indicator(
                    user, project, indicator, target=data["target"],
                    achieved=data["achieved"], note=data["note"],
                )  # fmt: skip
        except ValidationError as e:
            _add_errors(row, e)
            refused = True
        else:
            saved += 1
    if refused:
        transaction.set_rollback(True)
        return None
    return saved


def project_indicators(request, slug):
    return redirect("indicator_dashboard", kind="project", key=slug)


# Policy instruments -----------------------------------------------------------------------
def instrument_detail(request, slug):
    instrument = queries.instrument_detail(slug)
    plans = queries.search_plans(request.user).filter(policy_instrument=instrument)
    return render(
        request, "plans/instrument_detail.html", {"instrument": instrument, "plans": plans}
    )
