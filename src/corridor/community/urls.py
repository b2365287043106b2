from allauth.account import views as accounts
from django.urls import include, path

from corridor.community import views

urlpatterns = [
    # django-allauth's pages; "login" and "logout" are the names the site's templates use.
    path("accounts/login/", accounts.login, name="login"),
    path("accounts/logout/", accounts.logout, name="logout"),
    path("accounts/me/", views.my_account, name="my_account"),
    # Partner suggestions
    path("ideas/<slug:slug>/suggestions/", views.idea_suggestions, name="idea_suggestions"),
    path(
        "projects/<slug:slug>/suggestions/", views.project_suggestions, name="project_suggestions"
    ),
    path("accounts/", include("allauth.urls")),
]

# Messages -------------------------------------------------------------------------------
urlpatterns += [
    path("messages/", views.inbox, name="inbox"),
    path("messages/sent/", views.sent_messages, name="sent_messages"),
    path("messages/new/", views.new_message, name="message_new"),
    path("messages/blocked/", views.blocks, name="message_blocks"),
    path("messages/<int:pk>/", views.message_thread, name="message_thread"),
    path("people/<slug:slug>/contact/", views.new_message, name="person_contact"),
]

# People, organisation profiles and project ideas ----------------------------------------
urlpatterns += [
    path("people/", views.person_list, name="person_list"),
    path("people/me/edit/", views.profile_edit, name="profile_edit"),
    path("people/me/delete/", views.profile_delete, name="profile_delete"),
    path("people/organisations/", views.organisation_suggestions, name="organisation_suggestions"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path(
        "organisations/<slug:slug>/profile/edit/",
        views.organisation_profile_edit,
        name="organisation_profile_edit",
    ),
    path("ideas/", views.idea_list, name="idea_list"),
    path("ideas/new/", views.idea_create, name="idea_create"),
    path("ideas/<slug:slug>/", views.idea_detail, name="idea_detail"),
    path("ideas/<slug:slug>/edit/", views.idea_edit, name="idea_edit"),
    path("ideas/<slug:slug>/close/", views.idea_status, {"action": "close"}, name="idea_close"),
    path("ideas/<slug:slug>/reopen/", views.idea_status, {"action": "reopen"}, name="idea_reopen"),
]
