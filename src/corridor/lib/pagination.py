"""Paging of the API's lists, shared by every router."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from corridor.lib.schemas import WholeNumber

MAX_LIMIT = 200


class LimitOffset(PaginationBase):
    """Like ninja's LimitOffsetPagination, but a limit over the maximum is refused rather than
    silently cut, and the answer says which slice it holds."""

    class Input(Schema):
        limit: WholeNumber = Field(20, ge=1, le=MAX_LIMIT)
        # Far past any table, and short of overflowing the database's integers.
        offset: WholeNumber = Field(0, ge=0, le=10**9)

    class Output(Schema):
        count: int
        limit: int
        offset: int
        items: list[Any]

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict:
        start, stop = pagination.offset, pagination.offset + pagination.limit
        return {
            "count": queryset.count(),
            "limit": pagination.limit,
            "offset": pagination.offset,
            "items": queryset[start:stop],
        }
