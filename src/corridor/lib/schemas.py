"""Types every part of the API shares: money as strings, checked keys and codes, the error
message, the provenance of a record, and `Profiled`, which lets a detail schema read a
profile from a query function as one record.

Money and rates are Decimal and travel as strings ("1376708.00"), so no client ever reads
them through a float."""

import datetime
import re
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


# The document says so too, so that no client sends what is refused.
NUL_FREE = "^[^\\x00]*$"
NO_NUL = Field(json_schema_extra={"pattern": NUL_FREE})
SearchText = Annotated[str, StringConstraints(max_length=200), AfterValidator(_refuse_nul), NO_NUL]
Key = Annotated[
    str, StringConstraints(max_length=320), AfterValidator(_refuse_nul), NO_NUL
]  # slug, code
CountryCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True, strip_whitespace=True)
]
RegionCode = Annotated[
    str,
    StringConstraints(
        pattern=r"^[A-Za-z]{2}[A-Za-z0-9]{0,3}$", to_upper=True, strip_whitespace=True
    ),
]


def _whole(value: Any) -> Any:
    # A query's "1.0" names no whole number, though pydantic would read it as 1.
    if isinstance(value, str) and not re.fullmatch(r"\s*[+-]?[0-9]+\s*", value):
        raise ValueError("must be a whole number")
    return value


# An integer as a query parameter writes it: digits only.
WholeNumber = Annotated[int, BeforeValidator(_whole)]
Year = Annotated[int, Field(ge=1, le=9999)]
# Text a write needs: something besides white space.
NonBlank = Annotated[str, StringConstraints(pattern=r"\S")]


def decimal_input(max_digits: int, places: int = 2) -> Any:
    """An amount or figure a client sends, never negative: a decimal string as the API writes
    them ("1250.50"), or a whole number. A fraction in a JSON number is refused, as binary
    floats cannot say 0.1; the document says exactly this, so no valid value is refused."""
    whole = max_digits - places
    text = rf"^[0-9]{{1,{whole}}}(\.[0-9]{{1,{places}}})?$"
    largest = 10**whole - 1

    def parse(value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
            raise ValueError('must be a decimal string such as "12.50" or a whole number')
        if isinstance(value, int) and not 0 <= value <= largest:
            raise ValueError(f"must be from 0 to {largest}")
        if isinstance(value, str) and not re.fullmatch(text, value):
            raise ValueError(
                f'must be a decimal such as "12.50": up to {whole} digits, a point and '
                f"up to {places} decimals"
            )
        return Decimal(value)

    return Annotated[
        Decimal,
        BeforeValidator(parse),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "format": "decimal", "pattern": text},
                    {"type": "integer", "minimum": 0, "maximum": largest},
                ]
            }
        ),
    ]


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


# The code of a validation error that says a record the input names does not exist: the API
# answers an input whose every error is one with 404, as it does for a path's record.
MISSING_RECORD = "missing_record"


def only_missing_records(error: ValidationError) -> bool:
    """Whether every error of `error` is a record not found (code MISSING_RECORD)."""
    if hasattr(error, "error_dict"):
        errors = [e for field_errors in error.error_dict.values() for e in field_errors]
    else:
        errors = error.error_list
    return bool(errors) and all(e.code == MISSING_RECORD for e in errors)


def validation_message(error: ValidationError) -> str:
    """A model or service validation error in one line, each field named."""
    if hasattr(error, "error_dict"):
        return " ".join(
            " ".join(messages) if name == NON_FIELD_ERRORS else f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
