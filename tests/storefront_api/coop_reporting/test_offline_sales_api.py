"""offlineSaleRecord / offlineSaleUpdate / offlineSaleDelete over /graphql/: whole rupiah
only, no future months, admins of the cooperative only; refusals change nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from coop_reporting.sales import services
from coop_reporting.sales.models import OfflineSale
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid

pytestmark = pytest.mark.django_db

FIELDS = "offlineSale { id month amount note cooperative { name } } errors { field message code }"
RECORD = f"""
mutation Record($input: OfflineSaleRecordInput!) {{
  offlineSaleRecord(input: $input) {{ {FIELDS} }}
}}
"""
UPDATE = f"""
mutation Update($id: ID!, $input: OfflineSaleInput!) {{
  offlineSaleUpdate(id: $id, input: $input) {{ {FIELDS} }}
}}
"""
DELETE = f"mutation Delete($id: ID!) {{ offlineSaleDelete(id: $id) {{ {FIELDS} }} }}"


def record_input(world, **overrides):
    return {
        "cooperative": gid("Cooperative", world.coop_a.pk),
        "month": "2024-09-14",
        "amount": 1_500_000,
        "note": "Pasar desa",
        **overrides,
    }


def next_month() -> str:
    return (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).isoformat()


def test_pengurus_records_offline_sales_of_a_month(api, world):
    result = api(RECORD, {"input": record_input(world)}, as_user=world.admin_a)
    payload = result["data"]["offlineSaleRecord"]
    assert payload["errors"] == []
    assert payload["offlineSale"]["month"] == "2024-09-01"  # stored as the month
    assert payload["offlineSale"]["amount"] == 1_500_000
    assert payload["offlineSale"]["note"] == "Pasar desa"
    assert payload["offlineSale"]["cooperative"] == {"name": "Koperasi Pecatu Makmur"}
    sale = OfflineSale.objects.get()
    assert (sale.cooperative, sale.amount, sale.entered_by) == (
        world.coop_a,
        1_500_000,
        world.admin_a,
    )


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"amount": "1500000.50"}, "amount", "INVALID"),  # a fraction of a rupiah
        ({"amount": 1500.5}, "amount", "INVALID"),
        ({"amount": -250_000}, "amount", "INVALID"),  # negative
        ({"amount": 0}, "amount", "INVALID"),
        ({"amount": "1.500.000"}, "amount", "INVALID"),  # thousands dots are ambiguous
        ({"month": "NEXT_MONTH"}, "month", "FUTURE_MONTH"),
        ({"note": "x" * 256}, "note", "INVALID"),
        ({"cooperative": gid("Cooperative", 987_654)}, "cooperative", "NOT_FOUND"),
        ({"cooperative": gid("Producer", 1)}, "cooperative", "GRAPHQL_ERROR"),
    ],
)
def test_refusals_are_errors_and_record_nothing(api, world, changes, field, code):
    if changes.get("month") == "NEXT_MONTH":
        changes = {"month": next_month()}
    result = api(RECORD, {"input": record_input(world, **changes)}, as_user=world.admin_a)
    payload = result["data"]["offlineSaleRecord"]
    assert payload["offlineSale"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert payload["errors"][0]["message"]
    assert not OfflineSale.objects.exists()


def test_fraction_message_explains_whole_rupiah(api, world):
    result = api(RECORD, {"input": record_input(world, amount="2500.75")}, as_user=world.admin_a)
    assert result["data"]["offlineSaleRecord"]["errors"] == [
        {
            "field": "amount",
            "message": "Rupiah amounts cannot have a fraction; enter a whole number of rupiah.",
            "code": "INVALID",
        }
    ]


def test_only_the_cooperatives_admins_may_record(api, world):
    for user in (world.admin_b, world.staff_a, world.customer, world.operator_1, None):
        assert_permission_denied(api(RECORD, {"input": record_input(world)}, as_user=user))
    assert not OfflineSale.objects.exists()
    # platform staff may
    result = api(RECORD, {"input": record_input(world)}, as_user=world.platform_staff)
    assert result["data"]["offlineSaleRecord"]["errors"] == []


@pytest.fixture
def entered(world):
    return services.offline_sale_record(
        cooperative=world.coop_a,
        month=datetime.date(2024, 9, 1),
        amount=1_000_000,
        note="Pasar desa",
        entered_by=world.admin_a,
    )


def test_pengurus_corrects_and_deletes_an_entry(api, world, entered):
    sale_id = gid("OfflineSale", entered.pk)
    corrected = api(
        UPDATE,
        {"id": sale_id, "input": {"amount": 1_250_000, "month": "2024-10-02"}},
        as_user=world.admin_a,
    )["data"]["offlineSaleUpdate"]
    assert corrected["errors"] == []
    assert (corrected["offlineSale"]["amount"], corrected["offlineSale"]["month"]) == (
        1_250_000,
        "2024-10-01",
    )
    assert corrected["offlineSale"]["note"] == "Pasar desa"  # not sent: kept
    deleted = api(DELETE, {"id": sale_id}, as_user=world.admin_a)["data"]["offlineSaleDelete"]
    assert deleted["errors"] == []
    assert deleted["offlineSale"]["id"] == sale_id
    assert not OfflineSale.objects.exists()


def test_corrections_refused_change_nothing(api, world, entered):
    sale_id = gid("OfflineSale", entered.pk)
    for user in (world.admin_b, world.staff_a, None):
        assert_permission_denied(api(UPDATE, {"id": sale_id, "input": {"amount": 1}}, as_user=user))
        assert_permission_denied(api(DELETE, {"id": sale_id}, as_user=user))
    bad = api(
        UPDATE,
        {"id": sale_id, "input": {"amount": 900_000, "month": next_month()}},
        as_user=world.admin_a,
    )["data"]["offlineSaleUpdate"]
    assert [(e["field"], e["code"]) for e in bad["errors"]] == [("month", "FUTURE_MONTH")]
    missing = api(DELETE, {"id": gid("OfflineSale", entered.pk + 1)}, as_user=world.admin_a)[
        "data"
    ]["offlineSaleDelete"]
    assert [(e["field"], e["code"]) for e in missing["errors"]] == [("id", "NOT_FOUND")]
    entered.refresh_from_db()
    assert (entered.amount, entered.month) == (1_000_000, datetime.date(2024, 9, 1))


def test_offline_sales_count_in_the_profile(api, world, entered):
    query = """
    query P($c: ID!) { cooperativeActivityProfile(cooperative: $c, financialYear: 2024) {
      offlineSales volumeUsaha offlineSaleEntries { id amount } } }
    """
    result = api(query, {"c": gid("Cooperative", world.coop_a.pk)}, as_user=world.staff_a)
    profile = result["data"]["cooperativeActivityProfile"]
    assert (profile["offlineSales"], profile["volumeUsaha"]) == (1_000_000, 1_000_000)
    assert profile["offlineSaleEntries"] == [
        {"id": gid("OfflineSale", entered.pk), "amount": 1_000_000}
    ]
