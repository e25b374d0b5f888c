"""Settings for NDRC Révisions, read from the environment (one module for every setting).

Development needs nothing: `make run` works with the defaults. Production sets `DEBUG=0` and then
MUST set `SECRET_KEY` and `ALLOWED_HOSTS`, or the app refuses to start.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key-never-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "calculators",
    "courses",
    "quiz",
]

# HTML is gzipped by Django (static files are compressed ahead of time by whitenoise: gzip, and
# brotli with the Brotli package). BREACH needs a secret reflected in a compressed page next to text
# the attacker controls, and many requests to compare sizes: Django's GZipMiddleware (since 4.2)
# adds 0-100 random bytes to every gzip header, which multiplies those requests by orders of
# magnitude; the one secret in our pages, the CSRF token, is masked afresh for every response, and
# the session and CSRF cookies are SameSite=Lax, so a third-party site cannot have them sent.
# First in the list: it compresses what every other middleware returned (the live poll's 304s
# included, which have no body), and it compares If-None-Match weakly (config/compression.py).
MIDDLEWARE = [
    "config.compression.HtmlGZipMiddleware",
    "config.middleware.RequestIdMiddleware",  # every log line of the request carries its id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "quiz.live.middleware.IdlePollMiddleware",  # before the stack an unchanged poll does not need
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.ErrorPageMiddleware",  # French pages for bare 4xx/5xx (a 405…)
    "config.middleware.BodyParsingMiddleware",  # a broken multipart body is a 400, before CSRF reads it
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.DatabaseBusyMiddleware",  # a write behind another writer: a French 503
]
CSRF_FAILURE_VIEW = "config.views.csrf_failure"  # Django's page has an inline style the CSP blocks

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.layout",
            ],
        },
    },
]

# Database: SQLite (WAL, immediate transactions, busy timeout) for one class; PostgreSQL through
# DATABASE_URL for a school.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", False),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend plus a process-shared write lock (see config/sqlite_backend).
    DATABASES["default"]["ENGINE"] = "config.sqlite_backend"
    # A write waits at most SQLITE_WRITE_TIMEOUT seconds for another writer, then the student gets a
    # French 503 and nothing is stored. synchronous=FULL: a power cut loses no acknowledged answer
    # (NORMAL may lose the last commits; `make bench` measured no cost that matters: see README).
    SQLITE_WRITE_TIMEOUT = max(float(os.environ.get("SQLITE_WRITE_TIMEOUT", "") or "5"), 0.1)
    SQLITE_WRITE_LOCK = env_bool("SQLITE_WRITE_LOCK", True)  # off only to measure what it brings
    SQLITE_SYNCHRONOUS = os.environ.get("SQLITE_SYNCHRONOUS", "FULL").upper()
    if SQLITE_SYNCHRONOUS not in {"FULL", "NORMAL", "EXTRA"}:
        raise ImproperlyConfigured("SQLITE_SYNCHRONOUS must be FULL, NORMAL or EXTRA.")
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_WRITE_TIMEOUT,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            f"PRAGMA synchronous={SQLITE_SYNCHRONOUS};"
            f"PRAGMA busy_timeout={int(SQLITE_WRITE_TIMEOUT * 1000)};"
            "PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        # In memory unless a file is asked for; said explicitly because pytest-django gives each
        # pytest-xdist worker its own database by the test NAME of a backend it does not know.
        os.environ.get("SQLITE_TEST_NAME") or ":memory:"
    )
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # A database that does not answer fails /healthz within seconds, not after TCP's minutes.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", 5)
    # A write behind a lock (a migration, an administrator's open transaction) gives up after
    # DATABASE_LOCK_TIMEOUT seconds with the French 503, as on SQLite (config/busy.py), instead of
    # holding a server thread for as long (granian ends no request). 0: no limit (PgBouncer in
    # transaction mode refuses startup options unless told to ignore them).
    lock_timeout = float(os.environ.get("DATABASE_LOCK_TIMEOUT", "") or "5")
    if lock_timeout > 0:
        options.setdefault("options", f"-c lock_timeout={int(lock_timeout * 1000)}")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "accounts:sign-in"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The course index marks the lessons a student has practised; practice lives in `quiz`, which
# `courses` must not import, so the course asks through this hook (a callable taking the request).
COURSE_PROGRESS_PROVIDER = "quiz.practice.progress.practised_lesson_slugs_for_request"

# Cache: the worksheets' PDFs (the limits count in a table of their own: quiz/counters.py). Redis
# when REDIS_URL is given (shared by every app server). Else, in production, a table of the
# database (made by quiz's migration 0018), shared by every process: a class's worksheets are
# drawn once, whichever worker serves them. Local memory in development and tests.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_TABLE = "ndrc_cache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
elif not DEBUG:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            # Django counts the table at every write and beyond this deletes the expired keys,
            # then a third.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static files: whitenoise serves them compressed, with hashed names, in production.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# Security. HTTPS_ONLY defaults to on in production; `make serve` and `make bench` turn it off
# because they serve plain HTTP on 127.0.0.1.
HTTPS_ONLY = env_bool("HTTPS_ONLY", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "config.sessions"  # anonymous: a signed cookie; signed in: a database row
# A student coming back for their last review (16 days in the Leitner boxes) must find their
# practice: sessions last 60 days and are renewed, once a day, whenever the student practises.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 60
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "worker-src 'self'; manifest-src 'self'; "  # the installable app: /sw.js and its manifest
    "form-action 'self'; frame-ancestors 'none'"
)

# Live sessions: how long a process may reuse the class's clock it read for idle student polls
# (quiz.live.poll.recent_poll_state); a change reaches every screen within 1 s of polling plus this.
# 0.25 s rather than 0.5 s: the last phone sees a question 0.25 s sooner, for two more clock reads
# a second per class and process (a read is a fraction of a millisecond; `make loadtest`, 2026-12-01).
LIVE_POLL_REUSE_SECONDS = min(
    max(float(os.environ.get("LIVE_POLL_REUSE_SECONDS", "0.25")), 0.0), 1.0
)

# Live games: « Préparez-vous » — a teacher-paced question opens this many seconds after the teacher
# launches it, with a 3-2-1 countdown on the wall and the phones. Each phone receives the question
# during the countdown and shows it at the start by itself: the whole class sees it at the same
# moment, and the server renders 2 000 screens over the countdown instead of in one burst after the
# start (`make loadtest`, docs/benchmarks.md). 0: the question opens at once.
LIVE_QUESTION_LEAD_SECONDS = min(
    max(float(os.environ.get("LIVE_QUESTION_LEAD_SECONDS", "") or "3"), 0.0), 10.0
)

# Live games: at most this many players in one session; players a client (a browser, or an address
# for clients without cookies) may create a minute; wrong PINs a minute over the whole PIN space
# beyond which clients that typed a wrong one wait (quiz.live.join_limits).
LIVE_MAX_PLAYERS = max(int(os.environ.get("LIVE_MAX_PLAYERS", "") or "2000"), 1)
LIVE_JOINS_PER_CLIENT = max(int(os.environ.get("LIVE_JOINS_PER_CLIENT", "") or "5"), 1)
LIVE_JOINS_PER_ADDRESS = max(int(os.environ.get("LIVE_JOINS_PER_ADDRESS", "") or "100"), 1)
LIVE_PIN_FAILURES_PER_MINUTE = max(
    int(os.environ.get("LIVE_PIN_FAILURES_PER_MINUTE", "") or "600"), 1
)

# Personal data (/compte/donnees/): anonymous practice (attempts, review boxes) not touched for this
# many days is deleted by `manage.py purge_expired` (run it daily, e.g. from cron).
ANONYMOUS_RETENTION_DAYS = max(int(os.environ.get("ANONYMOUS_RETENTION_DAYS", "") or "365"), 1)

# Logs: one JSON object per line on stderr, each with the request's id (X-Request-ID, sent back to
# the client and taken from the proxy when it sets one); no user, address or form data in them.
# LOG_FORMAT=text for a human-readable console.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.middleware.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "config.middleware.JsonLogFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text" if os.environ.get("LOG_FORMAT") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
