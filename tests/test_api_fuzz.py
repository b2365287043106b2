"""The API answers as its OpenAPI document says: schemathesis generates requests from the
document (valid and invalid ones) for every operation and runs all its checks on the
answers (server errors, undocumented statuses and content types, response shapes, valid
data refused, invalid data accepted...). Once as an anonymous reader, once as a superuser,
who may take every write; each test's writes are rolled back with its transaction.

The requests go straight to Django's WSGI handler, in this process and this test's
database (the bundled demo data), so no server or port is involved. Examples per
operation are bounded (EXAMPLES) to keep the suite's time in check."""

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.file_samples import FILE_SAMPLES

from corridor.api.api import api
from learning_files import pdf_with_text

EXAMPLES = 25

# Writes whose services refuse with 400 some bodies the document allows (ST202, "schema-valid
# request rejected"), for rules JSON Schema cannot say: a relation between two fields, or
# the state of the records. (A record a body names that does not exist is answered 404,
# which the check takes.) Every other check runs on them.
VALID_MAY_BE_REFUSED = {
    "POST /api/v1/ideas": "budget_max below budget_min",
    "PUT /api/v1/ideas/{slug}": "as POST /api/v1/ideas",
    "POST /api/v1/extraction/documents": "a file or a text (a form cannot say one of two); "
    "the file's content is checked",
    "POST /api/v1/action-plans/{pk}/reports": "an approved plan with no report ending on "
    "period_end yet; period_end not before period_start; each action once; a reason for an "
    "action not implemented",
}

# Files of the types the document says an upload may be (POST /documents, `encoding`), for
# schemathesis to send: the smallest well-formed ones, and PDFs with text.
for media_type, strategy in {
    "application/pdf": st.one_of(
        st.just(FILE_SAMPLES["pdf"]), st.text(alphabet="abc xyz", max_size=40).map(pdf_with_text)
    ),
    "image/png": st.just(FILE_SAMPLES["png"]),
    "image/jpeg": st.just(FILE_SAMPLES["jpg"]),
    "image/gif": st.just(FILE_SAMPLES["gif"]),
    "image/webp": st.just(FILE_SAMPLES["webp"]),
}.items():
    schemathesis.openapi.media_type(media_type, strategy)

load_all_checks()
ALL_CHECKS = CHECKS.get_all()
VALID_DATA_ACCEPTED = CHECKS.get_one("positive_data_acceptance")


# The document /api/v1/openapi.json serves, read at collection: it needs no database. Once
# for anonymous readers, once for a signed-in superuser.
anonymous = schemathesis.openapi.from_dict(api.get_openapi_schema())
signed_in = schemathesis.openapi.from_dict(api.get_openapi_schema())
SESSION = {}  # the superuser's session key, for the test that runs


class Django:
    """Django's own WSGI handler, for the requests and for schemathesis's own probes; built
    by the test (`wsgi_app`), once the test settings are in place."""

    handler: WSGIHandler | None = None

    def __call__(self, environ, start_response):
        assert self.handler is not None, "use the wsgi_app fixture"
        return self.handler(environ, start_response)


anonymous.app = signed_in.app = DJANGO = Django()


@signed_in.auth(refresh_interval=None)  # each test has its own session
class SessionCookie:
    """The superuser's session cookie, applied as the document's SessionAuth says, so that
    schemathesis also checks what happens without it."""

    def get(self, case, ctx):
        return SESSION.get("key")

    def set(self, case, key, ctx):
        case.cookies = {**(case.cookies or {}), "sessionid": key}


@pytest.fixture
def wsgi_app(db):
    """Between requests Django's handler would close the connection that holds the test's
    transaction, as Django's test client knows, so that is turned off here."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    DJANGO.handler = WSGIHandler()
    yield DJANGO
    DJANGO.handler = None
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def superuser(client, settings, tmp_path):
    """A superuser's session, and the CSRF token (cookie and header) the API asks of a
    signed-in user's writes. No write is throttled nor counted against an hourly limit
    (tests/test_api_throttling.py, test_rate_limits.py test those), so that every example
    reaches the service; uploads are kept in a folder of the test's."""
    settings.API_WRITES_PER_USER = settings.API_WRITES_PER_IP = "1000000/s"
    settings.UPLOADS_PER_HOUR = 1_000_000
    settings.DOCUMENT_DIR = tmp_path / "documents"
    settings.LOCK_DIR = tmp_path / "locks"
    user = User.objects.create_superuser("fuzz-admin", "fuzz-admin@example.org", "pw")
    client.force_login(user)
    SESSION["key"] = client.cookies["sessionid"].value
    token = "f" * 32
    yield {"cookies": {"csrftoken": token}, "headers": {"X-CSRFToken": token}}
    SESSION.clear()


fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,
)


@anonymous.parametrize()
@fuzz_settings
def test_every_operation_answers_an_anonymous_reader_as_documented(case, wsgi_app):
    case.call_and_validate(checks=ALL_CHECKS)


@signed_in.parametrize()
@fuzz_settings
def test_every_operation_answers_a_superuser_as_documented(case, wsgi_app, superuser):
    refusable = case.operation.label in VALID_MAY_BE_REFUSED
    checks = [c for c in ALL_CHECKS if not (refusable and c is VALID_DATA_ACCEPTED)]
    case.call_and_validate(checks=checks, **superuser)


def test_the_writes_excused_from_accepting_valid_data_exist():
    labels = {result.ok().label for result in signed_in.get_all_operations()}
    assert set(VALID_MAY_BE_REFUSED) <= labels
