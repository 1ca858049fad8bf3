"""Writes: RAT reports (draft → submitted, corrections as new versions), attachments,
deadline overrides, KSP health inputs and assessments, and the RAT-overdue flag.

Callers check who may act (the API asks ``village_hubs.selectors``); these services check
what may happen. Refusals are ``ValidationError`` with ``RatErrorCode`` values.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coop_reporting import indicators
from coop_reporting.rat import deadlines, selectors
from coop_reporting.rat.attachments import ImageCleaner, attachment_clean
from coop_reporting.rat.error_codes import RatErrorCode
from coop_reporting.rat.models import (
    REPORT_FIELDS,
    HealthAssessment,
    KspHealthInput,
    RatAttachment,
    RatAttachmentKind,
    RatDeadlineOverride,
    RatMethod,
    RatReport,
    RatReportStatus,
    ShuDistributionLine,
)
from coop_reporting.rat.validation import SHU_DISTRIBUTION_FIELD, ShuLine, rat_report_validate
from coop_reporting.rules.loader import load_rules
from coop_reporting.sales import services as sales_services
from coop_reporting.signals import figures_changed
from marketplace.accounts.models import User
from marketplace.core.exceptions import field_error, reject_unknown_keys
from marketplace.village_hubs.models import Cooperative

logger = logging.getLogger(__name__)

KSP_HEALTH_RULES = "ksp_health_perdep_06_2016"
RAT_OVERDUE_FLAG = "rat_overdue"
_COPIED_FIELDS = (*REPORT_FIELDS, "deadline", "days_late")


def _today() -> datetime.date:
    return timezone.localdate()


# --- RAT reports ---------------------------------------------------------------------------


def _shu_lines(raw: Sequence[Mapping[str, Any]]) -> list[ShuLine]:
    lines = []
    for item in raw:
        try:
            percentage = Decimal(str(item["percentage"]))
            amount = int(item["amount"])
        except (KeyError, TypeError, ValueError, InvalidOperation):
            raise field_error(
                SHU_DISTRIBUTION_FIELD,
                _("Give every share a name, a percentage and an amount."),
                RatErrorCode.INVALID,
            ) from None
        if not percentage.is_finite() or percentage != percentage.quantize(Decimal("0.01")):
            raise field_error(
                SHU_DISTRIBUTION_FIELD,
                _("Percentages have at most two decimals."),
                RatErrorCode.INVALID,
            )
        lines.append(
            ShuLine(name=str(item.get("name") or ""), percentage=percentage, amount=amount)
        )
    return lines


def _stored_lines(report: RatReport) -> list[ShuLine]:
    return [
        ShuLine(name=line.name, percentage=line.percentage, amount=line.amount)
        for line in report.shu_distribution.all()
    ]


def _check_choices(changes: Mapping[str, Any]) -> None:
    method = changes.get("method")
    if method not in (None, "") and method not in RatMethod.values:
        raise field_error("method", _("Choose how the RAT was held."), RatErrorCode.INVALID)


def _apply_deadline(report: RatReport) -> None:
    override = RatDeadlineOverride.objects.filter(cooperative_id=report.cooperative_id).first()
    report.deadline = deadlines.rat_deadline(
        report.financial_year,
        months_after_year_end=override.months_after_year_end if override else None,
    )
    report.days_late = (
        None if report.rat_date is None else deadlines.days_late(report.rat_date, report.deadline)
    )


def _validate(report: RatReport, lines: Sequence[ShuLine], *, complete: bool) -> None:
    values = {name: getattr(report, name) for name in REPORT_FIELDS}
    rat_report_validate(
        values, lines, financial_year=report.financial_year, complete=complete, today=_today()
    )


def _replace_lines(report: RatReport, lines: Sequence[ShuLine]) -> None:
    report.shu_distribution.all().delete()
    ShuDistributionLine.objects.bulk_create(
        ShuDistributionLine(
            report=report,
            name=line.name.strip(),
            percentage=line.percentage,
            amount=line.amount,
            sort_order=index,
        )
        for index, line in enumerate(lines)
    )


def _require_draft(report: RatReport) -> None:
    if report.status != RatReportStatus.DRAFT:
        raise field_error(
            "id",
            _("A submitted report cannot be changed. Make a correction instead."),
            RatErrorCode.NOT_DRAFT,
        )


@transaction.atomic
def rat_report_create(
    *,
    cooperative: Cooperative,
    financial_year: int,
    actor: User | None,
    shu_distribution: Sequence[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> RatReport:
    """Start the RAT report of ``financial_year`` as draft version 1.

    Figures may be partial; groups given in full must already add up (see
    ``validation.rat_report_validate``). A year that already has a report is refused
    (``already_exists``): correct the submitted one instead.
    """
    reject_unknown_keys(fields, REPORT_FIELDS)
    if not 1945 <= financial_year <= _today().year:
        raise field_error(
            "financial_year", _("Choose a financial year that has started."), RatErrorCode.INVALID
        )
    if RatReport.objects.filter(cooperative=cooperative, financial_year=financial_year).exists():
        raise field_error(
            "financial_year",
            _("This financial year already has a RAT report."),
            RatErrorCode.ALREADY_EXISTS,
        )
    _check_choices(fields)
    lines = _shu_lines(shu_distribution or [])
    report = RatReport(
        cooperative=cooperative,
        financial_year=financial_year,
        version=1,
        created_by=actor,
        **{
            key: ("" if key in {"method", "work_plan"} and value is None else value)
            for key, value in fields.items()
        },  # fmt: skip
    )
    _validate(report, lines, complete=False)
    _apply_deadline(report)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # a concurrent create of the same year
        raise field_error(
            "financial_year",
            _("This financial year already has a RAT report."),
            RatErrorCode.ALREADY_EXISTS,
        ) from None
    _replace_lines(report, lines)
    logger.info(
        "rat_report_created",
        extra={"report_id": report.pk, "cooperative_id": cooperative.pk, "year": financial_year},
    )
    return report


@transaction.atomic
def rat_report_update(
    *,
    report: RatReport,
    actor: User | None,
    shu_distribution: Sequence[Mapping[str, Any]] | None = None,
    **changes: Any,
) -> RatReport:
    """Change a draft's figures; ``shu_distribution`` (when given) replaces all lines.

    Refuses submitted versions (``not_draft``) and figures that do not add up; on a
    refusal nothing is saved.
    """
    reject_unknown_keys(changes, REPORT_FIELDS)
    report = RatReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    _check_choices(changes)
    for key, value in changes.items():
        if key in {"method", "work_plan"} and value is None:
            value = ""
        setattr(report, key, value)
    lines = _shu_lines(shu_distribution) if shu_distribution is not None else _stored_lines(report)
    _validate(report, lines, complete=False)
    _apply_deadline(report)
    report.save()
    if shu_distribution is not None:
        _replace_lines(report, lines)
    logger.info(
        "rat_report_updated",
        extra={
            "report_id": report.pk,
            "actor_id": getattr(actor, "pk", None),
            "fields": sorted(changes),
        },  # fmt: skip
    )
    return report


@transaction.atomic
def rat_report_submit(*, report: RatReport, actor: User | None) -> RatReport:
    """Submit a draft: every figure given and adding up, the RAT held (not in the future).

    A RAT held after its deadline is accepted and flagged (``days_late`` > 0). The version
    is frozen from then on. After commit a worker refreshes the cooperative's status and
    RAT-overdue flag (``cooperative_status_refresh_task``).
    """
    report = RatReport.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    _validate(report, _stored_lines(report), complete=True)
    _apply_deadline(report)
    report.status = RatReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save()
    figures_changed([report.cooperative_id], sender=__name__)
    cooperative_id = report.cooperative_id
    _enqueue_status_refresh(cooperative_id)
    logger.info(
        "rat_report_submitted",
        extra={
            "report_id": report.pk,
            "cooperative_id": cooperative_id,
            "year": report.financial_year,
            "version": report.version,
            "days_late": report.days_late,
        },
    )
    return report


@transaction.atomic
def rat_report_correct(*, report: RatReport, actor: User | None) -> RatReport:
    """A new draft version copied from ``report`` (the latest submitted version): figures,
    SHU distribution and attachments. Earlier versions stay as they were."""
    report = RatReport.objects.select_for_update().get(pk=report.pk)
    if report.status != RatReportStatus.SUBMITTED:
        raise field_error(
            "id", _("Only a submitted report can be corrected."), RatErrorCode.NOT_DRAFT
        )
    versions = RatReport.objects.select_for_update().filter(
        cooperative_id=report.cooperative_id, financial_year=report.financial_year
    )
    if versions.filter(status=RatReportStatus.DRAFT).exists():
        raise field_error(
            "id",
            _("A correction of this report is already being drafted."),
            RatErrorCode.ALREADY_EXISTS,
        )
    latest = versions.aggregate(latest=Max("version"))["latest"]
    if report.version != latest:
        raise field_error(
            "id", _("Correct the latest version of the report."), RatErrorCode.NOT_LATEST_VERSION
        )
    draft = RatReport(
        cooperative_id=report.cooperative_id,
        financial_year=report.financial_year,
        version=latest + 1,
        created_by=actor,
        **{name: getattr(report, name) for name in _COPIED_FIELDS},
    )
    draft.save()
    _replace_lines(draft, _stored_lines(report))
    RatAttachment.objects.bulk_create(
        RatAttachment(
            report=draft,
            kind=attachment.kind,
            file=attachment.file.name,  # files are never rewritten: versions share them
            file_name=attachment.file_name,
            content_type=attachment.content_type,
            size=attachment.size,
            page_count=attachment.page_count,
            uploaded_by=attachment.uploaded_by,
        )
        for attachment in report.attachments.all()
    )
    logger.info(
        "rat_report_correction_started",
        extra={"report_id": draft.pk, "corrects_id": report.pk, "version": draft.version},
    )
    return draft


def rat_attachment_upload(
    *,
    report: RatReport,
    kind: str,
    uploaded_file: IO[bytes] | bytes,
    file_name: str = "",
    actor: User | None,
    image_clean: ImageCleaner,
) -> RatAttachment:
    """Attach a PDF or image to a draft (see ``attachments.attachment_clean``);
    ``image_clean`` is ``marketplace.catalog.images.image_clean``, passed in by the caller."""
    if kind not in RatAttachmentKind.values:
        raise field_error("kind", _("Choose what the file is."), RatErrorCode.INVALID)
    _require_draft(report)
    clean = attachment_clean(uploaded_file, image_clean=image_clean)
    name = default_storage.save(
        f"rat/{report.cooperative_id}/{uuid.uuid4().hex}.{clean.extension}",
        ContentFile(clean.content),
    )
    try:
        with transaction.atomic():
            locked = RatReport.objects.select_for_update().get(pk=report.pk)
            _require_draft(locked)
            attachment = RatAttachment.objects.create(
                report=locked,
                kind=kind,
                file=name,
                file_name=(file_name or "")[:255],
                content_type=clean.content_type,
                size=len(clean.content),
                page_count=clean.page_count,
                uploaded_by=actor,
            )
    except BaseException:
        default_storage.delete(name)
        raise
    logger.info(
        "rat_attachment_uploaded",
        extra={
            "attachment_id": attachment.pk,
            "report_id": report.pk,
            "kind": kind,
            "content_type": clean.content_type,
            "size": attachment.size,
        },  # fmt: skip
    )
    return attachment


@transaction.atomic
def rat_deadline_override_set(
    *, cooperative: Cooperative, months_after_year_end: int | None, basis: str = ""
) -> RatDeadlineOverride | None:
    """Set (or with ``None`` remove) the cooperative's own RAT deadline, in months after the
    financial year end. Drafts pick it up on their next save; submitted reports keep the
    deadline they were submitted under. After commit a worker refreshes the cooperative's
    RAT-overdue flag."""
    if months_after_year_end is None:
        RatDeadlineOverride.objects.filter(cooperative=cooperative).delete()
        _enqueue_status_refresh(cooperative.pk)
        return None
    if not 1 <= months_after_year_end <= 12:
        raise field_error(
            "months_after_year_end", _("Choose between 1 and 12 months."), RatErrorCode.INVALID
        )
    override, _created = RatDeadlineOverride.objects.update_or_create(
        cooperative=cooperative,
        defaults={"months_after_year_end": months_after_year_end, "basis": basis},
    )
    _enqueue_status_refresh(cooperative.pk)
    return override


# --- KSP/USP health ------------------------------------------------------------------------


def _health_rules() -> dict[str, Any]:
    return load_rules(KSP_HEALTH_RULES)


@transaction.atomic
def ksp_health_input_set(
    *,
    cooperative: Cooperative,
    financial_year: int,
    figures: Mapping[str, Any],
    actor: User | None,
) -> tuple[KspHealthInput, HealthAssessment]:
    """Merge ``figures`` into the year's health inputs (``None`` removes a figure) and
    recompute the assessment.

    Names must be inputs of the rules (``indicators.required_inputs``); values whole,
    non-negative numbers (rupiah, or yes-answers of a questionnaire).
    """
    if not cooperative.has_savings_unit:
        raise field_error(
            "cooperative",
            _("Health scores apply to cooperatives with a savings and loan unit."),
            RatErrorCode.NO_SAVINGS_UNIT,
        )
    if not 1945 <= financial_year <= _today().year:
        raise field_error(
            "financial_year", _("Choose a financial year that has started."), RatErrorCode.INVALID
        )
    rules = _health_rules()
    known = indicators.required_inputs(rules)
    unknown = sorted(set(figures) - known)
    if unknown:
        raise field_error(
            "figures",
            _("Unknown figures: %(names)s.") % {"names": ", ".join(unknown)},
            RatErrorCode.UNKNOWN_INPUT,
        )
    for name, value in figures.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise field_error(
                "figures",
                _("%(name)s must be a whole number.") % {"name": name},
                RatErrorCode.INVALID,
            )
        if value < 0:
            raise field_error(
                "figures",
                _("%(name)s cannot be negative.") % {"name": name},
                RatErrorCode.NEGATIVE_AMOUNT,
            )
    health_input, _created = KspHealthInput.objects.select_for_update().get_or_create(
        cooperative=cooperative,
        financial_year=financial_year,
        rules_id=rules["id"],
    )
    merged = dict(health_input.figures)
    for name, value in figures.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    health_input.figures = merged
    health_input.entered_by = actor
    health_input.save()
    assessment = health_assessment_compute(cooperative=cooperative, financial_year=financial_year)
    logger.info(
        "ksp_health_input_set",
        extra={
            "cooperative_id": cooperative.pk,
            "year": financial_year,
            "figures": sorted(figures),
        },  # fmt: skip
    )
    assert assessment is not None  # the cooperative has a savings unit
    return health_input, assessment


def _aspects_json(score: indicators.HealthScore) -> list[dict[str, Any]]:
    def number(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    return [
        {
            "key": aspect.key,
            "name": aspect.name,
            "weight": number(aspect.weight),
            "skor": number(aspect.skor),
            "category": aspect.category,
            "components": [
                {
                    "key": component.key,
                    "name": component.name,
                    "weight": number(component.weight),
                    "ratio": number(component.ratio),
                    "nilai": number(component.nilai),
                    "skor": number(component.skor),
                }
                for component in aspect.components
            ],
        }
        for aspect in score.aspects
    ]


@transaction.atomic
def health_assessment_compute(
    *, cooperative: Cooperative, financial_year: int
) -> HealthAssessment | None:
    """Score the year's inputs with the KSP rules and store the result (idempotent).

    Cooperatives without a savings unit are not scored (``None``); missing figures give a
    *not assessable* result naming them.
    """
    if not cooperative.has_savings_unit:
        return None
    rules = _health_rules()
    health_input = KspHealthInput.objects.filter(
        cooperative=cooperative, financial_year=financial_year, rules_id=rules["id"]
    ).first()
    figures = health_input.figures if health_input else {}
    result = indicators.ksp_health_score(figures, rules)
    if isinstance(result, indicators.MissingInputs):
        defaults: dict[str, Any] = {
            "regulation": rules["regulation"],
            "is_assessable": False,
            "total": None,
            "category": "",
            "aspects": [],
            "missing_inputs": list(result.missing),
        }
    else:
        defaults = {
            "regulation": result.regulation,
            "is_assessable": True,
            "total": result.total,
            "category": result.category,
            "aspects": _aspects_json(result),
            "missing_inputs": [],
        }
    defaults["computed_at"] = timezone.now()
    assessment, _created = HealthAssessment.objects.update_or_create(
        cooperative=cooperative,
        financial_year=financial_year,
        rules_id=rules["id"],
        defaults=defaults,
    )
    figures_changed([cooperative.pk], sender=__name__)
    logger.info(
        "health_assessment_computed",
        extra={
            "cooperative_id": cooperative.pk,
            "year": financial_year,
            "assessable": assessment.is_assessable,
            "category": assessment.category,
        },  # fmt: skip
    )
    return assessment


def health_assessments_recompute() -> int:
    """Recompute every stored input year of cooperatives with a savings unit; the count."""
    count = 0
    pairs = (
        KspHealthInput.objects.filter(cooperative__has_savings_unit=True)
        .select_related("cooperative")
        .order_by("cooperative_id", "financial_year")
    )
    for health_input in pairs:
        health_assessment_compute(
            cooperative=health_input.cooperative, financial_year=health_input.financial_year
        )
        count += 1
    return count


# --- Activity status and the early warnings ------------------------------------------------


def _rat_overdue_reason(status: selectors.CooperativeStatus) -> str:
    """Why the RAT-overdue flag is raised, in the active language (Bahasa Indonesia in the
    worker): the financial year, the deadline and where the deadline comes from."""
    own = status.own_deadline_months
    assert status.overdue_deadline is not None  # set whenever rat_overdue is
    values = {
        "year": status.overdue_financial_year,
        "deadline": formats.date_format(status.overdue_deadline, "j F Y"),
        "months": own or deadlines.rat_deadline_rules()["months_after_year_end"],
    }
    if own is None:
        message = gettext(
            "The RAT report for financial year %(year)s has not been submitted: the "
            "deadline was %(deadline)s, %(months)s months after the end of the financial "
            "year as the regulation sets."
        )
    else:
        message = gettext(
            "The RAT report for financial year %(year)s has not been submitted: the "
            "deadline was %(deadline)s, %(months)s months after the end of the financial "
            "year as the cooperative's own rules set."
        )
    return message % values


def cooperative_status_refresh(
    *, cooperative: Cooperative, today: datetime.date | None = None
) -> selectors.CooperativeStatus:
    """Compute the cooperative's activity status (RAT and sales) and raise or clear its
    early warnings through the shared flag service: ``rat_overdue`` (the last closed
    year's RAT report missing after its deadline; the reason names the year and the
    deadline) and the sales ones (``sales_drop``, ``no_sales``). Idempotent."""
    today = today or _today()
    status = selectors.cooperative_status(cooperative, today)
    sales_services.cooperative_flags_set(
        cooperative=cooperative,
        kind=RAT_OVERDUE_FLAG,
        active=status.rat_overdue,
        reason=_rat_overdue_reason(status) if status.rat_overdue else "",
    )
    sales_services.cooperative_flags_recompute(cooperative=cooperative, today=today)
    return status


def _enqueue_status_refresh(cooperative_id: int) -> None:
    """After commit, have a worker refresh the cooperative's status and warnings."""
    from coop_reporting.rat.tasks import cooperative_status_refresh_task

    transaction.on_commit(lambda: cooperative_status_refresh_task.delay(cooperative_id))


def cooperative_statuses_refresh(today: datetime.date | None = None) -> int:
    """Refresh every active cooperative's status and early warnings; the count."""
    count = 0
    for cooperative in Cooperative.objects.filter(is_active=True).order_by("pk").iterator():
        cooperative_status_refresh(cooperative=cooperative, today=today)
        count += 1
    logger.info("cooperative_statuses_refreshed", extra={"cooperatives": count})
    return count
