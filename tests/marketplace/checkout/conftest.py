from __future__ import annotations

import pytest

from marketplace.village_hubs.models import VillageHub
from marketplace.warehouses.models import Warehouse
from tests.factories.checkout import pickup_point
from tests.factories.village_hubs import VillageHubFactory


@pytest.fixture
def hub(db: None) -> VillageHub:
    """A hub in Bali (WITA) whose channel takes cash at pickup; unpaid orders expire
    after 2 days."""
    hub = VillageHubFactory()
    hub.channel.expire_orders_after = 2 * 24 * 60
    hub.channel.save(update_fields=["expire_orders_after"])
    return hub


@pytest.fixture
def point(hub: VillageHub) -> Warehouse:
    return pickup_point(hub)
