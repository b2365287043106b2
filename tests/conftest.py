"""The whole suite shares one database loaded once with the bundled real data (NUTS regions,
EIS groups, the Swedish Interreg partner list and the seed projects). Each test runs in a
transaction that is rolled back, so tests may change data freely."""

import pytest

import leaks
from corridor.ingest.demo import SOURCES


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    from corridor.search.backends import forget_backends
    from corridor.search.sync import rebuild

    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("index")
    # No vectors unless a test computes them (tests/test_search_hybrid.py): Explore searches
    # by keywords, and no thread computes vectors behind the tests' backs.
    settings.SEARCH_VECTORS_DIR = tmp_path_factory.mktemp("vectors")
    settings.SEARCH_VECTORS_FOLLOW = False
    forget_backends()
    with django_db_blocker.unblock():
        for load in SOURCES.values():
            load()
        rebuild()


@pytest.fixture
def demo(db):
    """The demo data, read-only by convention (changes are rolled back anyway)."""
    return None


@pytest.fixture(scope="session", autouse=True)
def static_root(tmp_path_factory):
    """WhiteNoise warns, an error in this suite, when STATIC_ROOT does not exist; nothing
    has been collected in a checkout, and the apps' own static folders serve the tests."""
    from django.conf import settings

    collected, settings.STATIC_ROOT = settings.STATIC_ROOT, tmp_path_factory.mktemp("static")
    yield
    settings.STATIC_ROOT = collected


@pytest.fixture(scope="session", autouse=True)
def fast_passwords():
    """The tests create many users; the production hasher is slow on purpose."""
    from django.conf import settings

    hashers = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
    settings.PASSWORD_HASHERS = hashers


@pytest.fixture
def api_get(db, client):
    """GET an API path (under /api/v1) and return its JSON, after checking the status."""

    def get(path: str, status: int = 200, **params):
        response = client.get(f"/api/v1{path}", params)
        assert response.status_code == status, response.content[:500]
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    return get


@pytest.fixture(autouse=True)
def fresh_cache(request):
    """The rate limits count in Django's cache: each test starts with none spent. The
    default cache is a table of the database (settings.CACHES), emptied for the tests that
    use the database (within their transaction, when they have one)."""
    from django.core.cache import caches

    caches["local"].clear()
    if uses_database(request):
        caches["default"].clear()
    yield
    caches["local"].clear()


def uses_database(request) -> bool:
    """Whether the test uses the database; if so, its database is set up here and now."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif marker or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return False
    return True


@pytest.fixture(scope="session", autouse=True)
def record_responses():
    """Every response the tests' clients receive is recorded (tests/leaks.py)."""
    from django.conf import settings

    middleware = settings.MIDDLEWARE
    settings.MIDDLEWARE = ["leaks.RecordResponses", *middleware]
    yield
    settings.MIDDLEWARE = middleware


@pytest.fixture(autouse=True)
def no_e_mail_address_in_any_response(request, record_responses):
    """After each test: no page, API answer, feed or export it received shows the e-mail
    address of any user in the database (but a person's own, on their /accounts/ pages)."""
    # The test's database first, so that it is still there, users and all, for the check.
    with_database = uses_database(request)
    leaks.RECORDED.clear()
    yield
    # A test without a database has no users, hence no addresses to look for.
    found = leaks.leaks(leaks.RECORDED) if with_database else []
    leaks.RECORDED.clear()
    if found:
        pytest.fail(
            f"{request.node.nodeid}: e-mail addresses in responses:\n" + "\n".join(found),
            pytrace=False,
        )
