"""Each member's SHU share from the real ledgers: the savings ledger's month-end balances,
purchases and producer sales recorded by reporting from paid orders, offline transactions
entered; the worked example at 100 juta; in a bounded number of queries; and who may see
a member's share."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coop_reporting.shu import selectors, services
from coop_reporting.shu.explanation import share_explanation
from marketplace import permissions
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory
from tests.factories.coop_sales import cancel_paid, paid_order
from tests.factories.coop_shu import shu_year_2025
from tests.factories.members import NIK_SITI, member
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    ProducerFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2025():
    return shu_year_2025()


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
