"""Reads of cooperative sales reporting: activity profile and producer statements."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext
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
from marketplace.members.models import Member, MemberStatus
from marketplace.orders.reporting import OrderLineLabel, category_names, order_line_labels
from marketplace.village_hubs.models import Cooperative, Producer

PERCENT_PLACES = Decimal("0.1")
SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class CooperativeActivityProfile:
    """A cooperative's business activity in one financial year (coop-health.md §4).

    Amounts in whole rupiah. ``marketplace_sales`` is net of reversals; ``volume_usaha``
    adds the offline sales the cooperative entered. ``member_participation`` is the
    members' transactions (``member_transactions``: marketplace sales bought by an account
    linked to a member, or sold by a member's producer, net of reversals) ÷
    ``volume_usaha``; ``members_transacted`` counts the members who bought or sold, and
    ``member_transacting_share`` is that ÷ ``member_count`` (coop-health.md §4).
    ``member_count`` is the registry's members of the year when it has any, else the
    count the cooperative typed; both shares are None without members in the registry
    (nobody's transactions can be told to be a member's) or when their divisor is 0.
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
    member_transactions: int
    members_transacted: int
    member_transacting_share: Decimal | None
    months_with_sales: int
    previous_volume_usaha: int
    volume_usaha_change_percent: Decimal | None

    @property
    def member_participation_percent(self) -> Decimal | None:
        return _as_percent(self.member_participation)

    @property
    def member_transacting_percent(self) -> Decimal | None:
        return _as_percent(self.member_transacting_share)


def _as_percent(share: Decimal | None) -> Decimal | None:
    return None if share is None else (share * 100).quantize(PERCENT_PLACES, ROUND_HALF_UP)


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


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class MemberParticipation:
    """Members of the registry in a financial year and their marketplace transactions."""

    members: int  # joined before the year ended and still members when it started
    transactions: int  # net rupiah bought or sold by them
    transacted: int  # members whose net purchases or sales are above zero


def member_participation(
    cooperative: Cooperative, start: datetime.date, end: datetime.date
) -> MemberParticipation:
    """Who of the registry's members bought (an account linked to them is the buyer) or
    sold (their producer) on the marketplace between ``start`` and ``end`` (exclusive).
    A sale both bought and sold by members counts once."""
    members = list(
        Member.objects.filter(cooperative=cooperative, joined_on__lt=end)
        .filter(Q(status=MemberStatus.AKTIF) | Q(status_changed_on__gte=start))
        .values("pk", "user_id", "producer_id")
    )
    by_buyer = {f"user:{m['user_id']}": m["pk"] for m in members if m["user_id"]}
    by_producer = {m["producer_id"]: m["pk"] for m in members if m["producer_id"]}
    facts = SaleFact.objects.filter(
        cooperative=cooperative, sale_date__gte=start, sale_date__lt=end
    ).filter(Q(buyer_key__in=list(by_buyer)) | Q(producer_id__in=list(by_producer)))
    total = 0
    per_member: dict[int, int] = {}
    rows = facts.values("buyer_key", "producer_id").annotate(amount=Sum("gross_amount"))
    for row in rows:
        total += row["amount"]
        for member_pk in {by_buyer.get(row["buyer_key"]), by_producer.get(row["producer_id"])}:
            if member_pk is not None:
                per_member[member_pk] = per_member.get(member_pk, 0) + row["amount"]
    transacted = sum(1 for amount in per_member.values() if amount > 0)
    return MemberParticipation(members=len(members), transactions=total, transacted=transacted)


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
    # Producers with a line that still has units sold (reversals share the sale's date).
    active_producers = (
        SaleFact.objects.filter(
            cooperative=cooperative,
            sale_date__gte=start,
            sale_date__lt=end,
            producer__isnull=False,
        )
        .values("order_line_id", "producer_id")
        .annotate(units=Sum("quantity"))
        .filter(units__gt=0)
        .aggregate(n=Count("producer_id", distinct=True))["n"]
    )
    marketplace = rollup.gross_amount if rollup else 0
    volume = marketplace + sum(offline.values())
    previous = _volume_usaha(cooperative.pk, year - 1)
    participation = member_participation(cooperative, start, end)
    registry = participation.members > 0  # without a register nobody is known as a member
    members = participation.members or cooperative.member_count or None
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
        member_participation=_share(participation.transactions, volume if registry else 0),
        member_transactions=participation.transactions,
        members_transacted=participation.transacted,
        member_transacting_share=_share(participation.transacted, participation.members),
        months_with_sales=len(sale_months | {m for m, total in offline.items() if total}),
        previous_volume_usaha=previous,
        volume_usaha_change_percent=_percent_change(volume, previous),
    )


@dataclass(frozen=True)
class ActivityTrend:
    """A financial year against the one before (coop-health.md §4: trend of the activity).

    ``*_change_percent``: (this year − previous) ÷ previous × 100, one decimal, ROUND_HALF_UP;
    None when the previous year had nothing to compare with (0).
    """

    financial_year: int
    previous_financial_year: int
    previous_marketplace_sales: int
    marketplace_sales_change_percent: Decimal | None
    previous_volume_usaha: int
    volume_usaha_change_percent: Decimal | None
    previous_orders: int
    orders_change_percent: Decimal | None
    previous_buyers: int
    buyers_change_percent: Decimal | None
    previous_active_producers: int
    active_producers_change_percent: Decimal | None


def cooperative_activity_trend(
    current: CooperativeActivityProfile, previous: CooperativeActivityProfile
) -> ActivityTrend:
    """Compare two activity profiles of one cooperative (pure; no queries)."""
    return ActivityTrend(
        financial_year=current.financial_year,
        previous_financial_year=previous.financial_year,
        previous_marketplace_sales=previous.marketplace_sales,
        marketplace_sales_change_percent=_percent_change(
            current.marketplace_sales, previous.marketplace_sales
        ),
        previous_volume_usaha=previous.volume_usaha,
        volume_usaha_change_percent=_percent_change(current.volume_usaha, previous.volume_usaha),
        previous_orders=previous.orders,
        orders_change_percent=_percent_change(current.orders, previous.orders),
        previous_buyers=previous.buyers,
        buyers_change_percent=_percent_change(current.buyers, previous.buyers),
        previous_active_producers=previous.active_producers,
        active_producers_change_percent=_percent_change(
            current.active_producers, previous.active_producers
        ),
    )


@dataclass(frozen=True)
class MonthlySales:
    """One month of a financial year; amounts in whole rupiah, marketplace net of
    reversals."""

    month: datetime.date  # first day
    marketplace_sales: int
    offline_sales: int
    orders: int
    units_sold: int
    previous_year_volume_usaha: int  # the same month a year earlier

    @property
    def volume_usaha(self) -> int:
        return self.marketplace_sales + self.offline_sales


def cooperative_sales_by_month(cooperative: Cooperative, year: int) -> list[MonthlySales]:
    """The twelve months of financial year ``year``, each with the same month a year
    earlier (two queries, from the month rollups and the offline sales)."""
    start, end = periods.financial_year_bounds(year)
    previous_start = periods.add_months(start, -12)
    rollups = {
        row["period_start"]: row
        for row in SalesRollup.objects.filter(
            scope=SalesRollup.Scope.COOPERATIVE,
            scope_id=cooperative.pk,
            period=SalesRollup.Period.MONTH,
            period_start__gte=previous_start,
            period_start__lt=end,
        ).values("period_start", "gross_amount", "orders", "quantity")
    }
    offline = _offline_by_month(cooperative.pk, previous_start, end)
    empty = {"gross_amount": 0, "orders": 0, "quantity": 0}
    months = []
    for index in range(12):
        month = periods.add_months(start, index)
        year_earlier = periods.add_months(month, -12)
        row = rollups.get(month, empty)
        months.append(
            MonthlySales(
                month=month,
                marketplace_sales=row["gross_amount"],
                offline_sales=offline.get(month, 0),
                orders=row["orders"],
                units_sold=row["quantity"],
                previous_year_volume_usaha=rollups.get(year_earlier, empty)["gross_amount"]
                + offline.get(year_earlier, 0),
            )
        )
    return months


@dataclass(frozen=True)
class CategorySales:
    """Marketplace sales of one catalog category in a financial year (net of reversals)."""

    category_id: int | None
    name: str
    units_sold: int
    sales: int


def cooperative_sales_by_category(cooperative: Cooperative, year: int) -> list[CategorySales]:
    """Marketplace sales by category in financial year ``year``, largest first (two
    queries). Categories whose sales were all reversed are left out; sales without a
    category, or of a category deleted since, are named so."""
    start, end = periods.financial_year_bounds(year)
    rows = list(
        SaleFact.objects.filter(cooperative=cooperative, sale_date__gte=start, sale_date__lt=end)
        .values("category_id")
        .annotate(units=Sum("quantity"), sales=Sum("gross_amount"))
        .order_by()
    )
    names = category_names(row["category_id"] for row in rows)
    result = [
        CategorySales(
            category_id=row["category_id"],
            name=(
                names.get(row["category_id"], gettext("Deleted category"))
                if row["category_id"] is not None
                else gettext("No category")
            ),
            units_sold=row["units"],
            sales=row["sales"],
        )
        for row in rows
        if row["units"] or row["sales"]
    ]
    return sorted(result, key=lambda item: (-item.sales, item.name, item.category_id or 0))


def cooperative_offline_sales(cooperative: Cooperative, year: int) -> QuerySet[OfflineSale]:
    """The offline sales the cooperative entered for financial year ``year``, by month."""
    start, end = periods.financial_year_bounds(year)
    return OfflineSale.objects.filter(
        cooperative=cooperative, month__gte=start, month__lt=end
    ).order_by("month", "pk")


# --- producer statements -----------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    """One order line's sale or refund on one day."""

    booked_on: datetime.date
    order_id: str
    kind: str  # "sale" or "reversal"
    quantity: int  # negative for refunds
    amount: int  # whole rupiah, negative for refunds
    order_number: int | None = None  # the number people see (None if the order is gone)
    product_name: str = ""  # as sold
    variant_name: str = ""  # as sold ("" for a product's only variant)

    @property
    def product_label(self) -> str:
        """``Gula Semut Aren (250 g)``, or the product name alone."""
        if self.variant_name and self.variant_name != self.product_name:
            return f"{self.product_name} ({self.variant_name})"
        return self.product_name


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


def _check_period(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise field_error(
            "ends_on",
            _("The end of the period is before its start."),
            CoopSalesErrorCode.INVALID_PERIOD,
        )


def _statement_rows(
    producer_ids: list[int], starts_on: datetime.date, ends_on: datetime.date
) -> QuerySet[SaleFact, dict]:
    return (
        SaleFact.objects.filter(
            producer_id__in=producer_ids, booked_on__gte=starts_on, booked_on__lte=ends_on
        )
        .values("producer_id", "booked_on", "order_id", "order_line_id", "kind")
        .annotate(quantity=Sum("quantity"), amount=Sum("gross_amount"))
        .order_by("producer_id", "booked_on", "order_id", "order_line_id", "kind")
    )


def _statement_line(row: dict, label: OrderLineLabel | None) -> StatementLine:
    return StatementLine(
        booked_on=row["booked_on"],
        order_id=str(row["order_id"]),
        kind=row["kind"],
        quantity=row["quantity"],
        amount=row["amount"],
        order_number=label.order_number if label is not None else None,
        product_name=label.product_name if label is not None else "",
        variant_name=label.variant_name if label is not None else "",
    )


def _statement(
    producer: Producer,
    cooperative: Cooperative,
    starts_on: datetime.date,
    ends_on: datetime.date,
    rows: list[dict],
    labels: dict[str, OrderLineLabel],
) -> ProducerStatement:
    lines = tuple(
        sorted(
            (_statement_line(row, labels.get(str(row["order_line_id"]))) for row in rows),
            key=lambda line: (
                line.booked_on,
                line.order_number or 0,
                line.order_id,
                line.product_name,
                line.variant_name,
                line.kind,
            ),
        )
    )
    sales = [line for line in lines if line.kind == SaleFactKind.SALE]
    refunds = [line for line in lines if line.kind == SaleFactKind.REVERSAL]
    gross = sum(line.amount for line in sales)
    refunded = -sum(line.amount for line in refunds)
    net = gross - refunded
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


def producer_statement(
    producer: Producer, starts_on: datetime.date, ends_on: datetime.date
) -> ProducerStatement:
    """The statement of ``producer`` from ``starts_on`` to ``ends_on`` (both included).

    Raises ValidationError INVALID_PERIOD on ``ends_on`` when it is before ``starts_on``.
    """
    _check_period(starts_on, ends_on)
    rows = list(_statement_rows([producer.pk], starts_on, ends_on))
    labels = order_line_labels(row["order_line_id"] for row in rows)
    return _statement(producer, producer.cooperative, starts_on, ends_on, rows, labels)


def cooperative_producer_statements(
    cooperative: Cooperative, starts_on: datetime.date, ends_on: datetime.date
) -> list[ProducerStatement]:
    """The statements of every producer of ``cooperative`` for one period, by producer
    name (those without sales too): three queries whatever the number of producers.

    Raises ValidationError INVALID_PERIOD as ``producer_statement``.
    """
    _check_period(starts_on, ends_on)
    producers = list(Producer.objects.filter(cooperative=cooperative).order_by("name", "pk"))
    by_producer: dict[int, list[dict]] = {producer.pk: [] for producer in producers}
    rows = list(_statement_rows(list(by_producer), starts_on, ends_on))
    for row in rows:
        by_producer[row["producer_id"]].append(row)
    labels = order_line_labels(row["order_line_id"] for row in rows)
    return [
        _statement(producer, cooperative, starts_on, ends_on, by_producer[producer.pk], labels)
        for producer in producers
    ]


FLAG_LABELS = {
    "sales_drop": _("Sales dropped"),
    "no_sales": _("No sales"),
    "rat_overdue": _("RAT overdue"),
}


def flag_label(kind: str) -> str:
    """A flag kind for people (``sales_drop`` → "Penjualan turun"); unknown kinds as is."""
    label = FLAG_LABELS.get(kind)
    return str(label) if label is not None else kind


def cooperative_open_flags(cooperative: Cooperative) -> list[CooperativeFlag]:
    """The cooperative's flags not cleared yet, oldest first."""
    return list(
        CooperativeFlag.objects.filter(
            Q(cooperative=cooperative) & Q(cleared_at__isnull=True)
        ).order_by("raised_at", "pk")
    )


def cooperative_last_sale_date(
    cooperative_id: int, today: datetime.date | None = None
) -> datetime.date | None:
    """The last hub-local day (up to ``today``, when given) on which the cooperative made
    a marketplace sale that was not reversed: the latest daily rollup with orders.

    ``today`` is a date in WIB; a hub in WITA or WIT is one or two hours ahead, so its
    local date may already be the next day (a sale at 23:30 WIB is dated tomorrow in
    Jayapura): the day after ``today`` counts too."""
    rollups = SalesRollup.objects.filter(
        scope=SalesRollup.Scope.COOPERATIVE,
        scope_id=cooperative_id,
        period=SalesRollup.Period.DAY,
        orders__gt=0,
    )
    if today is not None:
        rollups = rollups.filter(period_start__lte=today + datetime.timedelta(days=1))
    return rollups.order_by("-period_start").values_list("period_start", flat=True).first()
