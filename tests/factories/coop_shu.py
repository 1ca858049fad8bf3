"""A cooperative's financial year 2025 for SHU tests, built through the services and
the reporting ledger (the expected shares are written out in the tests)."""

from __future__ import annotations

import datetime
import uuid

from coop_reporting.shu import services
from marketplace.members import services as member_services
from marketplace.members.models import Member
from marketplace.village_hubs.models import Cooperative
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory
from tests.factories.coop_rat import submitted_report
from tests.factories.coop_sales import paid_order
from tests.factories.members import NIK_WAYAN, member
from tests.factories.village_hubs import CooperativeFactory, ProducerFactory, VillageHubFactory

D = datetime.date
NIK_MADE = "5103051203850003"


def _save(person, kind: str, amount: int, on: datetime.date) -> None:
    member_services.savings_record(
        member=person, kind=kind, amount=amount, occurred_on=on, idempotency_key=uuid.uuid4().hex
    )


def shu_year_2025() -> tuple[Cooperative, Member, Member, Member]:
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
