from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "corridor.regions"
