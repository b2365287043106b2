"""What the commands share: the text tables and the API's JSON."""


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def number(value) -> str:
    """A Decimal as people write it: 48, 12.5, 1500000."""
    return "" if value is None else f"{value.normalize():f}"


def api_json(schema, result) -> str:
    """`result` rendered through an endpoint's response schema as the API renders it, so
    `--format json` prints what the endpoint answers. This is what ninja's Operation does
    with a response: validate it as the `response` field of a schema, dump that in Python
    mode without aliases (ninja's default), and encode it with ninja's JSON encoder."""
    import json

    from ninja import Schema
    from ninja.responses import NinjaJSONEncoder

    response = type("CliResponse", (Schema,), {"__annotations__": {"response": schema}})
    data = response.model_validate({"response": result}).model_dump(by_alias=False)
    return json.dumps(data["response"], cls=NinjaJSONEncoder, ensure_ascii=False, indent=2)
