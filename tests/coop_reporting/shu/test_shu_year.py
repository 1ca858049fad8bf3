"""Each member's SHU share from the real ledgers: the savings ledger's month-end balances,
purchases and producer sales recorded by reporting from paid orders, offline transactions
entered; the worked example at 100 juta; in a bounded number of queries; and who may see
a member's share."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coop_reporting.shu import selectors, services
from coop_reporting.shu.explanation import share_explanation
from marketplace import permissions
from marketplace.members import services as member_services
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory
from tests.factories.coop_rat import submitted_report
from tests.factories.coop_sales import cancel_paid, paid_order
from tests.factories.members import NIK_SITI, NIK_WAYAN, member
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    ProducerFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
NIK_MADE = "5103051203850003"


def _save(person, kind: str, amount: int, on: datetime.date) -> None:
    member_services.savings_record(
        member=person, kind=kind, amount=amount, occurred_on=on, idempotency_key=uuid.uuid4().hex
    )


@pytest.fixture
def year_2025():
    """KUD with SHU bersih 100 juta in 2025 (RAT submitted), 20 % jasa modal, 30 % jasa
    usaha, and three members whose average savings are each Rp1.000.000:
    Siti (1.000.000 since 2024), Wayan (2.000.000 from 15 July: 6 month-ends of 12),
    Made (1.500.000 since 2024, 500.000 withdrawn 20 January); transactions:
    Siti buys 1.000.000 on the marketplace + 500.000 offline, Wayan sells 2.000.000 as
    a producer, Made buys 3.500.000."""
    coop = CooperativeFactory(name="KUD Sumber Rejeki")
    submitted_report(coop)  # 2025, shu_net 100.000.000
    services.shu_allocation_set(
        cooperative=coop, financial_year=2025, capital_percentage="20", patronage_percentage=30
    )
    siti_user, made_user = UserFactory(), UserFactory()
    wayan_producer = ProducerFactory(cooperative=coop, name="Madu Wayan")
    siti = member(coop, user=siti_user, joined_on=D(2020, 1, 1))
    wayan = member(coop, name="Wayan", nik=NIK_WAYAN, sex="L", producer=wayan_producer)
    made = member(coop, name="Made", nik=NIK_MADE, sex="L", user=made_user)
    _save(siti, "pokok", 1_000_000, D(2024, 12, 1))
    _save(wayan, "wajib", 2_000_000, D(2025, 7, 15))
    _save(made, "pokok", 1_500_000, D(2024, 6, 1))
    _save(made, "pokok", -500_000, D(2025, 1, 20))

    hub, goods = VillageHubFactory(), CategoryFactory()
    keripik = ProducerFactory(cooperative=coop, name="Keripik (not a member)")
    paid_order(hub, [(keripik, goods, 2, 500_000)], paid_on=D(2025, 3, 10), buyer="s@x.id",
               user=siti_user)  # fmt: skip
    paid_order(hub, [(wayan_producer, goods, 4, 500_000)], paid_on=D(2025, 5, 5), buyer="x@x.id")
    paid_order(hub, [(keripik, goods, 7, 500_000)], paid_on=D(2025, 11, 11), buyer="m@x.id",
               user=made_user)  # fmt: skip
    services.offline_transaction_record(
        member=siti, occurred_on=D(2025, 6, 1), amount=500_000, description="Beli pupuk"
    )
    # Outside 2025 or another cooperative's business: never counted.
    services.offline_transaction_record(
        member=siti, occurred_on=D(2024, 12, 31), amount=9_000_000, description="Tahun lalu"
    )
    other = ProducerFactory(cooperative=CooperativeFactory(), name="Elsewhere")
    paid_order(hub, [(other, goods, 1, 9_000_000)], paid_on=D(2025, 4, 1), buyer="s@x.id",
               user=siti_user)  # fmt: skip
    member(coop, name="Joined 2026", nik="5103051203850004", joined_on=D(2026, 1, 5))
    gone = member(coop, name="Left 2024", nik="5103051203850005", joined_on=D(2019, 1, 1))
    member_services.member_update(member=gone, status="keluar", status_changed_on=D(2024, 5, 1))
    return coop, siti, wayan, made


def test_each_members_share_from_the_ledgers_to_the_rupiah(year_2025):
    coop, siti, wayan, made = year_2025
    year = selectors.shu_year(coop, 2025)

    assert (year.shu, year.capital_pool, year.patronage_pool) == (
        100_000_000,
        20_000_000,
        30_000_000,
    )
    assert [m.name for m in year.members] == ["Siti Aminah", "Wayan", "Made"]
    assert [m.average_savings for m in year.members] == [1_000_000] * 3
    assert year.member(wayan.pk).month_end_balances == (0,) * 6 + (2_000_000,) * 6
    assert [(m.purchases, m.producer_sales, m.offline) for m in year.members] == [
        (1_000_000, 0, 500_000),
        (0, 2_000_000, 0),
        (3_500_000, 0, 0),
    ]
    # 20.000.000 ÷ 3 = 6.666.666,67: the 2 rupiah left go to numbers 1 and 2.
    assert [m.capital.amount for m in year.members] == [6_666_667, 6_666_667, 6_666_666]
    # 30.000.000 × 1,5/7 = 6.428.571,43; × 2/7 = 8.571.428,57 (gets the 1 rupiah left).
    assert [m.patronage.amount for m in year.members] == [6_428_571, 8_571_429, 15_000_000]
    assert (year.capital_shared, year.patronage_shared) == (20_000_000, 30_000_000)

    lines = share_explanation(year, year.member(wayan.pk))
    assert "Rp12.000.000" in lines[0]
    assert "Rp1.000.000,00" in lines[0]
    assert (
        "Rp20.000.000 × Rp1.000.000,00 ÷ Rp3.000.000,00 = Rp6.666.666,67 → Rp6.666.667" in lines[1]
    )
    assert "Rp30.000.000 × Rp2.000.000 ÷ Rp7.000.000 = Rp8.571.428,57 → Rp8.571.429" in lines[3]
    assert "Rp15.238.096" in lines[4]  # 6.666.667 + 8.571.429


def test_the_year_is_read_in_a_fixed_number_of_queries(year_2025):
    coop, *_ = year_2025
    with CaptureQueriesContext(connection) as few:
        selectors.shu_year(coop, 2025)
    for index in range(20):
        member(coop, name=f"Anggota {index}", nik=f"51030512038501{index:02d}")
    with CaptureQueriesContext(connection) as many:
        year = selectors.shu_year(coop, 2025)
    assert len(many) == len(few) <= 8
    assert year.capital_shared == 20_000_000  # new members without savings get 0


def test_refunds_booked_in_the_year_are_netted():
    coop = CooperativeFactory()
    buyer = UserFactory()
    siti = member(coop, user=buyer, nik=NIK_SITI)
    hub, goods, keripik = VillageHubFactory(), CategoryFactory(), ProducerFactory(cooperative=coop)
    today = timezone.localdate()
    kept = paid_order(hub, [(keripik, goods, 1, 50_000)], paid_on=today, buyer="b@x.id", user=buyer)
    canceled = paid_order(
        hub, [(keripik, goods, 1, 80_000)], paid_on=today, buyer="b@x.id", user=buyer
    )
    cancel_paid(canceled)
    assert kept.pk != canceled.pk
    year = selectors.shu_year(coop, today.year)
    assert year.member(siti.pk).purchases == 50_000
    assert year.shu == 0
    assert year.member(siti.pk).total == 0


@pytest.mark.parametrize(
    ("capital", "patronage", "field", "code"),
    [
        ("101", "0", "capital_percentage", "percentage_out_of_range"),
        ("-1", "0", "capital_percentage", "percentage_out_of_range"),
        ("20", "abc", "patronage_percentage", "invalid"),
        ("60", "40.01", "patronage_percentage", "percentages_over_100"),
        ("20.001", "30", "capital_percentage", "invalid"),
    ],
)
def test_bad_percentages_are_refused_and_change_nothing(year_2025, capital, patronage, field, code):
    coop, *_ = year_2025
    with pytest.raises(ValidationError) as refused:
        services.shu_allocation_set(
            cooperative=coop,
            financial_year=2025,
            capital_percentage=capital,
            patronage_percentage=patronage,
        )
    assert refused.value.error_dict[field][0].code == code
    allocation = selectors.shu_allocation_of(coop, 2025)
    assert (allocation.capital_percentage, allocation.patronage_percentage) == (20, 30)


def test_a_member_sees_only_their_own_share_and_another_cooperative_none(year_2025):
    coop, siti, wayan, made = year_2025
    assert permissions.can_see_member_shu(siti.user, siti)
    assert not permissions.can_see_member_shu(siti.user, made)
    assert not permissions.can_see_member_shu(made.user, siti)
    assert permissions.can_see_member_shu(CooperativeStaffFactory(cooperative=coop).user, wayan)
    admin_b = CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user
    assert not permissions.can_see_member_shu(admin_b, siti)
    assert not permissions.can_see_member_shu(UserFactory(), siti)
