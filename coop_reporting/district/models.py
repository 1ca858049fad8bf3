"""The district view's projection: one row per cooperative with what the district list
filters and sorts on (``CooperativeReportingSummary``), and the statuses it shows.

The cooperative's own columns (name … province) are copied by a database trigger whenever
a cooperative is inserted or updated (supervision's migration 0002, from when the summary
lived there: the domain may not call reporting), so every cooperative has a row with its
current region. The reporting columns are refreshed by
``services.reporting_summaries_refresh`` when sales, flags, RAT reports or health
assessments change (``coop_reporting.signals.cooperative_figures_changed``, received in
``apps``) and rebuilt by ``services.reporting_summaries_rebuild`` (``manage.py
rebuild_reporting``, and nightly so the financial year rolls over). The table keeps its
name from then (``coop_supervision_summary``).
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.village_hubs.models import Cooperative

EMPTY_JSON = models.Value({}, output_field=models.JSONField())


class ActivityStatus(models.TextChoices):
    """Activity of a cooperative on a day, from its two signs of life (coop-health.md §4):
    an RAT held within the activity window (three years: *koperasi aktif*) and a
    marketplace sale within ``COOP_WARNING_NO_SALES_DAYS`` days (business activity)."""

    ACTIVE = "active", _("Active: RAT held and selling")
    NO_RECENT_SALES = "no_recent_sales", _("RAT held, no recent sales")
    NO_RECENT_RAT = "no_recent_rat", _("Selling, no RAT in the last three years")
    INACTIVE = "inactive", _("Inactive: no RAT and no recent sales")


class RatYearStatus(models.TextChoices):
    """The RAT on one financial year: held on time, held late, overdue (no report and the
    deadline has passed) or not due yet."""

    ON_TIME = "on_time", _("Held on time")
    LATE = "late", _("Held late")
    OVERDUE = "overdue", _("Missing, deadline passed")
    NOT_DUE = "not_due", _("Not due yet")


class CooperativeReportingSummary(models.Model):
    """What the district view shows of one cooperative, kept up to date (see module doc).

    Sales columns are whole rupiah of marketplace sales (net of reversals) in the
    financial year current when the row was refreshed and the one before;
    ``sales_previous_year_to_date`` is the previous year's up to the same day a year
    before the refresh, and ``sales_trend_percent`` compares this year to date with it
    (null when that period had no sales), so the trend means the same in June as in
    December. ``rat_*``
    describe the RAT on the previous financial year (its latest submitted version).
    ``health_*`` is the latest assessable health assessment up to the current year.
    """

    cooperative = models.OneToOneField(
        Cooperative,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reporting_summary",
        verbose_name=_("cooperative"),
    )
    # Copied from the cooperative (database trigger, migration 0002).
    name = models.CharField(_("name"), max_length=255)
    nomor_induk_koperasi = models.CharField(
        _("cooperative registration number (NIK)"), max_length=16, blank=True
    )
    jenis = models.CharField(_("type"), max_length=16)
    is_merah_putih = models.BooleanField(_("Merah Putih village cooperative"), default=False)
    has_savings_unit = models.BooleanField(_("has a savings and loan unit"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    member_count = models.PositiveIntegerField(_("members"), default=0)
    regency_code = models.CharField(_("regency code"), max_length=5)
    province_code = models.CharField(_("province code"), max_length=2)
    # Reporting (services.reporting_summaries_refresh).
    sales_this_year = models.BigIntegerField(_("marketplace sales this year (Rp)"), default=0)
    sales_previous_year = models.BigIntegerField(
        _("marketplace sales previous year (Rp)"), default=0
    )
    sales_previous_year_to_date = models.BigIntegerField(
        _("marketplace sales in the same period a year earlier (Rp)"), default=0, db_default=0
    )
    sales_trend_percent = models.DecimalField(
        _("sales trend (%)"), max_digits=16, decimal_places=1, null=True, blank=True
    )
    orders_this_year = models.IntegerField(_("orders this year"), default=0)
    # Every financial year's marketplace sales and orders, keyed by the year's first day
    # ("2025-01-01"): a list of another year sorts on these without a lookup per row.
    # (A database default too: the trigger of migration 0002 inserts rows.)
    sales_by_year = models.JSONField(
        _("marketplace sales by financial year"), default=dict, db_default=EMPTY_JSON
    )
    orders_by_year = models.JSONField(
        _("orders by financial year"), default=dict, db_default=EMPTY_JSON
    )
    last_sale_date = models.DateField(_("last sale"), null=True, blank=True)
    last_rat_date = models.DateField(_("last RAT"), null=True, blank=True)
    rat_date = models.DateField(_("RAT on the previous year"), null=True, blank=True)
    rat_days_late = models.IntegerField(_("days the RAT was late"), null=True, blank=True)
    health_financial_year = models.PositiveSmallIntegerField(
        _("health assessment year"), null=True, blank=True
    )
    health_category = models.CharField(_("health category"), max_length=50, blank=True)
    health_score = models.DecimalField(
        _("health score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    open_flag_kinds = ArrayField(
        models.CharField(max_length=64), default=list, blank=True, verbose_name=_("open flags")
    )
    refreshed_at = models.DateTimeField(_("refreshed"), null=True, blank=True)
    # The regency under which this cooperative's months are counted in
    # ``RegionMonthSales`` ("" before its first refresh). It differs from
    # ``regency_code`` only between a move of the cooperative to another regency (the
    # trigger) and its next refresh; the district totals then add up the months the slow
    # way.
    months_regency_code = models.CharField(
        _("regency of the counted months"), max_length=5, blank=True, default="", db_default=""
    )

    class Meta:
        db_table = "coop_supervision_summary"
        verbose_name = _("cooperative reporting summary")
        verbose_name_plural = _("cooperative reporting summaries")
        ordering = ("name", "cooperative_id")
        indexes = [
            # Scoping (regency / province officer) together with the default sort.
            models.Index(fields=["regency_code", "name"], name="coop_sup_sum_regency_name"),
            models.Index(fields=["province_code", "name"], name="coop_sup_sum_province_name"),
            models.Index(fields=["name", "cooperative"], name="coop_sup_sum_name"),  # staff
            # Sorts of a whole province, largest first (the usual way to look).
            models.Index(
                F("province_code"),
                F("sales_this_year").desc(nulls_last=True),
                name="coop_sup_sum_province_sales",
            ),
            models.Index(
                F("province_code"),
                F("sales_trend_percent").asc(nulls_last=True),
                name="coop_sup_sum_province_trend",
            ),
            GinIndex(fields=["open_flag_kinds"], name="coop_sup_sum_flags"),
            # Cooperatives moved since their months were counted (normally none).
            models.Index(
                fields=["cooperative"],
                condition=~Q(months_regency_code="") & ~Q(months_regency_code=F("regency_code")),
                name="coop_district_sum_moved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id}: {self.name}"


class CooperativeMonthSales(models.Model):
    """A cooperative's marketplace sales and orders in one month, as counted in
    ``RegionMonthSales`` (a copy of its month rollup with the region it was counted
    under): a refresh subtracts these and adds the new figures, so the region totals
    change by the difference only."""

    id = models.BigAutoField(primary_key=True)
    cooperative_id = models.BigIntegerField(_("cooperative"))
    month = models.DateField(_("month"))
    regency_code = models.CharField(_("regency code"), max_length=5)
    province_code = models.CharField(_("province code"), max_length=2)
    sales = models.BigIntegerField(_("marketplace sales (Rp)"))
    orders = models.IntegerField(_("orders"))

    class Meta:
        db_table = "coop_district_cooperative_month"
        verbose_name = _("cooperative's month in the district totals")
        verbose_name_plural = _("cooperatives' months in the district totals")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative_id", "month"], name="coop_district_coop_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} {self.month:%Y-%m}"


class RegionMonthSales(models.Model):
    """Marketplace sales, orders and cooperatives with sales (orders > 0) of every
    cooperative registered in a regency ("33.19") or a province ("33") in one month:
    the sums of their month rollups, which the district summary's monthly trends read
    for a whole region instead of adding up every cooperative's months."""

    id = models.BigAutoField(primary_key=True)
    region_code = models.CharField(_("regency or province code"), max_length=5)
    month = models.DateField(_("month"))
    sales = models.BigIntegerField(_("marketplace sales (Rp)"), default=0)
    orders = models.BigIntegerField(_("orders"), default=0)
    cooperatives_with_sales = models.IntegerField(_("cooperatives with sales"), default=0)

    class Meta:
        db_table = "coop_district_region_month"
        verbose_name = _("region's month of sales")
        verbose_name_plural = _("regions' months of sales")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "month"], name="coop_district_region_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.month:%Y-%m}"
