"""Sales facts, their rollups, offline sales and early-warning flags.

* ``SaleFact``: the ledger. One ``sale`` row per order line when it was paid, and
  ``reversal`` rows (numbered by ``sequence``: 1, 2, …) when units of a paid line stopped
  being paid: the line refunded in part or whole, the order canceled or refunded in full.
  Reversal rows carry negated quantity and amount and the *same* ``sale_date`` as the
  sale, so sums by sale date net to what is still sold; ``booked_on`` is the hub-local
  date the money moved (the sale date, or the day the reversal was recorded), used by
  producer statements. The unique (line, kind, sequence) key makes recording
  exactly-once; a line has one sale at most.
* ``SalesRollup``: additive measures per (scope, scope id, period, period start), kept
  for what some report reads and nothing more: the cooperative's days (its last sale,
  the district summary's year to date), months (sales, orders, units) and financial years
  (the same, plus distinct buyers). Producer and hub rollups were written and never read
  (statements and the activity profile read the facts), so they are no longer kept: every
  fact still carries its producer and hub, and a report that needs them again reads the
  facts or brings the scope back (``RollupScope``, the recording's ``_rollup_keys`` and
  the rebuild) and runs ``manage.py rebuild_reporting``.
* ``RollupBuyer``: how many recorded orders each buyer has in a cooperative's financial
  year (``BUYER_PERIODS``). Distinct buyer counts cannot be incremented blindly; this
  table turns them into reference counts (a buyer is counted when their first order in
  the year arrives and uncounted when their last one is reversed) and answers "repeat
  buyers" (≥ 2 orders). Only the year's buyers are read (the activity profile): days and
  months count none (``buyers`` is 0) and have no buyer rows, which were most of this
  table for nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.village_hubs.models import Cooperative, Producer, VillageHub


class SaleFactKind(models.TextChoices):
    SALE = "sale", _("Sale")
    REVERSAL = "reversal", _("Reversal")


class RollupScope(models.TextChoices):
    """Whose sales a rollup adds up: only the cooperative's are read. The column stays so
    that a producer or hub scope can come back (see the module docstring)."""

    COOPERATIVE = "cooperative", _("Cooperative")


class RollupPeriod(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Financial year")


# The periods whose rollups count distinct buyers (``RollupBuyer`` rows): the financial
# year only, the one the activity profile reads; 0 on days and months.
BUYER_PERIODS = (RollupPeriod.YEAR.value,)


class SaleFact(models.Model):
    Kind = SaleFactKind

    id = models.BigAutoField(primary_key=True)
    order_line_id = models.UUIDField(_("order line"))
    kind = models.CharField(_("kind"), max_length=16, choices=SaleFactKind.choices)
    # 1 for the sale; a line's reversals count 1, 2, … (refunded in parts, then canceled).
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=1, db_default=1)
    order_id = models.UUIDField(_("order"))
    # No index of their own on cooperative and producer: the (cooperative, sale date) and
    # (producer, booked on) indexes below serve every lookup by either.
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("cooperative"),
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("producer"),
    )
    hub = models.ForeignKey(
        VillageHub,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village hub"),
    )
    village_code = models.CharField(_("village code"), max_length=13, blank=True)
    # No foreign key: reporting may not depend on the catalog.
    category_id = models.BigIntegerField(_("category"), null=True, blank=True)
    quantity = models.IntegerField(_("quantity"))
    gross_amount = models.BigIntegerField(_("gross amount (Rp)"))
    sale_date = models.DateField(_("sale date"))
    booked_on = models.DateField(_("booked on"))
    buyer_key = models.CharField(_("buyer key"), max_length=80)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("sale fact")
        verbose_name_plural = _("sale facts")
        constraints = [
            models.UniqueConstraint(
                fields=["order_line_id", "kind", "sequence"],
                name="coop_sales_fact_line_kind_sequence_unique",
            ),
            models.CheckConstraint(
                condition=~Q(kind=SaleFactKind.SALE) | Q(sequence=1),
                name="coop_sales_fact_one_sale_per_line",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SaleFactKind.values), name="coop_sales_fact_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=SaleFactKind.SALE, quantity__gte=0, gross_amount__gte=0)
                    | Q(kind=SaleFactKind.REVERSAL, quantity__lte=0, gross_amount__lte=0)
                ),
                name="coop_sales_fact_sign_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["order_id"], name="coop_sales_fact_order"),
            models.Index(fields=["cooperative", "sale_date"], name="coop_sales_fact_coop_date"),
            models.Index(fields=["producer", "booked_on"], name="coop_sales_fact_producer_book"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.order_line_id}"


class SalesRollup(models.Model):
    Scope = RollupScope
    Period = RollupPeriod

    id = models.BigAutoField(primary_key=True)
    scope = models.CharField(_("scope"), max_length=16, choices=RollupScope.choices)
    scope_id = models.BigIntegerField(_("scope id"))
    period = models.CharField(_("period"), max_length=8, choices=RollupPeriod.choices)
    period_start = models.DateField(_("period start"))
    quantity = models.BigIntegerField(_("quantity"), default=0)
    gross_amount = models.BigIntegerField(_("gross amount (Rp)"), default=0)
    orders = models.IntegerField(_("orders"), default=0)
    buyers = models.IntegerField(_("buyers"), default=0)

    class Meta:
        verbose_name = _("sales rollup")
        verbose_name_plural = _("sales rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "scope_id", "period", "period_start"],
                name="coop_sales_rollup_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(scope__in=RollupScope.values), name="coop_sales_rollup_scope_valid"
            ),
            models.CheckConstraint(
                condition=Q(period__in=RollupPeriod.values),
                name="coop_sales_rollup_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(orders__gte=0, buyers__gte=0, buyers__lte=models.F("orders")),
                name="coop_sales_rollup_counts_valid",
            ),
        ]
        indexes = [
            # The district summary's monthly trends: every cooperative's months in a
            # range, read from the index alone (one row per cooperative and month).
            models.Index(
                fields=["period_start"],
                include=["scope_id", "gross_amount", "orders"],
                condition=Q(scope=RollupScope.COOPERATIVE, period=RollupPeriod.MONTH),
                name="coop_sales_coop_month_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.scope_id} {self.period} {self.period_start}"


class RollupBuyer(models.Model):
    id = models.BigAutoField(primary_key=True)
    scope = models.CharField(_("scope"), max_length=16, choices=RollupScope.choices)
    scope_id = models.BigIntegerField(_("scope id"))
    period = models.CharField(_("period"), max_length=8, choices=RollupPeriod.choices)
    period_start = models.DateField(_("period start"))
    buyer_key = models.CharField(_("buyer key"), max_length=80)
    orders = models.IntegerField(_("orders"))

    class Meta:
        verbose_name = _("buyer of a sales rollup")
        verbose_name_plural = _("buyers of sales rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "scope_id", "period", "period_start", "buyer_key"],
                name="coop_sales_rollup_buyer_unique",
            ),
            models.CheckConstraint(
                condition=Q(orders__gt=0), name="coop_sales_rollup_buyer_orders_positive"
            ),
            models.CheckConstraint(
                condition=Q(scope__in=RollupScope.values, period__in=BUYER_PERIODS),
                name="coop_sales_rollup_buyer_key_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.scope_id} {self.period} {self.period_start} {self.buyer_key}"


class OfflineSale(models.Model):
    """Sales the cooperative made outside the marketplace, entered by its staff per month."""

    id = models.BigAutoField(primary_key=True)
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="offline_sales",
        verbose_name=_("cooperative"),
    )
    month = models.DateField(_("month"), help_text=_("First day of the month."))
    amount = models.BigIntegerField(_("amount (Rp)"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("offline sale")
        verbose_name_plural = _("offline sales")
        ordering = ("cooperative", "month", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="coop_sales_offline_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="coop_sales_offline_month_first_day"
            ),
        ]
        indexes = [models.Index(fields=["cooperative", "month"], name="coop_sales_offline_month")]

    def __str__(self) -> str:
        return f"{self.cooperative_id} {self.month:%Y-%m}: {self.amount}"


class CooperativeFlag(models.Model):
    """An early warning about a cooperative; ``kind`` is free text so other reports
    (RAT overdue, …) reuse it through ``services.cooperative_flags_set``. At most one open
    (not cleared) flag per cooperative and kind."""

    id = models.BigAutoField(primary_key=True)
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="reporting_flags",
        verbose_name=_("cooperative"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    reason = models.TextField(_("reason"))
    raised_at = models.DateTimeField(_("raised"), default=timezone.now)
    cleared_at = models.DateTimeField(_("cleared"), null=True, blank=True)

    class Meta:
        verbose_name = _("cooperative flag")
        verbose_name_plural = _("cooperative flags")
        ordering = ("cooperative", "kind", "-raised_at")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "kind"],
                condition=Q(cleared_at__isnull=True),
                name="coop_sales_flag_one_open_per_kind",
            ),
            models.CheckConstraint(condition=~Q(kind=""), name="coop_sales_flag_kind_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id}: {self.kind}"
