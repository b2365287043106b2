"""What the commands share: the text tables."""


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def number(value) -> str:
    """A Decimal as people write it: 48, 12.5, 1500000."""
    return "" if value is None else f"{value.normalize():f}"
