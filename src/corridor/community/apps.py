from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "corridor.community"
    verbose_name = "Community"

    def ready(self) -> None:
        # The matchmaker's registry in memory is dropped when what it reads changes.
        from corridor.community import match_index

        match_index.connect_signals()
