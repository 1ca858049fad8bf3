"""The village hub API fixtures (a world of cooperatives and users, an ``api`` caller)."""

from tests.coop_reporting.supervision.conftest import supervised, today  # noqa: F401
from tests.storefront_api.village_hubs.conftest import api, world  # noqa: F401
