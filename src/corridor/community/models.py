"""The people of the platform and whom they act for: members of organisations and of
programmes' joint secretariats.

Both models came from learning and plans: they keep those apps' tables and constraint
names, so moving them changed no data."""

from django.conf import settings
from django.db import models


class Membership(models.Model):
    """A person acting for an organisation. Members of a project's partner organisations
    are the project's members: they approve its good practices and publish its documents."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        db_table = "learning_membership"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.organisation}"


class SecretariatMembership(models.Model):
    """A person working for a programme's joint secretariat: they approve the programme's
    action plans and may edit them and report their progress."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secretariats"
    )
    programme = models.ForeignKey(
        "projects.Programme", on_delete=models.CASCADE, related_name="secretariat"
    )

    class Meta:
        db_table = "plans_secretariatmembership"
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="secretariat_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.programme}"
