"""Nothing under /api/ answers with an HTML page, and the OpenAPI document declares the
errors every operation may answer (schemathesis checks the rest: tests/test_api_fuzz.py)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"detail"} and body["detail"], body
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here",
        "/api/v1/events/not-a-number",  # no route: the path converter wants an int
        "/api/v1/good-practices/1/steps/extra",
        "/api/v2/projects",
    ],
)
def test_an_unknown_api_path_answers_json_404(db, client, path):
    assert_json_error(client.get(path), 404)


def test_a_page_outside_the_api_still_answers_html_404(db, client):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_method_not_allowed_answers_json_405_with_the_allowed_ones(db, client):
    response = client.delete("/api/v1/projects")

    assert_json_error(response, 405)
    assert response["Allow"] == "GET"


@pytest.mark.urls("api_failing_urls")
def test_a_server_error_answers_json_500(db, client):
    client.raise_request_exception = False

    body = assert_json_error(client.get("/api/v1/failing"), 500)

    assert "a bug" not in body["detail"]


def test_a_write_without_its_csrf_token_answers_json_403(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("writer", "writer@example.org", "pw"))

    body = assert_json_error(client.post("/api/v1/blocks", {"slug": "x"}), 403)

    assert "CSRF" in body["detail"]


@pytest.fixture
def operations(client):
    document = client.get("/api/v1/openapi.json").json()
    return {
        f"{method.upper()} {path}": operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def test_every_operation_declares_the_validation_error(db, operations):
    assert len(operations) > 40
    for name, operation in operations.items():
        answer = operation["responses"].get("422")
        assert answer, name
        schema = answer["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ValidationErrors"}, name


def test_every_write_declares_401_and_403(db, operations):
    secured = {name: op for name, op in operations.items() if op.get("security")}
    assert "POST /api/v1/blocks" in secured and "PUT /api/v1/people/me" in secured
    for name, operation in secured.items():
        assert {"401", "403"} <= set(operation["responses"]), name


def test_a_validation_error_has_the_documented_shape(db, client):
    body = client.get("/api/v1/projects", {"q": "x" * 201}).json()

    assert body["detail"][0]["loc"] == ["query", "q"]
    assert {"type", "loc", "msg"} <= set(body["detail"][0])
