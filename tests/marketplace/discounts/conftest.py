from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from marketplace.village_hubs.models import VillageHub
from marketplace.warehouses.models import Warehouse
from tests.factories.checkout import pickup_point
from tests.factories.village_hubs import VillageHubFactory
from tests.marketplace.payments.conftest import (  # noqa: F401 - Midtrans fixtures
    endpoint,
    enqueued,
    fake_midtrans,
    pay,
    process,
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Assert on the English msgids, whatever the Indonesian catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def hub(db: None) -> VillageHub:
    """A hub whose channel takes cash at pickup; unpaid orders expire after 2 days."""
    hub = VillageHubFactory()
    hub.channel.expire_orders_after = 2 * 24 * 60
    hub.channel.save(update_fields=["expire_orders_after"])
    return hub


@pytest.fixture
def point(hub: VillageHub) -> Warehouse:
    return pickup_point(hub)
