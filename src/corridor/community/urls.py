from django.contrib.auth import views as auth
from django.urls import path

from corridor.community import views

urlpatterns = [
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("accounts/me/", views.my_account, name="my_account"),
    # Partner suggestions
    path("ideas/<slug:slug>/suggestions/", views.idea_suggestions, name="idea_suggestions"),
    path(
        "projects/<slug:slug>/suggestions/", views.project_suggestions, name="project_suggestions"
    ),
]
