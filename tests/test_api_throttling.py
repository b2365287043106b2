"""The API's writes are throttled per signed-in user and per client address; past a limit
the answer is 429, JSON, with Retry-After, as the OpenAPI document declares for every write
(and for no read). Both ways: below the limit taken, above refused."""

import time

import pytest
from django.contrib.auth.models import User

from corridor.community.models import Block, Profile

pytestmark = pytest.mark.django_db

WRITE = "/api/v1/blocks"


def person(username: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    Profile.objects.create(user=user, slug=f"{username}-profile", name=username.title())
    return user


def block(client, whom: str, address: str = "192.0.2.1", **headers):
    return client.post(
        WRITE, {"profile": f"{whom}-profile"}, content_type="application/json",
        REMOTE_ADDR=address, headers=headers,
    )  # fmt: skip


def assert_throttled(response) -> None:
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Too many requests."}
    assert 1 <= int(response["Retry-After"]) <= 60


def test_a_user_writes_up_to_the_limit_then_is_refused_with_retry_after(client, settings):
    settings.API_WRITES_PER_USER = "3/m"
    ana, bob = person("ana"), person("bob")
    person("eve")
    client.force_login(ana)
    for _ in range(3):
        assert block(client, "eve").status_code == 201
    refused = block(client, "bob")
    assert_throttled(refused)
    assert not Block.objects.filter(blocker=ana, blocked__username="bob").exists()
    # Reads are not counted; another user from the same address still writes.
    assert client.get("/api/v1/blocks").status_code == 200
    client.force_login(bob)
    assert block(client, "eve").status_code == 201


def test_one_address_is_refused_past_its_limit_whoever_signs_in(client, settings):
    settings.API_WRITES_PER_IP = "4/m"
    users = [person(name) for name in ("ana", "bob", "cyd")]
    person("eve")
    for user in users[:2]:
        client.force_login(user)
        assert [block(client, "eve").status_code for _ in range(2)] == [201, 201]
    client.force_login(users[2])
    assert_throttled(block(client, "eve"))
    # Another address is counted apart; a client's own X-Forwarded-For does not make one.
    assert_throttled(block(client, "eve", **{"X-Forwarded-For": "198.51.100.7"}))
    assert block(client, "eve", address="192.0.2.2").status_code == 201


def test_the_window_passes_and_writes_are_taken_again(client, settings):
    settings.API_WRITES_PER_USER = "2/s"
    client.force_login(person("ana"))
    person("eve")
    assert [block(client, "eve").status_code for _ in range(2)] == [201, 201]
    refused = block(client, "eve")
    assert_throttled(refused)
    assert refused["Retry-After"] == "1"
    time.sleep(1.05)
    assert block(client, "eve").status_code == 201


def test_the_document_declares_429_with_retry_after_on_every_write_and_no_read(client):
    document = client.get("/api/v1/openapi.json").json()
    writes, reads = 0, 0
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            responses = operation["responses"]
            if method in ("post", "put", "patch", "delete"):
                writes += 1
                assert "429" in responses, f"{method.upper()} {path}"
                assert "Retry-After" in responses["429"]["headers"]
                schema = responses["429"]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Message"}
            else:
                reads += 1
                assert "429" not in responses, f"{method.upper()} {path}"
    assert writes >= 13 and reads >= 30


def test_a_mistyped_rate_stops_the_start():
    from django.core.exceptions import ImproperlyConfigured

    from corridor.settings import rate_setting

    assert rate_setting({"X": "100/5m"}, "X", "30/m") == "100/5m"
    assert rate_setting({}, "X", "30/m") == "30/m"
    with pytest.raises(ImproperlyConfigured, match="X='30 a minute'"):
        rate_setting({"X": "30 a minute"}, "X", "30/m")
