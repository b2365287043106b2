from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "corridor.plans"
    verbose_name = "Action plans and indicators"
