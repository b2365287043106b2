"""Every shape of the API has one name. The OpenAPI document names its components after the
schema classes and keeps one per name, so two classes of one name would leave the other
undocumented (a `ProjectRef` and a `Message` were once defined twice)."""

from collections import defaultdict

from ninja import Schema

import corridor.api.api  # noqa: F401  (mounts every app's router, importing its schemas)


def corridor_schemas() -> list[type]:
    found, todo = [], list(Schema.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("corridor."):
            found.append(cls)
    return found


def test_no_two_schemas_share_a_name():
    by_name = defaultdict(set)
    for cls in corridor_schemas():
        by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert len(by_name) > 40
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


def test_each_component_of_the_document_is_its_class(client, db):
    """The document's component of a name lists exactly the fields of the class."""
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    classes = {cls.__name__: cls for cls in corridor_schemas()}
    checked = 0
    for name, component in components.items():
        cls = classes.get(name)
        if cls is None or "properties" not in component:
            continue
        documented = set(component["properties"])
        fields = set(cls.model_fields)
        assert documented == fields, name
        checked += 1
    assert checked > 40
