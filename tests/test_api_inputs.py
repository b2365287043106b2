"""The OpenAPI document says what each write and filter accepts, and the endpoint accepts
what the document allows: a value the document allows is never refused for its form
(schemathesis's ST202, tests/test_api_fuzz.py), and one it refuses is refused with 422."""

import jsonschema_rs
import pytest


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def allows(document, schema: dict, value) -> bool:
    return jsonschema_rs.validator_for({**schema, "components": document["components"]}).is_valid(
        value
    )


def component(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def parameter(document, path: str, name: str) -> dict:
    parameters = document["paths"][f"/api/v1{path}"]["get"]["parameters"]
    return next(p["schema"] for p in parameters if p["name"] == name)


def test_a_nul_character_is_refused_by_the_document_as_by_the_endpoint(db, document, client):
    for path, name in [("/regions", "q"), ("/projects/{slug}", "slug")]:
        assert not allows(document, parameter(document, path, name), "a\x00b"), path
        assert allows(document, parameter(document, path, name), "a b"), path
    assert client.get("/api/v1/regions", {"q": "a\x00b"}).status_code == 422


@pytest.mark.parametrize(
    ("name", "valid", "invalid"),
    [
        ("IndicatorIn", {"target": "40", "achieved": "12.50"}, {"achieved": ""}),
        ("IndicatorIn", {"target": 40}, {"target": "-40"}),
        ("IndicatorIn", {"target": "0.5"}, {"target": 12.5}),
        ("IndicatorIn", {"target": "99999999999999.99"}, {"target": "1e20"}),
        ("TargetIn", {"target": 1, "achieved": "3"}, {"target": 1, "achieved": ""}),
        ("ProfileIn", {"name": "Ana"}, {"name": ""}),
        ("ProfileIn", {"name": "Ana"}, {"name": "   "}),
        ("IdeaIn", {"title": "T", "summary": "S"}, {"title": "", "summary": "S"}),
        (
            "IdeaIn",
            {"title": "T", "summary": "S", "budget_max": "5"},
            {"title": "T", "summary": "S", "budget_max": ""},
        ),  # fmt: skip
    ],
)
def test_the_document_refuses_what_the_endpoint_refuses(db, document, name, valid, invalid):
    assert allows(document, component(name), valid)
    assert not allows(document, component(name), invalid)


def test_a_good_practice_rejection_needs_a_reason_in_the_document(db, document):
    body = document["paths"]["/api/v1/good-practices/{pk}/steps"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]

    assert allows(document, schema, {"action": "submit"})
    assert allows(document, schema, {"action": "reject", "note": "Too vague."})
    assert not allows(document, schema, {"action": "reject", "note": ""})
    assert not allows(document, schema, {"action": "validate", "note": "  "})
    assert not allows(document, schema, {"action": "validate"})


def test_an_upload_form_names_its_project_and_may_leave_the_date_empty(db, document):
    form = document["paths"]["/api/v1/documents"]["post"]["requestBody"]["content"]
    schema = form["multipart/form-data"]["schema"]

    assert schema["properties"]["project"]["minLength"] == 1


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/news", "project"),
        ("/projects", "theme"),
        ("/people", "representing"),
        ("/organisations", "type"),
        ("/ideas", "theme"),
    ],
)
def test_a_nul_character_in_any_query_parameter_is_refused_as_documented(
    db, document, client, path, name
):
    """PostgreSQL cannot compare text holding NUL: these once answered 500 there."""
    schema = parameter(document, path, name)
    assert not allows(document, schema, "a\x00b" if schema["type"] == "string" else ["a\x00b"])

    response = client.get(f"/api/v1{path}", {name: "a\x00b"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", name]
