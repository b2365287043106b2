from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "corridor.community"
    verbose_name = "Community"
