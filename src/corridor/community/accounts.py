"""Accounts through django-allauth: the platform's own rules on top of the library's.

- Everyone who signs up confirms their e-mail address before signing in. Accounts a curator
  made (in the admin, `createsuperuser`, or before sign-up existed) have no address record
  of allauth's: the curator vouched for them, and they sign in without a confirmation.
- A user name is shown to others (when there is no profile): it may not be an e-mail address.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm, SignupForm
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage
from django import forms


class AccountAdapter(DefaultAccountAdapter):
    def clean_username(self, username: str, shallow: bool = False) -> str:
        if "@" in username:
            raise forms.ValidationError(
                "A user name is shown to others: it may not contain “@” (use your e-mail "
                "address to sign in instead)."
            )
        return super().clean_username(username, shallow=shallow)

    def get_login_stages(self) -> list[str]:
        stages = super().get_login_stages()
        allauths = "allauth.account.stages.EmailVerificationStage"
        return [
            "corridor.community.accounts.VerifiedOrVouchedStage" if s == allauths else s
            for s in stages
        ]


class VerifiedOrVouchedStage(EmailVerificationStage):
    """allauth's e-mail verification, except for accounts a curator created."""

    def handle(self):
        user = self.login.user
        vouched = (
            not self.login.signup
            and user is not None
            and user.pk is not None
            and not EmailAddress.objects.filter(user_id=user.pk).exists()
        )
        if vouched:
            return None, True
        return super().handle()


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or e-mail"


class SignUpForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail"
        self.fields[
            "email"
        ].help_text = (
            "Never shown to anyone: people reach you through private messages on the platform."
        )
        self.fields["username"].help_text = "Shown to others until you fill in a profile."
