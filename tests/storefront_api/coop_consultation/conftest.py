"""The consultation desk of tests/coop_reporting/consultation, for the API."""

from tests.coop_reporting.consultation.conftest import desk, media_root  # noqa: F401
