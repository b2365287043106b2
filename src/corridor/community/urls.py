from django.contrib.auth import views as auth
from django.urls import path

from corridor.community import views

urlpatterns = [
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("accounts/me/", views.my_account, name="my_account"),
]
