"""Settings for the test run: the project's settings, plus what tests need."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("LOG_FORMAT", "console")
# The tests' own key for members' personal data (never a server's).
os.environ.setdefault("MEMBER_DATA_KEY", "dGVzdHMtb25seS1tZW1iZXItZGF0YS1rZXktMzJieXQ=")

from tests.helpers import ROOT  # noqa: E402

# With pytest-xdist each worker process ("gw0", "gw1", …) gets its own broker and static
# folder (pytest-django already gives each its own test database).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_suffix = f"-{_worker}" if _worker else ""

# Without CELERY_BROKER_URL the tests get an embedded broker of their own (emptied at
# the start of every run by tests/conftest.py), apart from the one `./lumbung run` uses.
# Tasks enqueued by the code under test reach the workers the tests start on it.
_broker_dir_set_here = "EMBEDDED_BROKER_DIR" not in os.environ
if _broker_dir_set_here:
    os.environ["EMBEDDED_BROKER_DIR"] = str(ROOT / ".data" / f"test-redis{_suffix}")

from marketplace.settings import *  # noqa: E402,F403

if _broker_dir_set_here:
    # Servers the tests start (manage.py serve) bring up brokers of their own.
    del os.environ["EMBEDDED_BROKER_DIR"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The pages' static files (hashed names) are collected once per run by tests/conftest.py.
STATIC_ROOT = str(ROOT / ".data" / f"test-static{_suffix}")
