"""An order bought and paid at a village hub reaches the Dinas officer's district list and
totals through a real worker, and leaves them when it is canceled."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone

from coop_reporting.sales.models import SaleFact
from coop_reporting.supervision import services as supervision_services
from marketplace.checkout import services as checkout_services
from marketplace.orders import services as order_services
from tests.factories.accounts import UserFactory
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.village_hubs import (
    CooperativeFactory,
    HubOperatorFactory,
    ProducerFactory,
    VillageHubFactory,
)
from tests.helpers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

QUERY = """
query {
  districtCooperatives(first: 10) {
    edges { node { name salesThisYear ordersThisYear lastSaleDate activityStatus } }
  }
  districtSummary { salesThisYear monthly { month sales orders cooperativesWithSales } }
}
"""


def district(api, officer):
    result = api(QUERY, as_user=officer)
    assert "errors" not in result, result
    node = result["data"]["districtCooperatives"]["edges"][0]["node"]
    summary = result["data"]["districtSummary"]
    month = timezone.localdate().replace(day=1).isoformat()
    this_month = next(entry for entry in summary["monthly"] if entry["month"] == month)
    return node, summary["salesThisYear"], this_month


def test_paid_order_reaches_the_district_view_then_cancel_takes_it_out(
    api, start_worker, django_capture_on_commit_callbacks
):
    # given a Badung cooperative selling keripik at a hub, its Dinas officer and a worker
    hub = VillageHubFactory()
    point = pickup_point(hub)
    cooperative = CooperativeFactory(name="KUD Mina Segara Pecatu")
    producer = ProducerFactory(cooperative=cooperative)
    keripik = sellable_variant(hub, point, price=15_000, cooperative=cooperative, producer=producer)
    operator = HubOperatorFactory(hub=hub).user
    officer = UserFactory()
    supervision_services.dinas_officer_assign(
        user=officer, regency_code="51.03", office_name="Dinas Koperasi Kabupaten Badung"
    )
    start_worker(broker_url=settings.CELERY_BROKER_URL)
    node, _sales, _month = district(api, officer)
    assert (node["name"], node["salesThisYear"], node["activityStatus"]) == (
        "KUD Mina Segara Pecatu",
        0,
        "INACTIVE",
    )

    # when a buyer orders 2 packs and pays at pickup
    checkout = checkout_services.checkout_create(
        channel=hub.channel, lines=[(keripik, 2)], email="sari@example.com"
    )
    checkout_services.checkout_delivery_method_update(checkout=checkout, collection_point=point)
    order = checkout_services.checkout_complete(checkout=checkout, payment_mode="pay_at_pickup")
    with django_capture_on_commit_callbacks(execute=True):
        order_services.order_confirm_payment_at_pickup(order=order, operator=operator)

    # then, once the worker has recorded it, the officer sees the sale
    wait_for(lambda: SaleFact.objects.filter(order_id=order.pk).exists(), timeout=60,
             what="sale recorded by the worker")  # fmt: skip
    node, sales, month = district(api, officer)
    sale_day = SaleFact.objects.get(order_id=order.pk).sale_date.isoformat()
    assert (node["salesThisYear"], node["ordersThisYear"], node["lastSaleDate"]) == (
        30_000,
        1,
        sale_day,
    )
    assert node["activityStatus"] == "NO_RECENT_RAT"  # selling, no RAT yet
    assert (sales, month["sales"], month["orders"], month["cooperativesWithSales"]) == (
        30_000,
        30_000,
        1,
        1,
    )

    # when the operator cancels the paid order
    with django_capture_on_commit_callbacks(execute=True):
        order_services.order_cancel(order=order, actor=operator)

    # then the worker takes it out again
    wait_for(
        lambda: SaleFact.objects.filter(order_id=order.pk, kind="reversal").exists(),
        timeout=60,
        what="reversal recorded by the worker",
    )
    node, sales, month = district(api, officer)
    assert (node["salesThisYear"], node["ordersThisYear"], node["lastSaleDate"]) == (0, 0, None)
    assert (sales, month["sales"], month["orders"]) == (0, 0, 0)
