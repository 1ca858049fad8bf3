"""Issue 6's "done" path: a villager buys through the storefront GraphQL API and pays at
pickup, the hub operator confirms the cash with ``orderMarkAsPaid``, a real Celery worker
records the sale, and the cooperative's activity profile, the producer's statement and
the open flags show it (the district view is added beside this later)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from coop_reporting.sales import periods, selectors
from coop_reporting.sales.models import CooperativeFlag, SaleFact
from coop_reporting.tasks import cooperative_flags_recompute_task
from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.village_hubs.models import Cooperative
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.village_hubs import (
    CooperativeFactory,
    HubOperatorFactory,
    ProducerFactory,
    VillageHubFactory,
)
from tests.helpers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

CHECKOUT_CREATE = """
mutation Create($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) { checkout { id } errors { field code message } }
}
"""
DELIVERY = """
mutation Delivery($id: ID!, $method: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    checkout { totalPrice { gross { amount } } } errors { field code message }
  }
}
"""
COMPLETE = """
mutation Complete($id: ID!) {
  checkoutComplete(id: $id) {
    order { id status paymentStatus total { gross { amount } } } errors { field code message }
  }
}
"""
MARK_AS_PAID = """
mutation Paid($id: ID!) {
  orderMarkAsPaid(id: $id, transactionReference: "kas-017") {
    order { id isPaid status chargeStatus } errors { field code message }
  }
}
"""


def graphql(client: Client, query: str, variables: dict[str, Any], token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def open_flag_kinds(cooperative: Cooperative) -> set[str]:
    return set(
        CooperativeFlag.objects.filter(
            cooperative=cooperative, cleared_at__isnull=True
        ).values_list("kind", flat=True)
    )


def test_storefront_purchase_paid_at_pickup_reaches_profile_statement_and_flags(
    start_worker, client: Client
):
    # given a hub with its pickup point, and a cooperative (fee 10%) that joined 90 days
    # ago and never sold: the nightly check has flagged it for having no sales
    hub = VillageHubFactory(slug="gerai-pecatu")
    point = pickup_point(hub, name="Titik ambil Balai Desa")
    cooperative = CooperativeFactory(
        fee_percentage=10, member_count=40, members_male=15, members_female=25
    )
    Cooperative.objects.filter(pk=cooperative.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=90)
    )
    producer = ProducerFactory(cooperative=cooperative, name="Keripik Tempe Bu Sri")
    keripik = sellable_variant(hub, point, price=15_000, cooperative=cooperative, producer=producer)
    operator = HubOperatorFactory(hub=hub).user
    villager = User.objects.create_user(email="made@desa.id", password="kopi-tubruk-2024")
    cooperative_flags_recompute_task()
    assert "no_sales" in open_flag_kinds(cooperative)
    start_worker(broker_url=settings.CELERY_BROKER_URL)

    # when the villager buys 3 packs through the storefront API to pay at pickup
    villager_token = tokens.create_access_token(villager)
    created = graphql(
        client,
        CHECKOUT_CREATE,
        {
            "input": {
                "channel": "gerai-pecatu",
                "email": "made@desa.id",
                "lines": [{"variantId": to_global_id("ProductVariant", keripik.pk), "quantity": 3}],
            }
        },
        villager_token,
    )["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    delivery = graphql(
        client,
        DELIVERY,
        {"id": checkout_id, "method": to_global_id("Warehouse", point.pk)},
        villager_token,
    )["checkoutDeliveryMethodUpdate"]
    assert delivery == {"checkout": {"totalPrice": {"gross": {"amount": 45000}}}, "errors": []}
    completed = graphql(client, COMPLETE, {"id": checkout_id}, villager_token)["checkoutComplete"]
    assert completed["errors"] == []
    assert completed["order"]["paymentStatus"] == "NOT_CHARGED"
    order_id = completed["order"]["id"]

    # then nothing is reported before the cash is paid
    assert not SaleFact.objects.exists()

    # when the hub operator confirms the cash at pickup
    paid = graphql(client, MARK_AS_PAID, {"id": order_id}, tokens.create_access_token(operator))
    assert paid["orderMarkAsPaid"]["errors"] == []
    assert paid["orderMarkAsPaid"]["order"]["isPaid"] is True

    # then the real worker records the sale and clears the no-sales flag
    fact = wait_for(
        lambda: SaleFact.objects.filter(kind="sale").first(),
        timeout=60,
        what="the sale recorded by the worker",
    )
    wait_for(
        lambda: "no_sales" not in open_flag_kinds(cooperative),
        timeout=60,
        what="the no-sales flag cleared by the worker",
    )
    assert (fact.cooperative_id, fact.producer_id, fact.hub_id) == (
        cooperative.pk,
        producer.pk,
        hub.pk,
    )
    assert (fact.quantity, fact.gross_amount) == (3, 45_000)
    assert fact.buyer_key == f"user:{villager.pk}"
    cleared = CooperativeFlag.objects.get(cooperative=cooperative, kind="no_sales")
    assert cleared.cleared_at is not None

    # and the cooperative's activity profile shows it
    profile = selectors.cooperative_activity_profile(
        cooperative, periods.financial_year_of(fact.sale_date)
    )
    assert (profile.marketplace_sales, profile.volume_usaha, profile.units_sold) == (
        45_000,
        45_000,
        3,
    )
    assert (profile.orders, profile.buyers, profile.repeat_buyers) == (1, 1, 0)
    assert (profile.active_producers, profile.months_with_sales) == (1, 1)
    assert profile.member_participation is None  # no member register: unknown

    # and the producer's statement: Rp45.000 sold, 10% fee, Rp40.500 owed
    statement = selectors.producer_statement(producer, fact.booked_on, fact.booked_on)
    assert (statement.units_sold, statement.gross_sales, statement.refunds) == (3, 45_000, 0)
    assert (statement.cooperative_fee, statement.net_owed) == (4_500, 40_500)
    assert [(line.kind, line.quantity, line.amount) for line in statement.lines] == [
        ("sale", 3, 45_000)
    ]
