"""The people of the platform: whom they act for (members of organisations and of
programmes' joint secretariats), their profiles and those of organisations, the project
ideas they look for partners for, and the private messages they send each other.

Both models came from learning and plans: they keep those apps' tables and constraint
names, so moving them changed no data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse


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


class Interest(models.TextChoices):
    """What a person or organisation is looking for, in the words Interreg Europe uses."""

    LEADING = "leading", "Leading a project"
    JOINING = "joining", "Joining a project"
    SHARING_IDEA = "sharing_idea", "Sharing a project idea"
    NETWORKING = "networking", "Networking with peers"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: everyone, and Explore"
    MEMBERS = "members", "Members only: people signed in"
    HIDDEN = "hidden", "Hidden: only me"


# Whom people represent: the harmonised partner types of the Interreg programmes. Profiles
# may also name a type the registry's organisations use.
ORGANISATION_TYPES = [
    "Local public authority",
    "Regional public authority",
    "National public authority",
    "Sectoral agency",
    "Infrastructure and (public) service provider",
    "Interest groups including NGOs",
    "Higher education and research",
    "Education/training centre and school",
    "Enterprise, except SME",
    "SME",
    "Business support organisation",
    "EGTC",
    "International organisation, EEIG under national law",
    "General public",
    "Other",
]


class Profile(models.Model):
    """A person as others on the platform see them. Their e-mail address is never part of
    it: people reach each other through private messages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=150, help_text="As others see it.")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="The organisation they work for, if the registry knows it.",
    )
    organisation_name = models.CharField(
        max_length=300, blank=True, help_text="Otherwise its name in words."
    )
    position = models.CharField(max_length=200, blank=True)
    representing = models.CharField(max_length=120, blank=True)
    interested_in = models.JSONField(default=list, blank=True)  # Interest values
    themes = models.ManyToManyField("projects.Theme", blank=True, related_name="profiles")
    countries = models.JSONField(default=list, blank=True)  # country codes of interest
    regions = models.ManyToManyField("regions.Region", blank=True, related_name="profiles")
    languages = models.JSONField(default=list, blank=True)  # ISO 639-1 codes
    bio = models.TextField(max_length=2000, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    sample = models.BooleanField(
        default=False, help_text="Invented for the demo; `corridor community remove-samples`."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The user's name is what names them everywhere (roles.display_name): kept equal to
        # the profile's, so naming a person costs no query.
        user = self.user
        if (user.first_name, user.last_name) != (self.name[:150], ""):
            user.first_name, user.last_name = self.name[:150], ""
            user.save(update_fields=["first_name", "last_name"])

    def get_absolute_url(self) -> str:
        return reverse("person_detail", args=[self.slug])

    @property
    def works_for(self) -> str:
        if self.organisation_id:
            return self.organisation.display_name
        return self.organisation_name

    def interest_labels(self) -> list[str]:
        return interest_labels(self.interested_in)


class OrganisationProfile(models.Model):
    """What an organisation says of itself on the platform, beside the track record the
    registry knows. Its members keep it."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="profile"
    )
    description = models.TextField(max_length=4000, blank=True)
    representing = models.CharField(max_length=120, blank=True)
    interested_in = models.JSONField(default=list, blank=True)  # Interest values
    themes = models.ManyToManyField(
        "projects.Theme", blank=True, related_name="organisation_profiles"
    )
    countries = models.JSONField(default=list, blank=True)  # where it looks for partners
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the profile's words come from, if curated."
    )
    sample = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.organisation}"

    def get_absolute_url(self) -> str:
        return self.organisation.get_absolute_url()

    def interest_labels(self) -> list[str]:
        return interest_labels(self.interested_in)


class IdeaStatus(models.TextChoices):
    OPEN = "open", "Open: looking for partners"
    CLOSED = "closed", "Closed"


class ProjectIdea(models.Model):
    """A partner-search announcement: a project someone means to apply for."""

    slug = models.SlugField(max_length=220, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=6000)
    programme = models.ForeignKey(
        "projects.Programme", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="ideas",
    )  # fmt: skip
    call = models.CharField(max_length=200, blank=True, help_text="The call it answers.")
    themes = models.ManyToManyField("projects.Theme", blank=True, related_name="ideas")
    partner_types = models.JSONField(default=list, blank=True)  # ORGANISATION_TYPES sought
    countries = models.JSONField(default=list, blank=True)  # country codes sought
    regions = models.ManyToManyField("regions.Region", blank=True, related_name="ideas")
    budget_min = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    budget_max = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    deadline = models.DateField(null=True, blank=True, help_text="Of the call, or for partners.")
    status = models.CharField(max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.OPEN)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ideas"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="ideas", help_text="The organisation that would lead or join.",
    )  # fmt: skip
    sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("idea_detail", args=[self.slug])

    def clean(self):
        if self.budget_min and self.budget_max and self.budget_max < self.budget_min:
            raise ValidationError({"budget_max": "The largest budget is below the smallest."})


class Message(models.Model):
    """A private message between two people. Neither sees the other's address: the
    platform delivers it to the inbox and, by e-mail, from its own address."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_messages"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="received_messages"
    )
    idea = models.ForeignKey(
        ProjectIdea, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=5000)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.subject


class Block(models.Model):
    """The blocker receives no more messages from the blocked person."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique")]

    def __str__(self) -> str:
        return f"{self.blocker} blocks {self.blocked}"


def interest_labels(values: list[str]) -> list[str]:
    """In the order of the choices, as the seed page lists them."""
    return [label for value, label in Interest.choices if value in values]
