"""A web server process is ready for requests once it has loaded the application: every
view and the GraphQL schema imported, the garbage collector settled
(:mod:`marketplace.core.server_start`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from marketplace.core.server_start import YOUNG_GENERATION_THRESHOLD
from tests.helpers import ROOT

# What a gunicorn worker does to load the application named on its command line
# (marketplace.wsgi in the Dockerfile, docker-compose.yml and `manage.py serve`), then
# what this process looks like to the garbage collector.
LOAD_AS_GUNICORN_DOES = """
import gc, json, sys
from gunicorn.util import import_app
schema_before = "storefront_api.schema" in sys.modules
import_app(sys.argv[1])
print(json.dumps({
    "schema_before": schema_before,
    "schema_after": "storefront_api.schema" in sys.modules,
    "young_threshold": gc.get_threshold()[0],
    "frozen": gc.get_freeze_count(),
}))
"""


def _load(application: str, database_url: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", LOAD_AS_GUNICORN_DOES, application],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings",
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": "server-start-test-only",
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("application", ["marketplace.wsgi", "marketplace.asgi"])
def test_loading_the_application_prepares_the_process_for_requests(
    application: str, test_database_url: str
) -> None:
    state = _load(f"{application}:application", test_database_url)

    # The schema is built before the first request, not during it.
    assert state["schema_before"] is False
    assert state["schema_after"] is True
    # The objects loaded so far (Django, every view, the schema) are out of the
    # collector's sight, and it waits for many more new objects than Python's 700.
    assert state["frozen"] > 100_000
    assert state["young_threshold"] == YOUNG_GENERATION_THRESHOLD > 700


def test_deployments_serve_the_application_that_prepares_itself() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()
    serve = (ROOT / "marketplace/core/management/commands/serve.py").read_text()

    for text in (dockerfile, compose, serve):
        assert '"marketplace.wsgi"' in text
