"""The supervised world of tests/coop_reporting/supervision, for the district desk's pages."""

from tests.coop_reporting.supervision.conftest import supervised, today  # noqa: F401
