from django.urls import path

from corridor.learning import feeds, views

urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/calendar/", views.event_calendar, name="event_calendar"),
    path("events/calendar.ics", views.events_ical, name="events_ical"),
    path("events/new/", views.event_edit, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("projects/<slug:slug>/events.ics", views.project_events_ical, name="project_events_ical"),
    path("good-practices/", views.practice_list, name="practice_list"),
    path("good-practices/new/", views.practice_create, name="practice_create"),
    path("good-practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("good-practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("good-practices/<int:pk>/step/", views.practice_transition, name="practice_transition"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/upload/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/file", views.document_download, name="document_download"),
    path("news/", views.news_list, name="news_list"),
    path("news/rss.xml", feeds.NewsRss(), name="news_rss"),
    path("news/atom.xml", feeds.NewsAtom(), name="news_atom"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
]
