"""Settings come from the environment; production refuses unsafe defaults."""

import subprocess
import sys

import pytest

from tests.helpers import ROOT

CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def run_with_env(env: dict[str, str], code: str = CHECK) -> subprocess.CompletedProcess:
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        # a server URL: these checks must not start the embedded database
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_with_env({"DEBUG": "false"})

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_with_a_secret_key():
    result = run_with_env({"DEBUG": "false", "SECRET_KEY": "a-long-random-production-secret"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_development_starts_without_secret_key():
    result = run_with_env({"DEBUG": "true"})

    assert result.returncode == 0, result.stderr


def test_sqlite_is_refused():
    result = run_with_env({"DEBUG": "true", "DATABASE_URL": "sqlite:///db.sqlite3"})

    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "expression", "expected"),
    [
        (
            "ALLOWED_HOSTS",
            "shop.desa.id,api.desa.id",
            "settings.ALLOWED_HOSTS",
            "['shop.desa.id', 'api.desa.id']",
        ),
        ("MIDTRANS_IS_PRODUCTION", "true", "settings.MIDTRANS_IS_PRODUCTION", "True"),
        (
            "CELERY_BROKER_URL",
            "redis://cache:6379/0",
            "settings.CELERY_BROKER_URL",
            "redis://cache:6379/0",
        ),
        ("MEDIA_ROOT", "/srv/media", "settings.MEDIA_ROOT", "/srv/media"),
        ("EMAIL_URL", "smtp://mail.desa.id:587", "settings.EMAIL_HOST", "mail.desa.id"),
    ],
)
def test_settings_read_from_environment(variable, value, expression, expected):
    code = CHECK.replace("print(settings.DEBUG)", f"print({expression})")
    result = run_with_env({"DEBUG": "true", variable: value}, code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
