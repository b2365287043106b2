from django.urls import path

from corridor.search import views

urlpatterns = [
    path("", views.explore_page, name="explore"),
    path("suggest", views.suggestions, name="explore_suggest"),
    path("export.csv", views.export_csv, name="explore_export_csv"),
    path("export.json", views.export_json, name="explore_export_json"),
]
