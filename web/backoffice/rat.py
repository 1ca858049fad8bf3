"""The RAT report online, one section a page (``rat_forms.SECTIONS``).

Every save goes through ``coop_reporting.rat.services`` (the same services as the GraphQL
mutations): a section's figures are saved to the year's draft version when it is posted,
refusals are shown next to the field they concern and nothing is saved. A submitted
version is frozen and shown read-only; it is corrected by a new draft version copied from
it (``rat_report_correct``). The cooperative's staff may read; its admins write
(``access.may_write_reports``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coop_reporting.rat import deadlines, selectors, services
from coop_reporting.rat.models import (
    BALANCE_SHEET_FIELDS,
    INCOME_STATEMENT_FIELDS,
    RatAttachment,
    RatReport,
)
from marketplace.catalog.images import image_clean
from marketplace.core.money import format_rupiah
from marketplace.village_hubs.models import Cooperative
from web.backoffice.access import cooperative_for_staff, may_write_reports
from web.backoffice.rat_forms import (
    SECTION_BY_SLUG,
    SECTION_OF_FIELD,
    SECTIONS,
    AttachmentForm,
    NewReportForm,
    Section,
    field_label,
    section_form,
    shu_form,
    shu_lines_from,
)
from web.core.forms import add_validation_errors
from web.core.requests import SignedInRequest

YEARS_BACK = 5
AMOUNT_FIELDS = frozenset(
    {*BALANCE_SHEET_FIELDS, *INCOME_STATEMENT_FIELDS, "budget_income", "budget_expenses"}
)


def _report(cooperative: Cooperative, report_id: int) -> RatReport:
    """The cooperative's report version; another cooperative's is a 404."""
    report = RatReport.objects.filter(pk=report_id, cooperative=cooperative).first()
    if report is None:
        raise Http404("No such report.")
    return report


def _section_url(report: RatReport, slug: str) -> str:
    return reverse("web:backoffice-rat-section", args=[report.cooperative_id, report.pk, slug])


def _next_section(section: Section) -> Section:
    index = SECTIONS.index(section)
    return SECTIONS[min(index + 1, len(SECTIONS) - 1)]


def _require_writer(request: HttpRequest, cooperative: Cooperative) -> None:
    if not may_write_reports(request, cooperative):
        raise Http404("Only the cooperative's admins write its reports.")


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """The domain's refusals next to the fields; a refusal about a field of another page
    is shown above the form, naming that field."""
    error_dict = getattr(error, "error_dict", None) or {NON_FIELD_ERRORS: error.error_list}
    for field, errors in error_dict.items():
        for item in errors:
            message = item.messages[0]
            if field in form.fields:
                form.add_error(field, message)
            elif field in SECTION_OF_FIELD:
                form.add_error(None, f"{field_label(field)}: {message}")
            else:
                form.add_error(None, message)


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("current", "rat")
    context.setdefault("sections", SECTIONS)
    return render(request, f"web/backoffice/{template}", context)


# --- The reports and their versions --------------------------------------------------------


@login_required(login_url="web:sign-in")
def reports(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """Every year's versions, newest first; a button to start a year's report."""
    cooperative = cooperative_for_staff(request, cooperative_id)
    years: dict[int, list[RatReport]] = {}
    for report in RatReport.objects.filter(cooperative=cooperative).order_by(
        "-financial_year", "-version"
    ):
        years.setdefault(report.financial_year, []).append(report)
    today = timezone.localdate()
    return _render(
        request,
        "rat_reports.html",
        {
            "cooperative": cooperative,
            "years": sorted(years.items(), reverse=True),
            "may_write": may_write_reports(request, cooperative),
            "due_year": deadlines.latest_closed_financial_year(today),
            "status": selectors.cooperative_status(cooperative, today),
        },
    )


@login_required(login_url="web:sign-in")
def report_new(request: SignedInRequest, cooperative_id: int) -> HttpResponse:
    """Start a year's report: draft version 1, then the first section."""
    cooperative = cooperative_for_staff(request, cooperative_id)
    _require_writer(request, cooperative)
    today = timezone.localdate()
    years = list(range(today.year, today.year - YEARS_BACK, -1))
    form = NewReportForm(
        request.POST or None,
        years=years,
        initial={"financial_year": deadlines.latest_closed_financial_year(today)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.rat_report_create(
                cooperative=cooperative,
                financial_year=form.cleaned_data["financial_year"],
                actor=request.user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The draft is saved. Fill in one part at a time."))
            return HttpResponseRedirect(_section_url(report, SECTIONS[0].slug))
    return _render(request, "rat_new.html", {"cooperative": cooperative, "form": form})


@require_POST
@login_required(login_url="web:sign-in")
def report_correct(request: SignedInRequest, cooperative_id: int, report_id: int) -> HttpResponse:
    """A new draft version copied from the latest submitted one."""
    cooperative = cooperative_for_staff(request, cooperative_id)
    _require_writer(request, cooperative)
    report = _report(cooperative, report_id)
    try:
        draft = services.rat_report_correct(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return HttpResponseRedirect(reverse("web:backoffice-rat", args=[cooperative.pk]))
    messages.success(
        request,
        _(
            "Version %(version)s is a draft copied from the submitted report. Change what needs "
            "correcting, then submit it."
        )
        % {"version": draft.version},  # fmt: skip
    )
    return HttpResponseRedirect(_section_url(draft, SECTIONS[0].slug))


@login_required(login_url="web:sign-in")
def attachment_download(
    request: HttpRequest, cooperative_id: int, report_id: int, attachment_id: int
) -> FileResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    report = _report(cooperative, report_id)
    attachment = RatAttachment.objects.filter(pk=attachment_id, report=report).first()
    if attachment is None:
        raise Http404("No such attachment.")
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file_name or attachment.file.name.rsplit("/", 1)[-1],
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- One section a page --------------------------------------------------------------------


@login_required(login_url="web:sign-in")
def section(
    request: SignedInRequest, cooperative_id: int, report_id: int, slug: str
) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    report = _report(cooperative, report_id)
    page = SECTION_BY_SLUG.get(slug)
    if page is None:
        raise Http404("No such section.")
    if page.slug == "periksa" or not report.is_draft:
        return review(request, cooperative, report)
    if request.method == "POST":
        _require_writer(request, cooperative)
    context = {
        "cooperative": cooperative,
        "report": report,
        "section": page,
        "step": SECTIONS.index(page) + 1,
        "may_write": may_write_reports(request, cooperative),
    }
    if page.slug == "shu":
        return _shu(request, report, context)
    if page.slug == "lampiran":
        return _attachments(request, report, context)
    prefill = selectors.registry_member_counts(report) if page.slug == "rapat" else {}
    form = section_form(page, report, request.POST or None, prefill=prefill)
    context["from_registry"] = bool(prefill)
    if request.method == "POST" and form.is_valid():
        try:
            services.rat_report_update(report=report, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _saved(request, report, page)
    context["form"] = form
    return _render(request, "rat_section.html", context)


def _saved(request: HttpRequest, report: RatReport, page: Section) -> HttpResponse:
    following = _next_section(page)
    messages.success(
        request, _("Saved in the draft. Next: %(section)s.") % {"section": following.title}
    )
    return HttpResponseRedirect(_section_url(report, following.slug))


def _shu(request: SignedInRequest, report: RatReport, context: dict[str, Any]) -> HttpResponse:
    form, rows = shu_form(report, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rat_report_update(
                report=report, actor=request.user, shu_distribution=shu_lines_from(form, rows)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _saved(request, report, context["section"])
    context["form"] = form
    context["rows"] = [
        (form[f"name_{index}"], form[f"percentage_{index}"], form[f"amount_{index}"])
        for index in range(rows)
    ]
    return _render(request, "rat_shu.html", context)


def _attachments(
    request: SignedInRequest, report: RatReport, context: dict[str, Any]
) -> HttpResponse:
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.rat_attachment_upload(
                report=report,
                kind=form.cleaned_data["kind"],
                uploaded_file=upload,
                file_name=upload.name or "",
                actor=request.user,
                image_clean=image_clean,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The file is attached."))
            return HttpResponseRedirect(_section_url(report, "lampiran"))
    context["form"] = form
    context["attachments"] = list(report.attachments.all())
    context["next"] = _next_section(context["section"])
    return _render(request, "rat_attachments.html", context)


# --- Check and submit ----------------------------------------------------------------------


def _shown(report: RatReport, name: str) -> str:
    """A figure as the review page shows it; empty when not filled in."""
    value = getattr(report, name)
    if value is None or value == "":
        return ""
    if name == "method":
        return str(report.get_method_display())
    if name == "has_manager":
        return _("Yes") if value else _("No")
    if name == "rat_date":
        return formats.date_format(value, "j F Y")
    if name in AMOUNT_FIELDS:
        return format_rupiah(value)
    return str(value)


def _review_rows(report: RatReport, errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    rows = []
    for page in SECTIONS:
        if not page.fields:
            continue
        rows.append(
            {
                "section": page,
                "fields": [
                    (field_label(name), _shown(report, name), name, errors.get(name, []))
                    for name in page.fields
                ],
            }
        )
    return rows


def review(request: SignedInRequest, cooperative: Cooperative, report: RatReport) -> HttpResponse:
    """Everything on one page; for a draft the button that submits it (errors next to the
    figure they concern, with a link to its page); a submitted version read-only."""
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and report.is_draft:
        _require_writer(request, cooperative)
        try:
            services.rat_report_submit(report=report, actor=request.user)
        except ValidationError as error:
            for field, items in error.message_dict.items():
                errors[field] = items
        else:
            messages.success(request, _("The RAT report is submitted to the Dinas."))
            return HttpResponseRedirect(reverse("web:backoffice-rat", args=[cooperative.pk]))
    versions = list(selectors.rat_report_versions(report))
    context = {
        "cooperative": cooperative,
        "report": report,
        "section": SECTION_BY_SLUG["periksa"],
        "step": len(SECTIONS),
        "rows": _review_rows(report, errors),
        "shu_lines": list(report.shu_distribution.all()),
        "shu_errors": errors.get("shu_distribution", []),
        "other_errors": [
            message
            for field, items in errors.items()
            if field not in SECTION_OF_FIELD and field != "shu_distribution"
            for message in items
        ],
        "has_errors": bool(errors),
        "attachments": list(report.attachments.all()),
        "versions": versions,
        "is_latest": versions[-1].pk == report.pk,
        "may_write": may_write_reports(request, cooperative),
    }
    return _render(request, "rat_review.html", context)
