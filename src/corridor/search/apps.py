from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "corridor.search"

    def ready(self):
        from corridor.search import sync

        # Every app's search.py registers its content types.
        autodiscover_modules("search")
        sync.connect_signals()
