"""What inspired an action, as the reader may see it: a good practice that is not validated
yet shows its title only to those who may read the practice (its project's partners, its
author, the experts), on the plan page, in the API, in the CLI and in the downloads alike."""

import csv
import io

import pytest

from corridor.cli import main
from corridor.learning.models import GoodPractice, PracticeStatus
from corridor.plans.models import ActionPlan
from corridor.projects.models import Project
from people import member

pytestmark = pytest.mark.django_db
DRAFT = "Cluster mapping still being written"
VALIDATED = "Voucher scheme for cluster services"


@pytest.fixture
def polish():
    """The Polish InterVentures plan (approved): its ACTION 2 names both practices."""
    plan = ActionPlan.objects.get(project__slug="interventures", country_code="PL")
    clusterfy = Project.objects.get(slug="clusterfy")
    draft = GoodPractice.objects.create(title=DRAFT, project=clusterfy, status=PracticeStatus.DRAFT)
    validated = GoodPractice.objects.create(
        title=VALIDATED, project=clusterfy, status=PracticeStatus.VALIDATED
    )
    plan.actions.get(number=2).inspired_by_practices.set([draft, validated])
    return plan


@pytest.fixture
def clusterfy_member(db):
    return member("clusterfy", "mita")  # ClusterFY's lead partner: reads its drafts


def practices_in_api(client, plan) -> list[str]:
    response = client.get(f"/api/v1/action-plans/{plan.pk}")
    assert response.status_code == 200
    (action,) = response.json()["actions"]
    return [p["title"] for p in action["inspired_by"]["good_practices"]]


def exported(client) -> str:
    response = client.get("/action-plans/export.csv?country=PL")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    (row,) = rows
    return row["inspired_by"]


def test_anonymous_readers_see_the_validated_practice_only(client, polish):
    html = client.get(f"/action-plans/{polish.pk}/").content.decode()
    assert VALIDATED in html and DRAFT not in html
    assert practices_in_api(client, polish) == [VALIDATED]
    assert VALIDATED in exported(client) and DRAFT not in exported(client)


def test_the_cli_reads_what_everyone_may_read(capsys, polish):
    assert main(["plans", "show", str(polish.pk)]) == 0
    out = capsys.readouterr().out
    assert f"good practice {VALIDATED}" in out and DRAFT not in out


def test_a_partner_of_the_practice_s_project_sees_its_draft(client, polish, clusterfy_member):
    client.force_login(clusterfy_member)
    html = client.get(f"/action-plans/{polish.pk}/").content.decode()
    assert VALIDATED in html and DRAFT in html
    assert practices_in_api(client, polish) == [DRAFT, VALIDATED]
    assert exported(client) == f"{DRAFT}; {VALIDATED}; InterVentures situation analysis reports"


def test_a_partner_of_the_plan_s_project_does_not(client, polish):
    client.force_login(member("rzeszow", "rzeszow-regional-development-agency"))
    assert DRAFT not in client.get(f"/action-plans/{polish.pk}/").content.decode()
    assert practices_in_api(client, polish) == [VALIDATED]
    assert DRAFT not in exported(client)
