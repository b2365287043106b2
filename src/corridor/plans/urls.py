from django.urls import path

from corridor.plans import export_views, feeds, views

urlpatterns = [
    path("action-plans/", views.plan_list, name="plan_list"),
    path("action-plans/new/", views.plan_create, name="plan_create"),
    path(
        "action-plans/export.<str:extension>",
        export_views.plan_actions_export,
        name="plan_actions_export",
    ),
    path("action-plans/progress.atom", feeds.ProgressAtom(), name="plan_progress_atom"),
    path("action-plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("action-plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("action-plans/<int:pk>/step/", views.plan_step, name="plan_step"),
    path("action-plans/<int:plan_pk>/actions/new/", views.action_edit, name="action_create"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    path("action-plans/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("policy-instruments/<slug:slug>/", views.instrument_detail, name="instrument_detail"),
    path("indicators/", views.indicator_overview, name="indicator_overview"),
    path(
        "indicators/by-<str:kind>.<str:extension>", export_views.rollup_export, name="rollup_export"
    ),
    path(
        "indicators/<str:kind>/<str:key>/export.<str:extension>",
        export_views.dashboard_export,
        name="dashboard_export",
    ),
    path("indicators/<str:kind>/<str:key>/", views.indicator_dashboard, name="indicator_dashboard"),
    path("indicators/project/<slug:slug>/edit/", views.indicator_entry, name="indicator_entry"),
    path("projects/<slug:slug>/indicators/", views.project_indicators, name="project_indicators"),
]
