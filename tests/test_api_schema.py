"""The OpenAPI schema and the docs page, which must work without the internet."""

import json
import re

import pytest

PATHS = {
    "/api/v1/projects",
    "/api/v1/projects/{slug}",
    "/api/v1/programmes",
    "/api/v1/programmes/{slug}",
    "/api/v1/organisations",
    "/api/v1/organisations/{slug}",
    "/api/v1/regions",
    "/api/v1/regions/{code}",
    "/api/v1/projects/{slug}/network",
    "/api/v1/organisations/{slug}/network",
    "/api/v1/regions/{code}/network",
    "/api/v1/programmes/{slug}/network",
}


@pytest.fixture
def openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def refs(value):
    if isinstance(value, dict):
        if "$ref" in value:
            yield value["$ref"]
        for item in value.values():
            yield from refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from refs(item)


# The only writes, for signed-in users: the steps of the good-practice workflow, uploads,
# the steps of an action plan, its progress reports and a project's indicator figures;
# private messages and blocks; one's own profile, an organisation's profile (its members),
# project ideas and their status.
WRITES = {
    "/api/v1/messages": {"get", "post"},
    "/api/v1/messages/{pk}/read": {"post"},
    "/api/v1/blocks": {"get", "post"},
    "/api/v1/blocks/{slug}": {"delete"},
    "/api/v1/people/me": {"put"},
    "/api/v1/organisations/{slug}/profile": {"get", "put"},
    "/api/v1/ideas": {"get", "post"},
    "/api/v1/ideas/{slug}": {"get", "put"},
    "/api/v1/ideas/{slug}/status": {"post"},
    "/api/v1/good-practices/{pk}/steps": {"post"},
    "/api/v1/documents": {"get", "post"},
    "/api/v1/action-plans/{pk}/steps": {"post"},
    "/api/v1/action-plans/{pk}/reports": {"post"},
    "/api/v1/indicators/project/{slug}/{indicator}": {"put"},
    "/api/v1/extraction/documents": {"post"},
    "/api/v1/extraction/facts/{pk}/decision": {"post"},
    "/api/v1/extraction/documents/{pk}/land": {"post"},
}


def test_schema_lists_every_path_as_a_get_with_a_named_operation(openapi):
    assert openapi["openapi"].startswith("3.")
    assert set(openapi["paths"]) >= PATHS | set(WRITES)
    for path, methods in openapi["paths"].items():
        assert set(methods) == WRITES.get(path, {"get"}), path
    operations = [
        operation["operationId"]
        for path in openapi["paths"].values()
        for operation in path.values()
    ]
    assert len(set(operations)) == len(operations)
    assert {"list_projects", "get_project"} <= set(operations)


def test_every_reference_resolves(openapi):
    components = openapi["components"]["schemas"]

    found = set(refs(openapi))

    assert "#/components/schemas/ProjectDetail" in found
    assert {ref.removeprefix("#/components/schemas/") for ref in found} <= set(components)


def test_money_is_documented_as_decimal_strings(openapi):
    detail = openapi["components"]["schemas"]["ProjectDetail"]["properties"]

    for name in ("total_budget", "eu_cofinancing", "funding", "computed_cofinancing_rate"):
        assert {"type": "string", "format": "decimal"} in detail[name]["anyOf"], name


def test_list_parameters_are_documented(openapi):
    parameters = {p["name"]: p for p in openapi["paths"]["/api/v1/projects"]["get"]["parameters"]}

    assert set(parameters) == {
        "q", "programme", "country", "region", "role", "theme",
        "year_from", "year_to", "sort", "limit", "offset",
    }  # fmt: skip
    assert parameters["role"]["schema"]["items"]["enum"] == [
        "lead", "partner", "associated", "advisory",
    ]  # fmt: skip
    assert parameters["limit"]["schema"]["maximum"] == 200


def test_no_field_could_carry_an_email_address(openapi):
    names = {
        name
        for schema in openapi["components"]["schemas"].values()
        for name in schema.get("properties", {})
    }

    assert "project_manager" in names
    assert not [name for name in names if "mail" in name or "user" in name]


def test_docs_page_loads_nothing_from_another_site(db, client):
    # db: closing a served file signals request_finished, which looks at the connection.
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    assert all(asset.startswith("/static/") for asset in assets), assets
    assert '"validatorUrl": null' in page
    for asset in assets:
        served = client.get(asset)
        served.close()  # WhiteNoise streams the file
        assert served.status_code == 200, asset
