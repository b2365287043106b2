from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "corridor.web"
