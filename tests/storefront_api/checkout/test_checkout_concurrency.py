"""Races through the API: threads, each with its own HTTP client and DB connection."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from marketplace.checkout import complete
from marketplace.orders.models import Order
from tests.factories.checkout import sellable_variant, stock_of
from tests.storefront_api.checkout.conftest import Shop, gid
from tests.storefront_api.checkout.test_storefront_flow import COMPLETE, DELIVERY, EMAIL
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db(transaction=True)

CREATE = """
mutation($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) { checkout { id } errors { field code } }
}
"""


def run_concurrently(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "deadlock or hang"
    return results


def _slow_stock_locks(monkeypatch: pytest.MonkeyPatch) -> None:
    original = complete.lock_stocks

    def slow(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        time.sleep(0.3)  # hold the locks so the other request really waits
        return result

    monkeypatch.setattr(complete, "lock_stocks", slow)


def _ready_checkout(gql: GraphQLClient, shop: Shop, variant_id: str, email: str) -> str:
    created = gql.execute(
        CREATE,
        {"input": {"channel": "gerai-pecatu", "lines": [{"variantId": variant_id, "quantity": 1}]}},
    )["data"]["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    gql.execute(EMAIL, {"id": checkout_id, "email": email})
    gql.execute(DELIVERY, {"id": checkout_id, "method": gid("Warehouse", shop.point.pk)})
    return checkout_id


def _complete(checkout_id: str) -> dict[str, Any]:
    return GraphQLClient(Client()).execute(COMPLETE, {"id": checkout_id})["data"][
        "checkoutComplete"
    ]


def test_two_villagers_complete_for_the_last_unit(
    gql: GraphQLClient, shop: Shop, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: one unit left, both carts hold it (no reservations)
    settings.RESERVE_STOCK_DURATION_MINUTES = 0
    last = sellable_variant(shop.hub, shop.point, quantity=1)
    first = _ready_checkout(gql, shop, gid("ProductVariant", last.pk), "a@desa.id")
    second = _ready_checkout(gql, shop, gid("ProductVariant", last.pk), "b@desa.id")
    _slow_stock_locks(monkeypatch)
    # when
    results = run_concurrently(lambda: _complete(first), lambda: _complete(second))
    # then: exactly one order, the other villager is told the stock ran out
    placed = [r for r in results if r["order"] is not None]
    refused = [r for r in results if r["order"] is None]
    assert len(placed) == 1
    assert [(e["field"], e["code"]) for e in refused[0]["errors"]] == [
        ("lines", "INSUFFICIENT_STOCK")
    ]
    assert Order.objects.count() == 1
    stock = stock_of(last, shop.point)
    assert (stock.quantity, stock.quantity_allocated) == (1, 1)


def test_same_checkout_completed_twice_concurrently(
    gql: GraphQLClient, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    checkout_id = _ready_checkout(gql, shop, gid("ProductVariant", shop.kopi.pk), "a@desa.id")
    _slow_stock_locks(monkeypatch)
    # when
    results = run_concurrently(lambda: _complete(checkout_id), lambda: _complete(checkout_id))
    # then: one order, both answers name it
    assert [r["errors"] for r in results] == [[], []]
    assert results[0]["order"]["id"] == results[1]["order"]["id"]
    assert Order.objects.count() == 1
    assert stock_of(shop.kopi, shop.point).quantity_allocated == 1
