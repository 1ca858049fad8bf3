from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from marketplace.checkout import services as checkout_services
from marketplace.checkout.models import Checkout
from marketplace.payments import tasks, webhooks
from marketplace.payments.models import TransactionItem
from marketplace.payments.services import transaction_status
from marketplace.village_hubs.models import VillageHub
from marketplace.warehouses.models import Warehouse
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.village_hubs import VillageHubFactory
from tests.marketplace.payments.fake_midtrans import FakeMidtrans

SERVER_KEY = "SB-Mid-server-TESTONLY-9f8e7d6c5b4a"
NOTIFICATION_PATH = "/payments/midtrans/notification/"


@pytest.fixture
def fake_midtrans(settings) -> Iterator[FakeMidtrans]:
    fake = FakeMidtrans(SERVER_KEY).start()
    settings.MIDTRANS_SERVER_KEY = SERVER_KEY
    settings.MIDTRANS_CLIENT_KEY = "SB-Mid-client-TESTONLY"
    settings.MIDTRANS_IS_PRODUCTION = False
    settings.MIDTRANS_CORE_BASE_URL = fake.url
    settings.MIDTRANS_SNAP_BASE_URL = f"{fake.url}/snap/v1"
    yield fake
    fake.stop()


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:
    """Notification ids the endpoint enqueued (run inline with ``process``); automatic
    refunds run inline right after commit."""
    queue: list[int] = []
    monkeypatch.setattr(webhooks, "_enqueue", queue.append)
    monkeypatch.setattr(
        transaction_status,
        "_enqueue_auto_refund",
        lambda tx_id: tasks.payment_auto_refund_task(str(tx_id)),
    )
    return queue


@pytest.fixture
def process(enqueued) -> Callable[[], None]:
    def run() -> None:
        while enqueued:
            tasks.payment_notification_process_task(enqueued.pop(0))

    return run


@pytest.fixture
def endpoint(live_server) -> str:
    return live_server.url + NOTIFICATION_PATH


@pytest.fixture
def hub(transactional_db: None) -> VillageHub:
    return VillageHubFactory()


@pytest.fixture
def point(hub: VillageHub) -> Warehouse:
    return pickup_point(hub)


@pytest.fixture
def make_checkout(hub, point) -> Callable[..., Checkout]:
    """A checkout ready to pay: 2 × Rp15.000 of a cooperative's product, pickup at the hub."""

    def make(*, quantity: int = 2, stock: int = 10, variant: Any = None) -> Checkout:
        variant = variant or sellable_variant(
            hub, point, price=15_000, quantity=stock, name="Keripik Singkong"
        )
        checkout = checkout_services.checkout_create(
            channel=hub.channel, lines=[(variant, quantity)], email="budi@example.com"
        )
        return checkout_services.checkout_delivery_method_update(
            checkout=checkout, collection_point=point
        )

    return make


@pytest.fixture
def pay(fake_midtrans, endpoint, process) -> Callable[..., Any]:
    """Midtrans moves the attempt to ``status`` and notifies the live endpoint."""

    def run(tx: TransactionItem, status: str = "settlement", **kw: Any) -> Any:
        fake_midtrans.set_status(tx.psp_reference, status, **kw)
        response = fake_midtrans.send_notification(
            endpoint, fake_midtrans.notification(tx.psp_reference)
        )
        assert response.status_code == 200, response.text
        process()
        tx.refresh_from_db()
        return response

    return run
