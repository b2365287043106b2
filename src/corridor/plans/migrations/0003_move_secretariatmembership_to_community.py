# SecretariatMembership now belongs to community, which keeps its table: remove it from the
# state only.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("plans", "0002_indicator_partner_related_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SecretariatMembership")],
            database_operations=[],
        ),
    ]
