"""Types every part of the API shares: money as strings, checked keys and codes, the error
message, the provenance of a record, and `Profiled`, which lets a detail schema read a
profile from a query function as one record.

Money and rates are Decimal and travel as strings ("1376708.00"), so no client ever reads
them through a float."""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

from corridor.lib.money import CENT

DecimalStr = Annotated[
    Decimal,
    PlainSerializer(lambda value: str(value.quantize(CENT)), return_type=str),
    WithJsonSchema({"type": "string", "format": "decimal"}),
]
# A reference to a country or region, null when the source does not say.
CodeOrNull = Annotated[str | None, BeforeValidator(lambda code: code or None)]


def _refuse_nul(text: str) -> str:
    # PostgreSQL answers a NUL character in a query with a server error.
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


SearchText = Annotated[str, StringConstraints(max_length=200), AfterValidator(_refuse_nul)]
Key = Annotated[str, StringConstraints(max_length=320), AfterValidator(_refuse_nul)]  # slug, code
CountryCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True, strip_whitespace=True)
]
RegionCode = Annotated[
    str,
    StringConstraints(
        pattern=r"^[A-Za-z]{2}[A-Za-z0-9]{0,3}$", to_upper=True, strip_whitespace=True
    ),
]
Year = Annotated[int, Field(ge=1, le=9999)]


class Profiled:
    """A profile from a read function seen as one record: the profile's own attributes
    (partners, counts, track record...) first, then those of the record it describes."""

    def __init__(self, profile: Any, record: Any):
        self._profile, self._record = profile, record

    def __getattr__(self, name: str) -> Any:
        try:
            return getattr(self._profile, name)
        except AttributeError:
            return getattr(self._record, name)


class Message(Schema):
    detail: str


# The answer of a detail endpoint whose record may be missing.
NOT_FOUND = {404: Message}


class FieldError(Schema):
    type: str = Field(description="What is wrong, e.g. string_too_long, missing.")
    loc: list[str | int] = Field(description="Where: query, path or body, then the field.")
    msg: str


class ValidationErrors(Schema):
    """The answer (422) to a request whose parameters or body do not fit the document."""

    detail: list[FieldError]


class Coded(Schema):
    code: str
    label: str


class Provenance(Schema):
    source: str = Field(description="Where the record was imported from; empty when curated.")
    source_record_id: str
    imported_at: datetime.datetime | None


class ProvenanceMixin(Schema):
    provenance: Provenance

    @staticmethod
    def resolve_provenance(record) -> Any:
        return record


def validation_message(error: ValidationError) -> str:
    """A model or service validation error in one line, each field named."""
    if hasattr(error, "error_dict"):
        return " ".join(
            " ".join(messages) if name == NON_FIELD_ERRORS else f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
