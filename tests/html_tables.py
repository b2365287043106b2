"""Reading rendered pages the way a reader sees them: tables as rows of cell texts,
definition lists as label -> value."""

from html.parser import HTMLParser


def _squash(text: str) -> str:
    return " ".join(text.split())


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.definitions: dict[str, str] = {}
        self._cell: list[str] | None = None
        self._term: str | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("dt", "dd"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(_squash("".join(self._cell)))
            self._cell = None
        elif tag == "dt" and self._text is not None:
            self._term, self._text = _squash("".join(self._text)), None
        elif tag == "dd" and self._text is not None and self._term is not None:
            self.definitions.setdefault(self._term, _squash("".join(self._text)))
            self._term = self._text = None

    def handle_data(self, data):
        for sink in (self._cell, self._text):
            if sink is not None:
                sink.append(data)


def _parse(response) -> _PageParser:
    parser = _PageParser()
    parser.feed(response.content.decode())
    return parser


def table(response, first_header: str) -> list[list[str]]:
    """The body rows of the table whose first column is headed `first_header`."""
    for rows in _parse(response).tables:
        if rows and rows[0] and rows[0][0] == first_header:
            return rows[1:]
    raise AssertionError(f"no table headed {first_header!r}")


def column(response, first_header: str, index: int = 0) -> list[str]:
    return [row[index] for row in table(response, first_header)]


def definitions(response) -> dict[str, str]:
    """Each <dt> label of the page with the text of its <dd> (the first, if repeated)."""
    return _parse(response).definitions
