# Membership and SecretariatMembership move here from learning and plans. Their tables
# stay where they are (db_table keeps the old names), so this changes the state only.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("learning", "0001_initial"),
        ("plans", "0002_indicator_partner_related_name"),
        ("organisations", "0003_organisation_merge"),
        ("projects", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="memberships",
                                to="organisations.organisation",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="memberships",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "learning_membership",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "organisation"), name="membership_unique"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="SecretariatMembership",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="secretariat",
                                to="projects.programme",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="secretariats",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "plans_secretariatmembership",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "programme"), name="secretariat_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
