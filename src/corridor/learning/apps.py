from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "corridor.learning"
    verbose_name = "Policy learning"
