from django.urls import path

from corridor.extraction import views

app_name = "extraction"
urlpatterns = [
    path("curate/extraction/", views.curate, name="curate"),
    path("curate/extraction/<int:pk>/", views.document, name="document"),
    path("curate/extraction/facts/<int:pk>/decide", views.decide_fact, name="decide"),
    path("curate/extraction/<int:pk>/land", views.land_document, name="land"),
]
