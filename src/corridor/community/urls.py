from django.contrib.auth import views as auth
from django.urls import path

from corridor.community import views

urlpatterns = [
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("accounts/me/", views.my_account, name="my_account"),
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
