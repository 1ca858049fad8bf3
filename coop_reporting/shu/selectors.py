"""Each member's share of a financial year's SHU, gathered in a fixed number of queries.

Inputs, for financial year Y (``coop_reporting.sales.periods``: [start, end)):

* SHU: ``shu_net`` (SHU bersih) of the year's current RAT report (the latest submitted
  version); no submitted report, or a loss, means nothing to share.
* Pools: the cooperative's ``ShuAllocation`` for Y: jasa modal = SHU × capital % and
  jasa usaha = SHU × patronage %, each rounded half up to the rupiah.
* Members: those who had joined before the end of Y and had not left (or died) before
  its start.
* Capital weight, the member's **average savings**: the mean of their 12 month-end
  balances in Y (simpanan pokok + wajib + sukarela, from the savings ledger; a balance
  below 0 counts as 0). The shares use the sum of the 12 balances, which is the average
  × 12 for everyone, so no average is ever rounded before sharing.
* Patronage weight, the member's **transactions**: marketplace purchases of the
  cooperative's products by the member's linked account (sale facts booked in Y, refunds
  and cancellations booked in Y netted) + their sales as the cooperative's producer (the
  producer statement's net sales booked in Y) + offline transactions entered for Y; a
  net below 0 counts as 0.
* Shares: ``arithmetic.largest_remainder`` per pool.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth

from coop_reporting.rat.models import RatReport, RatReportStatus
from coop_reporting.rat.selectors import rat_report_current
from coop_reporting.sales.models import SaleFact
from coop_reporting.sales.periods import add_months, financial_year_bounds
from coop_reporting.shu.arithmetic import Part, largest_remainder, pool_of
from coop_reporting.shu.models import OfflineMemberTransaction, ShuAllocation
from marketplace.members.models import Member, MemberStatus, SavingsMovement
from marketplace.village_hubs.models import Cooperative

MONTHS = 12


@dataclass(frozen=True)
class MemberShu:
    member_id: int
    number: int
    name: str
    month_end_balances: tuple[int, ...]  # the 12 month-ends of the year, in order
    purchases: int
    producer_sales: int
    offline: int
    capital: Part
    patronage: Part

    @property
    def savings_weight(self) -> int:
        return sum(self.month_end_balances)

    @property
    def average_savings(self) -> Fraction:
        return Fraction(self.savings_weight, MONTHS)

    @property
    def transactions(self) -> int:
        return max(0, self.purchases + self.producer_sales + self.offline)

    @property
    def total(self) -> int:
        return self.capital.amount + self.patronage.amount


@dataclass(frozen=True)
class ShuYear:
    cooperative: Cooperative
    financial_year: int
    report: RatReport | None
    allocation: ShuAllocation | None
    capital_pool: int
    patronage_pool: int
    members: tuple[MemberShu, ...]

    @property
    def shu(self) -> int:
        return self.report.shu_net if self.report is not None else 0

    @property
    def total_savings_weight(self) -> int:
        return sum(member.savings_weight for member in self.members)

    @property
    def total_average_savings(self) -> Fraction:
        return Fraction(self.total_savings_weight, MONTHS)

    @property
    def total_transactions(self) -> int:
        return sum(member.transactions for member in self.members)

    @property
    def capital_shared(self) -> int:
        return sum(member.capital.amount for member in self.members)

    @property
    def patronage_shared(self) -> int:
        return sum(member.patronage.amount for member in self.members)

    def member(self, member_id: int) -> MemberShu | None:
        return next((m for m in self.members if m.member_id == member_id), None)


def _members(
    cooperative: Cooperative, start: datetime.date, end: datetime.date
) -> list[Mapping[str, Any]]:
    return list(
        Member.objects.filter(cooperative=cooperative, joined_on__lt=end)
        .filter(Q(status=MemberStatus.AKTIF) | Q(status_changed_on__gte=start))
        .values("pk", "number", "name", "user_id", "producer_id")
        .order_by("number")
    )


def _month_end_balances(
    member_ids: list[int], start: datetime.date, end: datetime.date
) -> dict[int, tuple[int, ...]]:
    movements = SavingsMovement.objects.filter(member_id__in=member_ids)
    opening = dict(
        movements.filter(occurred_on__lt=start)
        .values_list("member_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    by_month: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    rows = (
        movements.filter(occurred_on__gte=start, occurred_on__lt=end)
        .annotate(month=TruncMonth("occurred_on"))
        .values_list("member_id", "month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for member_id, month, total in rows:
        by_month[member_id][month] = total
    balances = {}
    for member_id in member_ids:
        running, ends = opening.get(member_id, 0), []
        for index in range(MONTHS):
            running += by_month[member_id].get(add_months(start, index), 0)
            ends.append(max(0, running))
        balances[member_id] = tuple(ends)
    return balances


def _purchases(
    cooperative: Cooperative, user_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, int]:
    keys = {f"user:{user_id}": user_id for user_id in user_ids}
    if not keys:
        return {}
    rows = (
        SaleFact.objects.filter(
            cooperative=cooperative, buyer_key__in=keys, booked_on__gte=start, booked_on__lt=end
        )
        .values_list("buyer_key")
        .annotate(total=Sum("gross_amount"))
        .order_by()
    )
    return {keys[key]: total for key, total in rows}


def _producer_sales(
    cooperative: Cooperative, producer_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[int, int]:
    producer_ids = list(producer_ids)
    if not producer_ids:
        return {}
    return dict(
        SaleFact.objects.filter(
            cooperative=cooperative,
            producer_id__in=producer_ids,
            booked_on__gte=start,
            booked_on__lt=end,
        )
        .values_list("producer_id")
        .annotate(total=Sum("gross_amount"))
        .order_by()
    )


def _offline(member_ids: list[int], start: datetime.date, end: datetime.date) -> dict[int, int]:
    return dict(
        OfflineMemberTransaction.objects.filter(
            member_id__in=member_ids, occurred_on__gte=start, occurred_on__lt=end
        )
        .values_list("member_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )


def shu_allocation_of(cooperative: Cooperative, financial_year: int) -> ShuAllocation | None:
    return ShuAllocation.objects.filter(
        cooperative=cooperative, financial_year=financial_year
    ).first()


def shu_year(cooperative: Cooperative, financial_year: int) -> ShuYear:
    """Every member's share of ``financial_year``'s SHU (8 queries, whatever the size)."""
    start, end = financial_year_bounds(financial_year)
    report = rat_report_current(cooperative, financial_year)
    allocation = shu_allocation_of(cooperative, financial_year)
    shu = report.shu_net if report is not None else 0
    capital_pool = pool_of(shu, allocation.capital_percentage) if allocation else 0
    patronage_pool = pool_of(shu, allocation.patronage_percentage) if allocation else 0
    rows = _members(cooperative, start, end)
    ids = [row["pk"] for row in rows]
    balances = _month_end_balances(ids, start, end) if ids else {}
    purchases = _purchases(cooperative, (r["user_id"] for r in rows if r["user_id"]), start, end)
    sales = _producer_sales(
        cooperative, (r["producer_id"] for r in rows if r["producer_id"]), start, end
    )
    offline = _offline(ids, start, end) if ids else {}
    inputs = [
        (
            row,
            balances[row["pk"]],
            purchases.get(row["user_id"], 0),
            sales.get(row["producer_id"], 0),
            offline.get(row["pk"], 0),
        )
        for row in rows
    ]
    capital = largest_remainder(capital_pool, [sum(i[1]) for i in inputs])
    patronage = largest_remainder(patronage_pool, [max(0, sum(i[2:])) for i in inputs])
    members = tuple(
        MemberShu(
            member_id=row["pk"],
            number=row["number"],
            name=row["name"],
            month_end_balances=month_ends,
            purchases=bought,
            producer_sales=sold,
            offline=off,
            capital=capital_part,
            patronage=patronage_part,
        )
        for (row, month_ends, bought, sold, off), capital_part, patronage_part in zip(
            inputs, capital, patronage, strict=True
        )
    )
    return ShuYear(
        cooperative=cooperative,
        financial_year=financial_year,
        report=report,
        allocation=allocation,
        capital_pool=capital_pool,
        patronage_pool=patronage_pool,
        members=members,
    )


def member_shu(member: Member, financial_year: int) -> tuple[ShuYear, MemberShu | None]:
    """The year (its pools and totals) and ``member``'s own share in it (``None`` when
    they were not a member that year). Who may see it: ``permissions.can_see_own_shu``."""
    year = shu_year(member.cooperative, financial_year)
    return year, year.member(member.pk)


def own_member(user: Any, cooperative: Cooperative) -> Member | None:
    """``user``'s own member record in ``cooperative`` (None for anyone else)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Member.objects.filter(user=user, cooperative=cooperative)
        .select_related("cooperative")
        .first()
    )


def my_shu(user: Any, cooperative: Cooperative, financial_year: int) -> MemberShu | None:
    """The signed-in member's own share for the member pages; None for anyone who is not
    a member of ``cooperative`` (or was not one that year)."""
    member = own_member(user, cooperative)
    if member is None:
        return None
    return member_shu(member, financial_year)[1]


def my_shu_by_year(
    user: Any, cooperative: Cooperative, *, limit: int = 5
) -> list[tuple[ShuYear, MemberShu]]:
    """The signed-in member's own shares, newest year first (years with a submitted RAT
    report, at most ``limit``); empty for anyone who is not a member of ``cooperative``."""
    member = own_member(user, cooperative)
    if member is None:
        return []
    found = (member_shu(member, year) for year in shu_years_of(cooperative)[:limit])
    return [(year, share) for year, share in found if share is not None]


def shu_years_of(cooperative: Cooperative) -> list[int]:
    """Financial years with a submitted RAT report, newest first."""
    return sorted(
        set(
            RatReport.objects.filter(
                cooperative=cooperative, status=RatReportStatus.SUBMITTED
            ).values_list("financial_year", flat=True)
        ),
        reverse=True,
    )


def rupiah_exact(value: Fraction) -> Decimal:
    """An exact share for display: rupiah with two decimals (rounded half up)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
