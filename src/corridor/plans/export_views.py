"""Downloads of the plan pages' tables: the actions of the listed plans, a dashboard's
figures, the roll-up by country or programme; CSV or JSON, with the pages' filters."""

from django.http import Http404

from corridor.lib.exports import csv_download, json_download
from corridor.plans import exports
from corridor.plans.forms import PlanFilterForm

FORMATS = {"csv": csv_download, "json": json_download}


def _writer(extension: str):
    if extension not in FORMATS:
        raise Http404(f"Exports are {' or '.join(FORMATS)}.")
    return FORMATS[extension]


def plan_actions_export(request, extension: str):
    download = _writer(extension)
    filters = PlanFilterForm(request.GET).filters()
    base_url = request.build_absolute_uri("/").rstrip("/")
    rows = exports.action_rows(request.user, filters, base_url)
    return download(exports.ACTION_COLUMNS, rows, "corridor-action-plans")


def dashboard_export(request, kind: str, key: str, extension: str):
    download = _writer(extension)
    rows = exports.dashboard_rows(request.user, kind, key)
    return download(exports.FIGURE_COLUMNS, rows, f"corridor-indicators-{kind}-{key}")


def rollup_export(request, kind: str, extension: str):
    download = _writer(extension)
    if kind not in ("country", "programme"):
        raise Http404("Roll-ups are by country or programme.")
    return download(
        exports.rollup_columns(), exports.rollup_rows(kind), f"corridor-indicators-by-{kind}"
    )
