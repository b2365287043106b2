"""The e-mail leak check: every response the test run's clients receive (pages, API answers,
feeds, exports, streamed or not) is recorded with who asked, and after each test searched for
the e-mail address of any user in the database (tests/conftest.py wires it in).

Allowed: a signed-in person's own address on their own /accounts/ pages (allauth's e-mail
page), an address the request itself carried (a sign-in or sign-up form shown again with
what the visitor typed), and the admin, where curators manage accounts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote_plus

from django.http import RawPostDataException
from django.http.request import RequestDataTooBig

RECORDED: list[Recorded] = []


@dataclass
class Recorded:
    method: str
    url: str
    user: str  # who asked: a user name, or "anonymous"
    user_id: int | None
    sent: str  # what the request carried (query and body), decoded, lower case
    chunks: list[bytes] = field(default_factory=list)

    def body(self) -> bytes:
        return b"".join(self.chunks).lower()

    def allowed(self, address: str, owners: dict[str, set[int]]) -> bool:
        if address in self.sent:
            return True
        path = self.url.split("?")[0]
        if path.startswith("/admin/"):
            return True
        return path.startswith("/accounts/") and self.user_id in owners.get(address, set())


def spellings(address: str) -> list[bytes]:
    """As text, in a URL, and as HTML entities: the ways a page may carry an address."""
    forms = {address, address.replace("@", "%40"), address.replace("@", "&#64;")}
    return [form.encode() for form in forms]


def leaks(records: Iterable[Recorded]) -> list[str]:
    """One line per address found where it should not be: the request, who asked, which.
    Asked after the test, in its database: the addresses of every user then."""
    found = []
    owners = None
    for record in records:
        body = record.body()
        if b"@" not in body and b"%40" not in body and b"&#64;" not in body:
            continue
        if owners is None:
            owners = addresses()
        for address in sorted(owners):
            if record.allowed(address, owners):
                continue
            if any(form in body for form in spellings(address)):
                found.append(
                    f"{record.method} {record.url} (asked by {record.user}) shows {address}"
                )
    return found


def addresses() -> dict[str, set[int]]:
    """Every user's addresses (theirs and allauth's further ones), lower case, with the ids
    of the users whose they are."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import User

    owners: dict[str, set[int]] = {}
    try:
        rows = [*User.objects.exclude(email="").values_list("email", "pk")]
        rows += EmailAddress.objects.values_list("email", "user_id")
    except RuntimeError:  # pytest-django: this test has no database, hence no users
        return owners
    for address, user_id in rows:
        owners.setdefault(address.lower(), set()).add(user_id)
    return owners


def _sent(request) -> str:
    parts = [request.META.get("QUERY_STRING", "")]
    try:
        parts.append(request.body.decode("utf-8", "replace"))
    except (RawPostDataException, RequestDataTooBig):  # a multipart upload, already read
        parts.extend(str(value) for value in request.POST.values())
    return unquote_plus(" ".join(parts)).lower()


def _recording(content: Iterator[bytes], record: Recorded) -> Iterator[bytes]:
    for chunk in content:
        record.chunks.append(bytes(chunk))
        yield chunk


class RecordResponses:
    """Outermost middleware, added to MIDDLEWARE by the test session only. It asks the
    database nothing (the tests count queries). A streamed answer (CSV, JSON exports,
    documents) is recorded as the client reads it, unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        record = Recorded(
            method=request.method,
            url=request.get_full_path(),
            user=user.get_username() if signed_in else "anonymous",
            user_id=user.pk if signed_in else None,
            sent=_sent(request),
        )
        if response.streaming:
            if not getattr(response, "is_async", False):
                response.streaming_content = _recording(response.streaming_content, record)
        else:
            record.chunks.append(bytes(response.content))
        RECORDED.append(record)
        return response
