# The moved models keep their content types, and with them the permissions granted on them
# and the admin's history: a database from before the move has learning.membership and
# plans.secretariatmembership, which become community's. A fresh database has neither yet.

from django.db import migrations

MOVED = [("learning", "membership"), ("plans", "secretariatmembership")]


def relabel(apps, source_of, target_of) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_label, model in MOVED:
        source, target = source_of(old_label), target_of(old_label)
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    relabel(apps, lambda old: old, lambda old: "community")


def backwards(apps, schema_editor):
    relabel(apps, lambda old: "community", lambda old: old)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
