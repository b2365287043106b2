"""The search core serves content types it does not know: the apps declare their types and
the facets they fill, and the index and the Explore page are built from those declarations."""

import ast
from pathlib import Path

from corridor.search.registry import facets

SEARCH = Path(__file__).resolve().parent.parent / "src" / "corridor" / "search"
DOMAIN_APPS = (
    "projects", "organisations", "regions", "learning", "plans", "community", "extraction",
    "ingest",
)  # fmt: skip


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_the_search_core_imports_no_domain_app():
    sources = sorted(SEARCH.rglob("*.py"))
    assert len(sources) > 10
    for path in sources:
        for module in imported_modules(path):
            parts = module.split(".")
            assert not (parts[0] == "corridor" and len(parts) > 1 and parts[1] in DOMAIN_APPS), (
                f"{path.relative_to(SEARCH)} imports {module}"
            )


def test_the_backend_names_no_facet_of_a_content_type():
    declared = {f.name for f in facets()} - {"type"}
    assert {"region", "role", "country", "programme", "theme"} <= declared
    names = declared | {"region_nuts2", "role_set", "nuts2", "lead", "partner"}
    sources = sorted((SEARCH / "backends").glob("*.py"))
    # Every module of the backend: the engine, its schema, its queries and its facet counts.
    assert {"tantivy_backend.py", "tantivy_schema.py", "tantivy_query.py", "tantivy_facets.py"} <= {
        path.name for path in sources
    }
    for path in sources:
        tree = ast.parse(path.read_text("utf-8"))
        literals = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert not literals & names, f"{path.name} names {literals & names}"


def test_explore_shows_the_facets_in_their_order_with_their_labels(client, db):
    data = client.get("/api/v1/search").json()
    assert [(f["name"], f["label"]) for f in data["facets"]] == [
        ("type", "Search for"),
        ("organised_by", "Organised by"),
        ("news_source", "News source"),
        ("interested_in", "Looking for people interested in"),
        ("representing", "Looking for people representing"),
        ("partner_type", "Partner type sought"),
        ("idea_status", "Idea status"),
        ("file_type", "File type"),
        ("programme", "Programme"),
        ("country", "Country"),
        ("region", "Region (NUTS 2)"),
        ("theme", "Theme"),
        ("role", "Partner role"),
    ]


def test_facet_values_have_their_declared_labels(client, db):
    data = client.get("/api/v1/search", {"region": ["SE", "SE33"], "type": "organisation"})
    values = {
        f["name"]: {v["value"]: v["label"] for v in f["values"]} for f in data.json()["facets"]
    }
    assert values["type"]["project"] == "Projects"
    assert values["country"]["SE"] == "Sweden"
    assert values["region"]["SE"] == "Sweden"  # a country chosen as a region
    assert values["region"]["SE33"] == "Övre Norrland (SE33)"
    assert values["role"]["lead"] == "Lead partner"


def test_shadow_fields_hold_what_their_facet_counts(tmp_path):
    from corridor.search.backends.tantivy_backend import TantivyBackend
    from corridor.search.documents import SearchDocument, region_with_ancestors

    backend = TantivyBackend(tmp_path / "node")
    values = {"region": region_with_ancestors("SE331"), "role": ["partner", "lead", "lead"]}
    backend.index_documents([SearchDocument("x:1", "x", "A title", "/x/1/", facets=values)])
    searcher = backend.engine.searcher()

    def terms(field):
        return [term for term, _ in searcher.terms_with_prefix(field, "", limit=100)]

    assert terms("region") == ["SE", "SE3", "SE33", "SE331"]
    assert terms("region_counted") == ["SE33"]  # NUTS 2 only
    assert terms("role_combos") == ["lead+partner"]
