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
