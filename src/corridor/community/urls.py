from allauth.account import views as accounts
from django.urls import include, path

from corridor.community import views

urlpatterns = [
    # django-allauth's pages; "login" and "logout" are the names the site's templates use.
    path("accounts/login/", accounts.login, name="login"),
    path("accounts/logout/", accounts.logout, name="logout"),
    path("accounts/me/", views.my_account, name="my_account"),
    path("accounts/", include("allauth.urls")),
]
