"""Django settings, all read from the environment (see .env.example for every variable)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from marketplace.core.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

# Only for development: with DEBUG off the project refuses to start on this key.
DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG off Lumbung refuses the development key: "
        "set SECRET_KEY to a long random value."
    )

PUBLIC_URL = env.str("PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", urlsplit(PUBLIC_URL).hostname or "127.0.0.1"],
)
CSRF_TRUSTED_ORIGINS = [PUBLIC_URL]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "graphene_django",
    "graphene_django_graphiql_static",  # GraphiQL's scripts served from here, not a CDN
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.regions",
    "marketplace.channels",
    "marketplace.village_hubs",
    "marketplace.members",
    "marketplace.warehouses",
    "marketplace.catalog",
    "marketplace.content",
    "marketplace.discounts",  # discounts: vouchers
    "marketplace.shipping",
    "marketplace.checkout",
    "marketplace.orders",
    "marketplace.payments",
    "marketplace.notifications",
    "marketplace.demo",
    "storefront_api",
    "coop_reporting.sales",
    "coop_reporting.rat",
    "coop_reporting.meetings",
    "coop_reporting.supervision",
    "coop_reporting.exports",
    "coop_reporting.district",
    "coop_reporting.consultation",
    "coop_reporting.shu",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.core.context_processors.site",
            ],
            # {% load web %}: the pages' filters (rupiah), in web/core/templatetags.
            "libraries": {"web": "web.core.templatetags.web"},
        },
    }
]

# --- Database: DATABASE_URL, or the embedded PostgreSQL --------------------------------
if env.str("DATABASE_URL", default=""):
    DATABASE_URL = env.str("DATABASE_URL")
else:
    from marketplace.core.embedded_db import embedded_database_url

    DATABASE_URL = embedded_database_url()


def _database_from_url(url: str) -> dict:
    config = environ.Env.db_url_config(url)
    if not config["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("Lumbung runs on PostgreSQL only: DATABASE_URL=postgres://…")
    socket_dir = config.get("OPTIONS", {}).pop("host", None)
    if socket_dir:  # postgres://user@/name?host=/path/to/socket/dir
        config["HOST"] = socket_dir
    config["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database_from_url(DATABASE_URL)}

# --- Celery ----------------------------------------------------------------------------
# Without CELERY_BROKER_URL tasks travel through an embedded Redis in .data/redis
# (marketplace.core.embedded_broker, started like the embedded PostgreSQL); production
# uses a Redis or RabbitMQ server.
EMBEDDED_BROKER = not env.str("CELERY_BROKER_URL", default="")
if not EMBEDDED_BROKER:
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL")
else:
    from marketplace.core.embedded_broker import embedded_broker_url

    CELERY_BROKER_URL = embedded_broker_url()
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis: a task taken but not acknowledged within this many seconds (its worker was
    # killed) is delivered again. Keep it longer than the slowest task. RabbitMQ
    # redelivers at once when the worker's connection drops.
    "visibility_timeout": env.float("CELERY_VISIBILITY_TIMEOUT", default=3600.0),
    # Workers look for such tasks every 10 s (kombu's default looks on every tenth
    # sweep only: up to 100 s late).
    "unacked_restore_throttle": 1,
}
# Workers and beat wait for a broker that is away and reconnect by themselves, however
# long it takes; a worker that lost its connection stops its late-acknowledged tasks,
# which the broker delivers again, rather than running them twice at once.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Where beat keeps when each entry last ran (one file per beat process).
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(DATA_DIR / "celerybeat-schedule")
)
# Beat's heartbeat: every BEAT_HEARTBEAT_INTERVAL seconds beat sends a task that stamps
# the time in the database (core.Heartbeat); /health/ answers 503 ("beat": stale) when
# the last stamp is older than BEAT_STALE_AFTER seconds.
BEAT_HEARTBEAT_INTERVAL = env.float("BEAT_HEARTBEAT_INTERVAL", default=30.0)
BEAT_STALE_AFTER = env.float("BEAT_STALE_AFTER", default=300.0)
CELERY_BEAT_SCHEDULE: dict = {
    "core-beat-heartbeat": {
        "task": "marketplace.core.tasks.beat_heartbeat_task",
        "schedule": BEAT_HEARTBEAT_INTERVAL,
        "options": {"expires": BEAT_HEARTBEAT_INTERVAL},  # no backlog while workers are away
    },
    # Unpaid pay-at-pickup orders past their channel's deadline give their stock back.
    "orders-expire-unpaid": {
        "task": "marketplace.orders.tasks.orders_expire_unpaid_task",
        "schedule": 300.0,
    },
    # Cooperatives' activity status and early warnings (sales drop, no sales, RAT overdue),
    # every night at 01:30 WIB.
    "coop-reporting-flags-nightly": {
        "task": "coop_reporting.tasks.cooperative_flags_recompute_task",
        "schedule": crontab(hour=1, minute=30),
    },
    # Products flagged search_index_dirty get their search vectors rebuilt in batches.
    "catalog-search-index-sweep": {
        "task": "marketplace.catalog.tasks.product_search_index_sweep_task",
        "schedule": env.float("PRODUCT_SEARCH_SWEEP_INTERVAL_SECONDS", default=60.0),
    },
    # Search boosts (stock, recent sales) and the vocabulary of typo correction, hourly.
    "catalog-search-boosts-refresh": {
        "task": "marketplace.catalog.tasks.product_search_boosts_refresh_task",
        "schedule": crontab(minute=17),
    },
    # KSP/USP health assessments recomputed (rules may have changed), 02:00 WIB.
    "coop-rat-health-nightly": {
        "task": "coop_reporting.rat.tasks.health_assessments_recompute_task",
        "schedule": crontab(hour=2, minute=0),
    },
    # District view summaries rebuilt (a new financial year starts at midnight), 00:05 WIB.
    "coop-district-summaries-nightly": {
        "task": "coop_reporting.district.tasks.reporting_summaries_rebuild_task",
        "schedule": crontab(hour=0, minute=5),
    },
    # Midtrans attempts still pending past their expiry: ask Get Status (payments).
    "payments-reconcile-pending": {
        "task": "marketplace.payments.tasks.payments_reconcile_task",
        "schedule": 600.0,
    },
}

# --- Search, media, e-mail -------------------------------------------------------------
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")

MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(DATA_DIR / "media"))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
# Product image uploads: largest file and largest picture accepted.
PRODUCT_IMAGE_MAX_BYTES = env.int("PRODUCT_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
PRODUCT_IMAGE_MAX_PIXELS = env.int("PRODUCT_IMAGE_MAX_PIXELS", default=40_000_000)
# Files of file attributes (a halal certificate, a leaflet): most pages of a PDF.
PRODUCT_FILE_MAX_PAGES = env.int("PRODUCT_FILE_MAX_PAGES", default=100)
# Bulk product import (CSV/XLSX): largest file, most rows, most errors reported.
BULK_IMPORT_MAX_BYTES = env.int("BULK_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
BULK_IMPORT_MAX_ROWS = env.int("BULK_IMPORT_MAX_ROWS", default=50_000)
BULK_IMPORT_MAX_ERRORS = env.int("BULK_IMPORT_MAX_ERRORS", default=1_000)
# Uploaded XLSX files (zip archives), checked before they are unpacked: most bytes once
# unpacked (all parts together), most parts, and the most one part (over 1 MiB) may be
# compressed (zip bombs compress about 1000 times; a product sheet about 20 times).
XLSX_MAX_UNCOMPRESSED_BYTES = env.int("XLSX_MAX_UNCOMPRESSED_BYTES", default=50 * 1024 * 1024)
XLSX_MAX_ENTRIES = env.int("XLSX_MAX_ENTRIES", default=1_000)
XLSX_MAX_COMPRESSION_RATIO = env.int("XLSX_MAX_COMPRESSION_RATIO", default=100)
# RAT report attachments (PDF, JPEG, PNG, WebP): largest file accepted.
RAT_ATTACHMENT_MAX_BYTES = env.int("RAT_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# ... and the most pages a PDF attachment may have (counted before the pages are read).
RAT_ATTACHMENT_MAX_PAGES = env.int("RAT_ATTACHMENT_MAX_PAGES", default=200)
# Checkout: minutes stock stays reserved for a cart line (0: no reservations), most units
# of one variant in a cart (Saleor's default).
RESERVE_STOCK_DURATION_MINUTES = env.int("RESERVE_STOCK_DURATION_MINUTES", default=20)
MAX_CHECKOUT_LINE_QUANTITY = env.int("MAX_CHECKOUT_LINE_QUANTITY", default=50)
# Highest price (whole rupiah) a variant may have: guards against typos such as extra zeros.
MAX_PRICE_IDR = env.int("MAX_PRICE_IDR", default=1_000_000_000)
# Django serves MEDIA_ROOT itself in development, or where no web server/CDN fronts it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STATIC_ROOT = env.str("STATIC_ROOT", default=str(DATA_DIR / "static"))
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = DEBUG
# Hashed names (cached for a year by browsers) and gzip/brotli copies, made by
# `manage.py collectstatic` (the run command and the tests run it).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "marketplace.core.staticfiles.StaticFilesStorage"},
}

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Lumbung <noreply@lumbung.local>")

# --- Midtrans (keys are secrets: no defaults, never logged) ------------------------------
MIDTRANS_SERVER_KEY = env.str("MIDTRANS_SERVER_KEY", default="")
MIDTRANS_CLIENT_KEY = env.str("MIDTRANS_CLIENT_KEY", default="")
MIDTRANS_IS_PRODUCTION = env.bool("MIDTRANS_IS_PRODUCTION", default=False)
# Base URLs of the Core API / Snap API (empty: Midtrans' own for the mode above); for a
# local fake Midtrans only. Minutes a buyer has to pay; seconds to wait for Midtrans.
MIDTRANS_CORE_BASE_URL = env.str("MIDTRANS_CORE_BASE_URL", default="")
MIDTRANS_SNAP_BASE_URL = env.str("MIDTRANS_SNAP_BASE_URL", default="")
MIDTRANS_EXPIRY_MINUTES = env.int("MIDTRANS_EXPIRY_MINUTES", default=60)
MIDTRANS_TIMEOUT_SECONDS = env.float("MIDTRANS_TIMEOUT_SECONDS", default=15.0)
# The payment gateway, by the import path of its class (a ``PaymentGateway`` of
# marketplace.payments.interface): Midtrans is the only one.
PAYMENT_GATEWAY = "marketplace.payments.midtrans.adapter.MidtransGateway"

# --- Language and time: Bahasa Indonesia first ------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "marketplace" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"

# --- Pages: sessions (guest carts, sign-in) in the database ----------------------------
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 24 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LOGIN_URL = "/akun/masuk/"
X_FRAME_OPTIONS = "DENY"
# A form sent without its CSRF token gets a page in the site's style, not Django's.
CSRF_FAILURE_VIEW = "web.core.views.csrf_failure"

# --- Security behind a proxy -----------------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Cookies only over HTTPS when the site is served over HTTPS (tests/web/test_account_forms.py).
SESSION_COOKIE_SECURE = PUBLIC_URL.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Logging: JSON lines in production, readable lines in development -------------------
LOG_FORMAT = env.str("LOG_FORMAT", default="console" if DEBUG else "json")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)

# --- Members' personal data (marketplace/members/crypto.py) -----------------------------
# Fernet keys (comma-separated; the first encrypts, all decrypt, so a new key goes first
# and the old ones stay until every row is re-encrypted). `./lumbung run` makes one in
# .data/member_data_key. Unset with DEBUG on: a key derived from SECRET_KEY (development
# only); unset with DEBUG off: members' data cannot be read or written.
MEMBER_DATA_KEYS = env.list("MEMBER_DATA_KEY", default=[])
# The key of the NIK's keyed hash (uniqueness and look-up); unset: derived from the last
# MEMBER_DATA_KEY, which stays in the list while keys rotate.
MEMBER_LOOKUP_KEY = env.str("MEMBER_LOOKUP_KEY", default="")
# The version of the privacy notice an applicant consents to (web/templates/web/members/).
MEMBER_PRIVACY_NOTICE_VERSION = env.str("MEMBER_PRIVACY_NOTICE_VERSION", default="2026-12")
# --- RAT meetings online (coop_reporting/meetings) ---------------------------------------
# Quorum of a RAT meeting: more than this fraction of the active members attend (the usual
# AD/ART rule, "lebih dari separuh"). Each meeting may set its own AD/ART fraction.
RAT_MEETING_QUORUM_DEFAULT = (1, 2)

# A member's one-time sign-in code: valid this long, at most this many sent per window.
MEMBER_SIGN_IN_CODE_TTL = timedelta(minutes=env.int("MEMBER_SIGN_IN_CODE_TTL_MINUTES", default=10))
MEMBER_SIGN_IN_CODES_PER_HOUR = env.int("MEMBER_SIGN_IN_CODES_PER_HOUR", default=5)
# A member's invitation is sent again at most once in this many minutes (the back office's
# "Kirim ulang undangan"): a double click or an impatient admin sends one e-mail.
MEMBER_INVITATION_RESEND_INTERVAL = timedelta(
    minutes=env.int("MEMBER_INVITATION_RESEND_MINUTES", default=10)
)

GRAPHENE = {"SCHEMA": "storefront_api.schema.schema"}

# --- GraphQL API and sign-in (JWTs as Saleor issues them) --------------------------------
JWT_SECRET = env.str("JWT_SECRET", default="")  # empty: sign with SECRET_KEY
JWT_TTL_ACCESS = timedelta(seconds=env.int("JWT_TTL_ACCESS", default=300))
JWT_TTL_REFRESH = timedelta(seconds=env.int("JWT_TTL_REFRESH", default=30 * 24 * 3600))
# How long the link confirming a new e-mail address stays valid (Saleor: one hour).
JWT_TTL_REQUEST_EMAIL_CHANGE = timedelta(
    seconds=env.int("JWT_TTL_REQUEST_EMAIL_CHANGE", default=3600)
)
ALLOW_LOGIN_WITHOUT_CONFIRMATION = env.bool("ALLOW_LOGIN_WITHOUT_CONFIRMATION", default=False)
# Sign-in throttling (marketplace/accounts/throttling.py): the longest delay imposed after
# failed attempts, and how long after its last failure a counter is forgotten (seconds).
LOGIN_THROTTLE_MAX_DELAY = env.int("LOGIN_THROTTLE_MAX_DELAY", default=900)
LOGIN_THROTTLE_WINDOW = env.int("LOGIN_THROTTLE_WINDOW", default=3600)
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 (default):
# the header is ignored and the client is REMOTE_ADDR (marketplace/core/client_ip.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
GRAPHQL_BATCH_MAX_COUNT = env.int("GRAPHQL_BATCH_MAX_COUNT", default=30)
GRAPHQL_PLAYGROUND_ENABLED = env.bool("GRAPHQL_PLAYGROUND_ENABLED", default=True)
ALLOWED_GRAPHQL_ORIGINS = env.list("ALLOWED_GRAPHQL_ORIGINS", default=["*"])
# --- GraphQL query limits (storefront_api/core/query_cost.py); 0 turns one off ---------
# Cost as Saleor reports it in extensions.cost: 1 per object field, times first/last.
GRAPHQL_QUERY_MAX_COST = env.int("GRAPHQL_QUERY_MAX_COST", default=50_000)
# Fields nested on one path, and aliased fields, in one document.
GRAPHQL_QUERY_MAX_DEPTH = env.int("GRAPHQL_QUERY_MAX_DEPTH", default=15)
GRAPHQL_QUERY_MAX_ALIASES = env.int("GRAPHQL_QUERY_MAX_ALIASES", default=50)
# Tokens in one document: parsing stops there (a storefront document has a few hundred).
GRAPHQL_QUERY_MAX_TOKENS = env.int("GRAPHQL_QUERY_MAX_TOKENS", default=5_000)
SHOP_NAME = env.str("SHOP_NAME", default="Lumbung")

# --- Village shop: a cache every web worker shares (the database's table by default, made
# by web's migration; or CACHE_URL=redis://…), and how often a visitor may place orders
# (django-ratelimit rates: per browser session and per IP address) ------------------------
CACHES = {
    "default": environ.Env.cache_url_config(
        env.str("CACHE_URL", default="") or "dbcache://lumbung_cache"
    )
}
# Anonymous storefront answers (storefront_api.core.response_cache): each web process's own
# memory by default (bounded), or STOREFRONT_CACHE_URL=redis://… to share one; keyed by
# the catalog generation, so an entry is never served after a change commits.
_STOREFRONT_CACHE_MAX_ENTRIES = int(env.str("STOREFRONT_CACHE_MAX_ENTRIES", default="") or 1000)
CACHES["storefront"] = (
    environ.Env.cache_url_config(env.str("STOREFRONT_CACHE_URL"))
    if env.str("STOREFRONT_CACHE_URL", default="")
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "storefront-answers",
        "OPTIONS": {"MAX_ENTRIES": _STOREFRONT_CACHE_MAX_ENTRIES},
    }
)
STOREFRONT_RESPONSE_CACHE = env.str("STOREFRONT_RESPONSE_CACHE", default="").lower() not in {
    "false", "0", "no", "off"
}  # fmt: skip
RATELIMIT_USE_CACHE = "default"
SHOP_ORDER_RATE_PER_SESSION = env.str("SHOP_ORDER_RATE_PER_SESSION", default="10/h")
SHOP_ORDER_RATE_PER_IP = env.str("SHOP_ORDER_RATE_PER_IP", default="60/h")
SHOP_PAGE_SIZE = env.int("SHOP_PAGE_SIZE", default=20)
# Accounts: new accounts must confirm their e-mail address before signing in (as Saleor).
ACCOUNT_CONFIRMATION_REQUIRED = env.bool("ACCOUNT_CONFIRMATION_REQUIRED", default=True)
# Seconds before sendConfirmationEmail sends the confirmation e-mail again (Saleor's 15 min).
CONFIRMATION_EMAIL_LOCK_TIME = env.int("CONFIRMATION_EMAIL_LOCK_TIME", default=15 * 60)
# Hosts (Django ALLOWED_HOSTS patterns) a storefront's redirectUrl may point to, for the
# links in account e-mails; "*" allows any (the default in development only).
ALLOWED_CLIENT_HOSTS = env.list("ALLOWED_CLIENT_HOSTS", default=[]) or (
    ["*"] if DEBUG else ALLOWED_HOSTS
)
# The site's own pages (web/account) are a storefront too: their e-mails link to PUBLIC_URL.
ALLOWED_CLIENT_HOSTS = [*ALLOWED_CLIENT_HOSTS, urlsplit(PUBLIC_URL).hostname or "127.0.0.1"]
# Seconds an account confirmation or password reset link stays valid (Django's setting).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)
# Django's password validators; PASSWORD_MIN_LENGTH is their minimum length.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Cooperative reporting (coop_reporting) ----------------------------------------------
# First month (1-12) of a cooperative's financial year; 1 = calendar year (UU 25/1992
# leaves it to the articles of association). After changing it: manage.py rebuild_reporting.
COOP_FINANCIAL_YEAR_START_MONTH = env.int("COOP_FINANCIAL_YEAR_START_MONTH", default=1)
# Early-warning thresholds: coop_reporting/rules/early_warning.json holds them with their
# source (the product brief, not a regulation); set these only to override it. Warn when
# marketplace sales of the last full months fell by at least this share against the same
# months a year earlier (0.5 = halved) ...
_EARLY_WARNING = json.loads(
    (BASE_DIR / "coop_reporting" / "rules" / "early_warning.json").read_text(encoding="utf-8")
)
COOP_WARNING_SALES_DROP_SHARE = float(
    env.str("COOP_WARNING_SALES_DROP_SHARE", default="") or _EARLY_WARNING["sales_drop"]["share"]
)
# ... or when the cooperative has had no marketplace sale for this many days (a sale within
# them is also what makes its activity status "selling").
COOP_WARNING_NO_SALES_DAYS = int(
    env.str("COOP_WARNING_NO_SALES_DAYS", default="") or _EARLY_WARNING["no_sales"]["days"]
)
# Report exports: how long (seconds) a download link handed out by the API stays valid.
REPORT_EXPORT_LINK_MAX_AGE = env.int("REPORT_EXPORT_LINK_MAX_AGE", default=3600)
# What `manage.py load_demo_data` runs after the marketplace's demo data and sales history:
# dotted paths of functions returning counts (marketplace may not import coop_reporting).
DEMO_DATA_LOADERS = [
    "coop_reporting.demo.reporting_demo_load",
    "coop_reporting.consultation.demo.consultation_demo_load",
]
