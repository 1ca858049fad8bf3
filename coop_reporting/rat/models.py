"""RAT reports (versioned), their attachments, deadline overrides and health assessments.

Amounts are whole rupiah (``BigIntegerField``). A report for one cooperative and financial
year has versions 1, 2, …; only a ``draft`` version may change, a ``submitted`` one is
frozen (the services refuse, and a database trigger — see migration 0002 — backs that
up). A correction is a new draft version copied from the latest submitted one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel
from marketplace.village_hubs.models import Cooperative

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class RatReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class RatMethod(models.TextChoices):
    """How the meeting was held (electronic RAT: Permenkop 19/2015 Pasal 16)."""

    TATAP_MUKA = "tatap_muka", _("In person")
    ELEKTRONIK = "elektronik", _("Electronic")
    HYBRID = "hybrid", _("Hybrid")


# Figures of the report, by group. Used by validation, copying and the API.
MEMBER_FIELDS = ("members_male", "members_female", "members_present")
BOARD_FIELDS = ("pengurus_count", "pengawas_count", "employee_count", "has_manager")
ASSET_FIELDS = ("current_assets", "fixed_assets", "other_assets")
LIABILITY_FIELDS = ("current_liabilities", "long_term_liabilities")
EQUITY_FIELDS = (
    "equity_simpanan_pokok",
    "equity_simpanan_wajib",
    "equity_cadangan",
    "equity_hibah",
    "equity_modal_penyertaan",
    "equity_shu_tahun_berjalan",
)
BALANCE_SHEET_FIELDS = (
    *ASSET_FIELDS,
    "total_assets",
    *LIABILITY_FIELDS,
    *EQUITY_FIELDS,
    "total_equity",
    "total_liabilities_and_equity",
)
INCOME_FIELDS = ("revenue_members", "revenue_other")
EXPENSE_FIELDS = ("cost_of_revenue", "operating_expenses", "cooperative_expenses")
INCOME_STATEMENT_FIELDS = (
    *INCOME_FIELDS,
    *EXPENSE_FIELDS,
    "shu_before_tax",
    "tax",
    "shu_net",
)
PLAN_FIELDS = ("work_plan", "budget_income", "budget_expenses")
# Amounts that may be negative: a loss year, or equity eaten by losses.
SIGNED_AMOUNT_FIELDS = frozenset(
    {"equity_shu_tahun_berjalan", "total_equity", "shu_before_tax", "shu_net"}
)
NON_NEGATIVE_AMOUNT_FIELDS = tuple(
    name
    for name in (
        *BALANCE_SHEET_FIELDS,
        *INCOME_STATEMENT_FIELDS,
        "budget_income",
        "budget_expenses",
    )
    if name not in SIGNED_AMOUNT_FIELDS
)
# Everything the cooperative fills in (besides the SHU distribution lines).
REPORT_FIELDS = (
    "rat_date",
    "method",
    *MEMBER_FIELDS,
    *BOARD_FIELDS,
    *BALANCE_SHEET_FIELDS,
    *INCOME_STATEMENT_FIELDS,
    *PLAN_FIELDS,
)


def _amount(verbose_name: StrOrPromise) -> models.BigIntegerField:
    return models.BigIntegerField(verbose_name, null=True, blank=True)


class RatReport(TimeStampedModel):
    """One version of a cooperative's RAT report for a financial year (tahun buku)."""

    Status = RatReportStatus
    Method = RatMethod

    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        related_name="rat_reports",
        verbose_name=_("cooperative"),
    )
    financial_year = models.PositiveSmallIntegerField(_("financial year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=RatReportStatus.choices, default=RatReportStatus.DRAFT
    )
    # The meeting
    rat_date = models.DateField(_("RAT date"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=16, choices=RatMethod.choices, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    days_late = models.PositiveIntegerField(
        _("days late"), null=True, blank=True, help_text=_("0 when held by the deadline.")
    )
    members_male = models.PositiveIntegerField(_("male members"), null=True, blank=True)
    members_female = models.PositiveIntegerField(_("female members"), null=True, blank=True)
    members_present = models.PositiveIntegerField(_("members present"), null=True, blank=True)
    # Board and staff
    pengurus_count = models.PositiveSmallIntegerField(_("board members"), null=True, blank=True)
    pengawas_count = models.PositiveSmallIntegerField(_("supervisors"), null=True, blank=True)
    employee_count = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    has_manager = models.BooleanField(_("has a manager"), null=True, blank=True)
    # Neraca (balance sheet) at the end of the financial year
    current_assets = _amount(_("current assets"))
    fixed_assets = _amount(_("fixed assets"))
    other_assets = _amount(_("other assets"))
    total_assets = _amount(_("total assets"))
    current_liabilities = _amount(_("current liabilities"))
    long_term_liabilities = _amount(_("long-term liabilities"))
    equity_simpanan_pokok = _amount(_("principal savings (simpanan pokok)"))
    equity_simpanan_wajib = _amount(_("mandatory savings (simpanan wajib)"))
    equity_cadangan = _amount(_("reserves (cadangan)"))
    equity_hibah = _amount(_("grants and donations (hibah)"))
    equity_modal_penyertaan = _amount(_("equity participation (modal penyertaan)"))
    equity_shu_tahun_berjalan = _amount(_("surplus of the year (SHU tahun berjalan)"))
    total_equity = _amount(_("total equity"))
    total_liabilities_and_equity = _amount(_("total liabilities and equity"))
    # Perhitungan hasil usaha (income statement)
    revenue_members = _amount(_("gross member participation (partisipasi bruto)"))
    revenue_other = _amount(_("other income"))
    cost_of_revenue = _amount(_("cost of revenue (beban pokok)"))
    operating_expenses = _amount(_("operating expenses (beban usaha)"))
    cooperative_expenses = _amount(_("cooperative expenses (beban perkoperasian)"))
    shu_before_tax = _amount(_("surplus before tax (SHU sebelum pajak)"))
    tax = _amount(_("tax"))
    shu_net = _amount(_("net surplus (SHU bersih)"))
    # Next year
    work_plan = models.TextField(_("work plan for next year"), blank=True)
    budget_income = _amount(_("planned income (RAPB)"))
    budget_expenses = _amount(_("planned expenses (RAPB)"))

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )

    class Meta:
        verbose_name = _("RAT report")
        verbose_name_plural = _("RAT reports")
        ordering = ("cooperative_id", "-financial_year", "-version")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "financial_year", "version"],
                name="rat_report_unique_version",
            ),
            models.UniqueConstraint(
                fields=["cooperative", "financial_year"],
                condition=Q(status=RatReportStatus.DRAFT),
                name="rat_report_one_draft_per_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RatReportStatus.values), name="rat_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(method__in=["", *RatMethod.values]), name="rat_report_method_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="rat_report_version_positive"),
            models.CheckConstraint(
                condition=Q(financial_year__gte=1945, financial_year__lte=2200),
                name="rat_report_financial_year_range",
            ),
            models.CheckConstraint(
                condition=Q(status=RatReportStatus.DRAFT)
                | Q(submitted_at__isnull=False, rat_date__isnull=False),
                name="rat_report_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=Q(members_present__isnull=True)
                | Q(members_male__isnull=True)
                | Q(members_female__isnull=True)
                | Q(members_present__lte=models.F("members_male") + models.F("members_female")),
                name="rat_report_attendance_within_members",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0}),
                    name=f"rat_report_{name}_non_negative",
                )
                for name in NON_NEGATIVE_AMOUNT_FIELDS
            ],
        ]
        indexes = [models.Index(fields=["status", "rat_date"])]

    def __str__(self) -> str:
        return f"RAT {self.financial_year} v{self.version} ({self.cooperative_id})"

    @property
    def is_late(self) -> bool | None:
        """Whether the RAT was held after its deadline; ``None`` while it has no date."""
        return None if self.days_late is None else self.days_late > 0

    @property
    def is_draft(self) -> bool:
        return self.status == RatReportStatus.DRAFT


class ShuDistributionLine(models.Model):
    """One pos of the SHU distribution (cadangan, jasa anggota, dana pengurus, …)."""

    report = models.ForeignKey(
        RatReport,
        on_delete=models.CASCADE,
        related_name="shu_distribution",
        verbose_name=_("RAT report"),
    )
    name = models.CharField(_("name"), max_length=100)
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2)
    amount = models.BigIntegerField(_("amount"))
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("SHU distribution line")
        verbose_name_plural = _("SHU distribution lines")
        ordering = ("sort_order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(percentage__gte=0, percentage__lte=100, amount__gte=0),
                name="shu_line_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.percentage}%"


class RatAttachmentKind(models.TextChoices):
    BERITA_ACARA = "berita_acara", _("Minutes of the meeting (berita acara)")
    DAFTAR_HADIR = "daftar_hadir", _("Attendance list (daftar hadir)")
    LAPORAN_KEUANGAN = "laporan_keuangan", _("Financial statements (laporan keuangan)")
    OTHER = "other", _("Other")


class RatAttachment(models.Model):
    """A PDF or image attached to a report version (files are never rewritten)."""

    Kind = RatAttachmentKind

    report = models.ForeignKey(
        RatReport,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("RAT report"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RatAttachmentKind.choices)
    file = models.FileField(_("file"), upload_to="rat/", max_length=255)
    file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("RAT attachment")
        verbose_name_plural = _("RAT attachments")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RatAttachmentKind.values), name="rat_attachment_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name}"


class RatDeadlineOverride(TimeStampedModel):
    """A cooperative whose articles (AD) set a stricter or other RAT deadline than the
    regulation's default (``coop_reporting/rules/rat_deadline.json``)."""

    cooperative = models.OneToOneField(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="rat_deadline_override",
        verbose_name=_("cooperative"),
    )
    months_after_year_end = models.PositiveSmallIntegerField(
        _("months after the financial year end")
    )
    basis = models.CharField(
        _("basis"), max_length=255, blank=True, help_text=_("E.g. the article of the AD.")
    )

    class Meta:
        verbose_name = _("RAT deadline override")
        verbose_name_plural = _("RAT deadline overrides")
        constraints = [
            models.CheckConstraint(
                condition=Q(months_after_year_end__gte=1, months_after_year_end__lte=12),
                name="rat_deadline_override_months_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id}: {self.months_after_year_end} months"


class KspHealthInput(TimeStampedModel):
    """The figures a savings-and-loan unit's health rules read, for one financial year.

    ``figures`` maps the input names of the rules (``indicators.required_inputs``) to whole
    numbers: rupiah amounts and questionnaire yes-counts. Missing names are allowed; the
    assessment then says what is missing.
    """

    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="ksp_health_inputs",
        verbose_name=_("cooperative"),
    )
    financial_year = models.PositiveSmallIntegerField(_("financial year"))
    rules_id = models.CharField(_("rules"), max_length=50)
    figures = models.JSONField(_("figures"), default=dict)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        verbose_name = _("KSP health input")
        verbose_name_plural = _("KSP health inputs")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "financial_year", "rules_id"],
                name="ksp_health_input_unique_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} {self.financial_year} ({self.rules_id})"


class HealthAssessment(models.Model):
    """The result of the health rules on a year's inputs, with the reasons (aspects JSON:
    each aspect's skor/category and each component's ratio, nilai and skor)."""

    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="health_assessments",
        verbose_name=_("cooperative"),
    )
    financial_year = models.PositiveSmallIntegerField(_("financial year"))
    rules_id = models.CharField(_("rules"), max_length=50)
    regulation = models.CharField(_("regulation"), max_length=255, blank=True)
    is_assessable = models.BooleanField(_("assessable"))
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2, null=True)
    category = models.CharField(_("category"), max_length=50, blank=True)
    aspects = models.JSONField(_("aspects"), default=list)
    missing_inputs = models.JSONField(_("missing inputs"), default=list)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("health assessment")
        verbose_name_plural = _("health assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "financial_year", "rules_id"],
                name="health_assessment_unique_year",
            ),
            models.CheckConstraint(
                condition=Q(is_assessable=False) | Q(total__isnull=False),
                name="health_assessment_assessable_has_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} {self.financial_year}: {self.category or '-'}"
