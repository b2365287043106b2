"""Settings, read from environment variables.

CORRIDOR_DB=postgres switches from the embedded SQLite file to PostgreSQL, configured by
the usual PG* variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD).
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
VAR_DIR = Path(os.environ.get("CORRIDOR_VAR_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("CORRIDOR_SECRET_KEY", "corridor-development-key-change-me")
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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

# Uploaded documents: outside the web root, served only through their download view.
DOCUMENT_DIR = Path(os.environ.get("CORRIDOR_DOCUMENT_DIR", VAR_DIR / "documents"))
DOCUMENT_MAX_BYTES = int(os.environ.get("CORRIDOR_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))

# This node's full-text index; the database stays the source of truth (see search/sync.py).
SEARCH_INDEX_DIR = Path(os.environ.get("CORRIDOR_INDEX_DIR", VAR_DIR / "index"))
