"""The deployment files stay complete: compose services, health checks, documented env."""

import re

import yaml

from tests.helpers import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_production_stack():
    services = COMPOSE["services"]

    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert ":8." in services["elasticsearch"]["image"]
    assert services["web"]["command"][0] == "gunicorn"
    assert "--workers" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "marketplace", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "marketplace", "beat"]


def test_long_running_services_have_health_checks_and_app_waits_for_them():
    services = COMPOSE["services"]
    for name in ("postgres", "redis", "elasticsearch", "web", "worker"):
        assert "healthcheck" in services[name], name
    migrate_needs = services["migrate"]["depends_on"]
    assert {name: dep["condition"] for name, dep in migrate_needs.items()} == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
        "elasticsearch": "service_healthy",
    }
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )


def test_named_volumes_are_declared():
    used = {
        volume.split(":")[0]
        for service in COMPOSE["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith((".", "/"))
    }

    assert used <= set(COMPOSE["volumes"])


def test_every_setting_read_from_the_environment_is_documented():
    settings_source = (ROOT / "marketplace" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings_source))
    documented = set(
        re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE)
    )

    assert read, "no settings found: the pattern is out of date"
    assert read - documented == set()
