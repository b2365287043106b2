"""Signs in as a user through /accounts/login/ with each password given, in turn, in a
process of its own (tests/test_shared_rate_limits.py), and prints what each answer was, one
a line: "wrong", "refused" (too many failures) or "signed in". The user is made, with a
confirmed address and the password RIGHT, when missing.

    python tests/sign_in_attempts.py [--local-cache] USER PASSWORD...

--local-cache counts in this process's memory, as the cache did before it was shared."""

import os
import sys

RIGHT = "a long passphrase 42"


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    import django
    from django.conf import settings

    if argv[0] == "--local-cache":
        argv = argv[1:]
        local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        settings.CACHES = {"default": local, "local": local}
    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import User
    from django.test import Client

    username, passwords = argv[0], argv[1:]
    if not User.objects.filter(username=username).exists():
        user = User.objects.create_user(username, f"{username}@example.org", RIGHT)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for password in passwords:
        client = Client()
        response = client.post("/accounts/login/", {"login": username, "password": password})
        page = response.content.decode()
        if "Too many failed login attempts" in page:
            print("refused")
        elif "_auth_user_id" in client.session:
            print("signed in")
        else:
            assert "not correct" in page, (response.status_code, page[:300])
            print("wrong")


if __name__ == "__main__":
    main(sys.argv[1:])
