"""producerStatement and producerStatements over /graphql/: the consignment ledger of the
sales history in tests/factories/coop_sales.py, and who may read it."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.orders.models import OrderLine
from tests.factories.coop_sales import paid_order, sales_history
from tests.factories.village_hubs import ProducerFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid

pytestmark = pytest.mark.django_db

STATEMENT_FIELDS = """
  producerId producerName cooperative { name } startsOn endsOn
  unitsSold grossSales unitsRefunded refunds netSales feePercentage cooperativeFee netOwed
  lines { date isRefund quantity amount }
"""
STATEMENT = f"""
query Statement($producer: ID!, $from: Date!, $until: Date!) {{
  producerStatement(producer: $producer, from: $from, until: $until) {{ {STATEMENT_FIELDS} }}
}}
"""
STATEMENTS = f"""
query Statements($cooperative: ID!, $from: Date!, $until: Date!) {{
  producerStatements(cooperative: $cooperative, from: $from, until: $until) {{
    {STATEMENT_FIELDS}
  }}
}}
"""


@pytest.fixture
def history(world):
    return sales_history(world.coop_a, entered_by=world.admin_a)


def test_statement_of_a_producer_for_six_months(api, world, history):
    result = api(
        STATEMENT,
        {"producer": gid("Producer", history.keripik.pk), "from": "2024-02-01",
         "until": "2024-07-31"},
        as_user=world.staff_a,
    )  # fmt: skip
    assert "errors" not in result, result
    statement = result["data"]["producerStatement"]
    # 2 × 15.000 + 3 × 10.000 = 60.000; fee 10% = 6.000; owed 54.000
    assert statement == {
        "producerId": gid("Producer", history.keripik.pk),
        "producerName": "Keripik Bu Sari",
        "cooperative": {"name": "Koperasi Pecatu Makmur"},
        "startsOn": "2024-02-01",
        "endsOn": "2024-07-31",
        "unitsSold": 5,
        "grossSales": 60_000,
        "unitsRefunded": 0,
        "refunds": 0,
        "netSales": 60_000,
        "feePercentage": 10.0,
        "cooperativeFee": 6_000,
        "netOwed": 54_000,
        "lines": [
            {"date": "2024-02-03", "isRefund": False, "quantity": 2, "amount": 30_000},
            {"date": "2024-07-09", "isRefund": False, "quantity": 3, "amount": 30_000},
        ],
    }


def test_statement_lines_carry_the_order_number_and_the_product_sold(api, world, history):
    # given the 3 February 2024 sale, sold as "Keripik Tempe Pedas", 250 g
    line = OrderLine.objects.select_related("order").get(
        producer=history.keripik, order__paid_at__date=datetime.date(2024, 2, 3)
    )
    OrderLine.objects.filter(pk=line.pk).update(
        product_name="Keripik Tempe Pedas", variant_name="250 g"
    )
    result = api(
        """query ($producer: ID!) { producerStatement(producer: $producer, from: "2024-02-01",
             until: "2024-02-29") { lines { date orderId orderNumber productName variantName
             amount } } }""",
        {"producer": gid("Producer", history.keripik.pk)},
        as_user=world.staff_a,
    )
    assert "errors" not in result, result
    assert result["data"]["producerStatement"]["lines"] == [
        {
            "date": "2024-02-03",
            "orderId": gid("Order", line.order_id),
            "orderNumber": str(line.order.number),
            "productName": "Keripik Tempe Pedas",
            "variantName": "250 g",
            "amount": 30_000,
        }
    ]


def test_refund_is_booked_on_the_day_it_was_recorded(api, world, history):
    today = timezone.localdate()
    result = api(
        STATEMENT,
        {"producer": gid("Producer", history.madu.pk), "from": "2024-08-01",
         "until": (today + datetime.timedelta(days=1)).isoformat()},
        as_user=world.admin_a,
    )  # fmt: skip
    assert "errors" in result  # more than 366 days: refused
    result = api(
        STATEMENT,
        {"producer": gid("Producer", history.madu.pk),
         "from": (today - datetime.timedelta(days=1)).isoformat(),
         "until": (today + datetime.timedelta(days=1)).isoformat()},
        as_user=world.admin_a,
    )  # fmt: skip
    statement = result["data"]["producerStatement"]
    # the 40.000 sale of August 2024 is outside the period; its refund is inside
    assert (statement["unitsSold"], statement["grossSales"]) == (0, 0)
    assert (statement["unitsRefunded"], statement["refunds"]) == (5, 40_000)
    assert (statement["netSales"], statement["cooperativeFee"], statement["netOwed"]) == (
        -40_000,
        -4_000,
        -36_000,
    )
    assert [line["isRefund"] for line in statement["lines"]] == [True]


def test_statements_of_every_producer_of_the_cooperative(api, world, history):
    result = api(
        STATEMENTS,
        {"cooperative": gid("Cooperative", world.coop_a.pk), "from": "2024-01-01",
         "until": "2024-12-31"},
        as_user=world.staff_a,
    )  # fmt: skip
    assert "errors" not in result, result
    rows = [
        (s["producerName"], s["unitsSold"], s["grossSales"], s["cooperativeFee"], s["netOwed"])
        for s in result["data"]["producerStatements"]
    ]
    assert rows == [
        ("Keripik Bu Sari", 5, 60_000, 6_000, 54_000),
        ("Kopi Pak Made", 1, 40_000, 4_000, 36_000),
        # its sale counts on 1 August 2024, the refund on the day it was recorded
        ("Madu Hutan Wayan", 5, 40_000, 4_000, 36_000),
    ]


def _statements_queries(api, world) -> int:
    variables = {
        "cooperative": gid("Cooperative", world.coop_a.pk),
        "from": "2024-01-01",
        "until": "2024-12-31",
    }
    with CaptureQueriesContext(connection) as queries:
        result = api(STATEMENTS, variables, as_user=world.platform_staff)
    assert "errors" not in result, result
    return len(queries)


def test_statements_of_many_producers_take_the_same_queries(api, world, history):
    few = _statements_queries(api, world)
    for index in range(5):
        producer = ProducerFactory(cooperative=world.coop_a, name=f"Tenun {index}")
        paid_order(
            history.hub, [(producer, history.camilan, 1, 5_000)],
            paid_on=datetime.date(2024, 3, 1 + index), buyer=f"t{index}@x.id",
        )  # fmt: skip
    assert _statements_queries(api, world) == few


def test_statements_are_private_to_the_cooperative(api, world, history):
    statement = {"producer": gid("Producer", history.keripik.pk), "from": "2024-01-01",
                 "until": "2024-12-31"}  # fmt: skip
    statements = {"cooperative": gid("Cooperative", world.coop_a.pk), "from": "2024-01-01",
                  "until": "2024-12-31"}  # fmt: skip
    for user in (world.admin_b, world.customer, world.operator_1, None):
        assert_permission_denied(api(STATEMENT, statement, as_user=user))
        assert_permission_denied(api(STATEMENTS, statements, as_user=user))


def test_period_ending_before_it_starts_is_refused(api, world, history):
    result = api(
        STATEMENT,
        {"producer": gid("Producer", history.keripik.pk), "from": "2024-03-01",
         "until": "2024-02-01"},
        as_user=world.admin_a,
    )  # fmt: skip
    assert result["data"]["producerStatement"] is None
    assert result["errors"][0]["message"] == "The end of the period is before its start."
