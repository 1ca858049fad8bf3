"""Settings for the test run: the project's settings, plus what tests need."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("LOG_FORMAT", "console")

from marketplace.settings import *  # noqa: E402,F403
from marketplace.settings import DATABASES, env  # noqa: E402
from tests.helpers import ROOT, database_url  # noqa: E402

# pytest-django runs on "test_<name>"; tasks enqueued by the code under test must reach
# a worker started by the tests, so the default broker lives in that database too.
TEST_DATABASE_NAME = "test_" + DATABASES["default"]["NAME"]
if not env.str("CELERY_BROKER_URL", default=""):
    CELERY_BROKER_URL = database_url(
        DATABASES["default"], name=TEST_DATABASE_NAME, scheme="pgsql+postgresql+psycopg"
    )

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The pages' static files (hashed names) are collected once per run by tests/conftest.py.
STATIC_ROOT = str(ROOT / ".data" / "test-static")
