"""Races on the real PostgreSQL: threads with their own connections.

A short sleep is injected right after the first locks are taken, so the second thread
really waits on them (without it the race would usually not happen at all).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from marketplace.checkout import complete
from marketplace.checkout import services as checkout_services
from marketplace.orders import services
from marketplace.orders.models import Order, OrderEvent
from tests.factories.checkout import sellable_variant, stock_of
from tests.factories.village_hubs import HubOperatorFactory

pytestmark = pytest.mark.django_db(transaction=True)

SLEEP = 0.3


def run_concurrently(*calls: Callable[[], object]) -> list[tuple[str, object]]:
    """Start the calls together, each in a thread with its own DB connection."""
    barrier = threading.Barrier(len(calls))
    results: list[tuple[str, object]] = [("", None)] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = ("ok", call())
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "deadlock or hang"
    return results


def slow_after(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    original = getattr(module, name)

    def slow(*args: object, **kwargs: object) -> object:
        result = original(*args, **kwargs)
        time.sleep(SLEEP)
        return result

    monkeypatch.setattr(module, name, slow)


def ready_checkout(hub, point, variant, email):
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(variant, 1)], email=email
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    return checkout


def test_two_villagers_buy_the_last_unit(hub, point, settings, monkeypatch):
    settings.RESERVE_STOCK_DURATION_MINUTES = 0  # both carts hold the last unit
    variant = sellable_variant(hub, point, quantity=1)
    first = ready_checkout(hub, point, variant, "a@example.com")
    second = ready_checkout(hub, point, variant, "b@example.com")
    slow_after(monkeypatch, complete, "lock_stocks")

    results = run_concurrently(
        lambda: checkout_services.checkout_complete(checkout=first),
        lambda: checkout_services.checkout_complete(checkout=second),
    )

    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"]
    [error] = [value for kind, value in results if kind == "error"]
    assert isinstance(error, ValidationError)
    assert error.error_dict["lines"][0].code == "insufficient_stock"
    assert Order.objects.count() == 1
    stock = stock_of(variant, point)
    assert (stock.quantity, stock.quantity_allocated) == (1, 1)


def test_same_checkout_completed_twice_gives_one_order(hub, point, monkeypatch):
    variant = sellable_variant(hub, point, quantity=5)
    checkout = ready_checkout(hub, point, variant, "a@example.com")
    slow_after(monkeypatch, complete, "lock_stocks")

    results = run_concurrently(
        lambda: checkout_services.checkout_complete(checkout=checkout),
        lambda: checkout_services.checkout_complete(checkout=checkout),
    )

    assert [kind for kind, _ in results] == ["ok", "ok"]
    assert results[0][1].pk == results[1][1].pk
    assert Order.objects.count() == 1
    assert stock_of(variant, point).quantity_allocated == 1


def test_payment_confirmed_twice_gives_one_paid_event(hub, point, monkeypatch):
    variant = sellable_variant(hub, point, quantity=5)
    order = checkout_services.checkout_complete(
        checkout=ready_checkout(hub, point, variant, "a@example.com")
    )
    operator = HubOperatorFactory(hub=hub).user
    other_operator = HubOperatorFactory(hub=hub).user
    slow_after(monkeypatch, services, "_hub_of")

    results = run_concurrently(
        lambda: services.order_confirm_payment_at_pickup(order=order, operator=operator),
        lambda: services.order_confirm_payment_at_pickup(order=order, operator=other_operator),
    )

    assert [kind for kind, _ in results] == ["ok", "ok"]
    assert OrderEvent.objects.filter(order=order, type="order_marked_as_paid").count() == 1
    order.refresh_from_db()
    assert order.charge_status == "full"
