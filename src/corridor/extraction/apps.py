from django.apps import AppConfig


class ExtractionConfig(AppConfig):
    name = "corridor.extraction"
    verbose_name = "Extraction review queue"
