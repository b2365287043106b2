"""Membership and SecretariatMembership moved from learning and plans to community without
touching their tables: a database from before the move keeps its rows and its permissions.

The migrations run in a separate process on a scratch SQLite file: the suite's shared test
database must not be migrated back and forth under the other tests."""

import json
import os
import subprocess
import sys

SCRIPT = """
import json
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.core.management import call_command

call_command("migrate", verbosity=0)
call_command("migrate", "community", "zero", verbosity=0)  # the database before the move
executor = MigrationExecutor(connection)
old = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
user = old.get_model("auth", "User").objects.create(username="ana", email="ana@example.org")
organisation = old.get_model("organisations", "Organisation").objects.create(
    name="Pannon EGTC", slug="pannon-egtc"
)
programme = old.get_model("projects", "Programme").objects.create(
    name="Interreg Europe", slug="interreg-europe"
)
old.get_model("learning", "Membership").objects.create(user=user, organisation=organisation)
old.get_model("plans", "SecretariatMembership").objects.create(user=user, programme=programme)
ContentType = old.get_model("contenttypes", "ContentType")
Permission = old.get_model("auth", "Permission")
for app_label, model in [("learning", "membership"), ("plans", "secretariatmembership")]:
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=f"change_{model}", defaults={"name": model}
    )
    user.user_permissions.add(permission)

call_command("migrate", verbosity=0)

from django.contrib.auth.models import User
from corridor.community.models import Membership, SecretariatMembership

ana = User.objects.get(username="ana")
print(json.dumps({
    "members": list(Membership.objects.values_list("user__username", "organisation__slug")),
    "secretariat": list(
        SecretariatMembership.objects.values_list("user__username", "programme__slug")
    ),
    "permissions": sorted(ana.get_all_permissions()),
}))
"""


def test_memberships_and_their_permissions_survive_the_move_to_community(tmp_path):
    env = {**os.environ, "CORRIDOR_SQLITE_PATH": str(tmp_path / "before.sqlite3")}
    env.pop("CORRIDOR_DB", None)
    env["DJANGO_SETTINGS_MODULE"] = "corridor.settings"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    after = json.loads(result.stdout.strip().splitlines()[-1])
    assert after["members"] == [["ana", "pannon-egtc"]]
    assert after["secretariat"] == [["ana", "interreg-europe"]]
    assert after["permissions"] == [
        "community.change_membership",
        "community.change_secretariatmembership",
    ]
