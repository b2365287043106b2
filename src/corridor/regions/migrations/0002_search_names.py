from django.db import migrations, models


def fill_search_names(apps, schema_editor):
    # The historical model has no save() of its own, so the names are computed here.
    from corridor.regions.models import searchable_names

    Region = apps.get_model("regions", "Region")
    regions = list(Region.objects.all())
    for region in regions:
        region.search_names = searchable_names(
            region.code, region.level, region.name, region.name_latin
        )
    Region.objects.bulk_update(regions, ["search_names"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="region",
            name="search_names",
            field=models.TextField(
                blank=True, editable=False, help_text="Every name folded, for the name search."
            ),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]
