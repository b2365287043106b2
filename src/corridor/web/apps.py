from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    name = "corridor.web"

    def ready(self):
        # Sent once per app with models: tied to the sessions app's, the other table the
        # requests of every process share.
        post_migrate.connect(create_cache_table, sender=apps.get_app_config("sessions"))


def create_cache_table(sender, using, verbosity=1, **kwargs) -> None:
    """Every `migrate` (`corridor migrate`, load-demo, restore, the tests' database) also
    makes the table the cache counts rate limits in (settings.CACHES); it is no model's, so
    no migration makes it. Nothing happens when it exists."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))
