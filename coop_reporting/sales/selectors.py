"""Reads of cooperative sales reporting: activity profile and producer statements."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from coop_reporting.sales import periods
from coop_reporting.sales.error_codes import CoopSalesErrorCode
from coop_reporting.sales.models import (
    CooperativeFlag,
    OfflineSale,
    RollupBuyer,
    SaleFact,
    SaleFactKind,
    SalesRollup,
)
from marketplace.core.exceptions import field_error
from marketplace.village_hubs.models import Cooperative, Producer

PERCENT_PLACES = Decimal("0.1")
SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class CooperativeActivityProfile:
    """A cooperative's business activity in one financial year (coop-health.md §4).

    Amounts in whole rupiah. ``marketplace_sales`` is net of reversals; ``volume_usaha``
    adds the offline sales the cooperative entered. ``member_participation`` is active
    producers ÷ ``member_count`` (None when the member count is unknown, i.e. 0).
    ``volume_usaha_change_percent`` compares with the previous financial year (None when
    that year had no volume).
    """

    cooperative_id: int
    financial_year: int
    starts_on: datetime.date
    ends_on: datetime.date  # last day, inclusive
    marketplace_sales: int
    offline_sales: int
    volume_usaha: int
    units_sold: int
    orders: int
    buyers: int
    repeat_buyers: int
    active_producers: int
    member_count: int | None
    member_participation: Decimal | None
    months_with_sales: int
    previous_volume_usaha: int
    volume_usaha_change_percent: Decimal | None


def _year_rollup(cooperative_id: int, start: datetime.date) -> SalesRollup | None:
    return SalesRollup.objects.filter(
        scope=SalesRollup.Scope.COOPERATIVE,
        scope_id=cooperative_id,
        period=SalesRollup.Period.YEAR,
        period_start=start,
    ).first()


def _offline_by_month(
    cooperative_id: int, start: datetime.date, end: datetime.date
) -> dict[datetime.date, int]:
    rows = (
        OfflineSale.objects.filter(cooperative_id=cooperative_id, month__gte=start, month__lt=end)
        .values("month")
        .annotate(total=Sum("amount"))
    )
    return {row["month"]: row["total"] for row in rows}


def _volume_usaha(cooperative_id: int, year: int) -> int:
    start, end = periods.financial_year_bounds(year)
    rollup = _year_rollup(cooperative_id, start)
    marketplace = rollup.gross_amount if rollup else 0
    return marketplace + sum(_offline_by_month(cooperative_id, start, end).values())


def _percent_change(current: int, previous: int) -> Decimal | None:
    if not previous:
        return None
    change = Decimal(current - previous) * 100 / Decimal(previous)
    return change.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def cooperative_activity_profile(cooperative: Cooperative, year: int) -> CooperativeActivityProfile:
    """The activity profile of ``cooperative`` in financial year ``year`` (named after the
    calendar year it starts in; see ``COOP_FINANCIAL_YEAR_START_MONTH``)."""
    start, end = periods.financial_year_bounds(year)
    rollup = _year_rollup(cooperative.pk, start)
    offline = _offline_by_month(cooperative.pk, start, end)
    sale_months = set(
        SalesRollup.objects.filter(
            scope=SalesRollup.Scope.COOPERATIVE,
            scope_id=cooperative.pk,
            period=SalesRollup.Period.MONTH,
            period_start__gte=start,
            period_start__lt=end,
            orders__gt=0,
        ).values_list("period_start", flat=True)
    )
    repeat_buyers = RollupBuyer.objects.filter(
        scope=SalesRollup.Scope.COOPERATIVE,
        scope_id=cooperative.pk,
        period=SalesRollup.Period.YEAR,
        period_start=start,
        orders__gte=2,
    ).count()
    reversed_lines = SaleFact.objects.filter(
        cooperative=cooperative, kind=SaleFactKind.REVERSAL
    ).values("order_line_id")
    active_producers = (
        SaleFact.objects.filter(
            cooperative=cooperative,
            kind=SaleFactKind.SALE,
            sale_date__gte=start,
            sale_date__lt=end,
            producer__isnull=False,
        )
        .exclude(order_line_id__in=reversed_lines)
        .aggregate(n=Count("producer_id", distinct=True))["n"]
    )
    marketplace = rollup.gross_amount if rollup else 0
    volume = marketplace + sum(offline.values())
    previous = _volume_usaha(cooperative.pk, year - 1)
    members = cooperative.member_count or None
    participation = (
        (Decimal(active_producers) / Decimal(members)).quantize(SHARE_PLACES, ROUND_HALF_UP)
        if members
        else None
    )
    return CooperativeActivityProfile(
        cooperative_id=cooperative.pk,
        financial_year=year,
        starts_on=start,
        ends_on=end - datetime.timedelta(days=1),
        marketplace_sales=marketplace,
        offline_sales=sum(offline.values()),
        volume_usaha=volume,
        units_sold=rollup.quantity if rollup else 0,
        orders=rollup.orders if rollup else 0,
        buyers=rollup.buyers if rollup else 0,
        repeat_buyers=repeat_buyers,
        active_producers=active_producers,
        member_count=members,
        member_participation=participation,
        months_with_sales=len(sale_months | {m for m, total in offline.items() if total}),
        previous_volume_usaha=previous,
        volume_usaha_change_percent=_percent_change(volume, previous),
    )


# --- producer statements -----------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    booked_on: datetime.date
    order_id: str
    kind: str  # "sale" or "reversal"
    quantity: int  # negative for refunds
    amount: int  # whole rupiah, negative for refunds


@dataclass(frozen=True)
class ProducerStatement:
    """What a producer sold through the cooperative in ``[starts_on, ends_on]`` and what
    the cooperative owes them (the consignment ledger).

    Sales count on the day they were paid, refunds on the day they were recorded
    (hub-local dates). ``cooperative_fee`` = net sales × the cooperative's current
    ``fee_percentage`` / 100, rounded to whole rupiah half away from zero (ROUND_HALF_UP:
    Rp 0,50 → Rp 1); negative when refunds exceed sales in the period (the fee taken
    earlier is given back). ``net_owed`` = net sales − fee.
    """

    producer_id: int
    producer_name: str
    cooperative_id: int
    cooperative_name: str
    starts_on: datetime.date
    ends_on: datetime.date
    units_sold: int
    gross_sales: int
    units_refunded: int
    refunds: int
    net_sales: int
    fee_percentage: Decimal
    cooperative_fee: int
    net_owed: int
    lines: tuple[StatementLine, ...]


def cooperative_fee(net_sales: int, fee_percentage: Decimal) -> int:
    """The cooperative's fee on ``net_sales``: whole rupiah, ROUND_HALF_UP."""
    fee = Decimal(net_sales) * Decimal(fee_percentage) / 100
    return int(fee.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def producer_statement(
    producer: Producer, starts_on: datetime.date, ends_on: datetime.date
) -> ProducerStatement:
    """The statement of ``producer`` from ``starts_on`` to ``ends_on`` (both included).

    Raises ValidationError INVALID_PERIOD on ``ends_on`` when it is before ``starts_on``.
    """
    if ends_on < starts_on:
        raise field_error(
            "ends_on",
            _("The end of the period is before its start."),
            CoopSalesErrorCode.INVALID_PERIOD,
        )
    rows = (
        SaleFact.objects.filter(producer=producer, booked_on__gte=starts_on, booked_on__lte=ends_on)
        .values("booked_on", "order_id", "kind")
        .annotate(quantity=Sum("quantity"), amount=Sum("gross_amount"))
        .order_by("booked_on", "order_id", "kind")
    )
    lines = tuple(
        StatementLine(
            booked_on=row["booked_on"],
            order_id=str(row["order_id"]),
            kind=row["kind"],
            quantity=row["quantity"],
            amount=row["amount"],
        )
        for row in rows
    )
    sales = [line for line in lines if line.kind == SaleFactKind.SALE]
    refunds = [line for line in lines if line.kind == SaleFactKind.REVERSAL]
    gross = sum(line.amount for line in sales)
    refunded = -sum(line.amount for line in refunds)
    net = gross - refunded
    cooperative = producer.cooperative
    fee = cooperative_fee(net, cooperative.fee_percentage)
    return ProducerStatement(
        producer_id=producer.pk,
        producer_name=producer.name,
        cooperative_id=cooperative.pk,
        cooperative_name=cooperative.name,
        starts_on=starts_on,
        ends_on=ends_on,
        units_sold=sum(line.quantity for line in sales),
        gross_sales=gross,
        units_refunded=-sum(line.quantity for line in refunds),
        refunds=refunded,
        net_sales=net,
        fee_percentage=cooperative.fee_percentage,
        cooperative_fee=fee,
        net_owed=net - fee,
        lines=lines,
    )


def cooperative_open_flags(cooperative: Cooperative) -> list[CooperativeFlag]:
    """The cooperative's flags not cleared yet, oldest first."""
    return list(
        CooperativeFlag.objects.filter(
            Q(cooperative=cooperative) & Q(cleared_at__isnull=True)
        ).order_by("raised_at", "pk")
    )
