"""The district desk's pages. Each reads through ``coop_reporting``'s selectors and
services, the same ones the API's district view calls; ``access`` decides who sees what."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coop_reporting.consultation import selectors as consultation_selectors
from coop_reporting.district import kinds
from coop_reporting.district import selectors as district_selectors
from coop_reporting.district.exports import region_names
from coop_reporting.district.models import ActivityStatus
from coop_reporting.exports.links import download_path
from coop_reporting.exports.models import ReportExport, ReportExportStatus
from coop_reporting.exports.services import report_export_create, report_export_prepare
from coop_reporting.rat.models import HealthAssessment, RatAttachment, RatReport
from coop_reporting.sales import selectors as sales_selectors
from coop_reporting.supervision.selectors import SupervisionScope
from marketplace.accounts.models import User
from marketplace.regions.models import Province, Regency
from marketplace.village_hubs.models import CooperativeJenis
from web.dinas.access import dinas_required, readable_export, supervised_cooperative
from web.dinas.charts import monthly_bars
from web.dinas.forms import PAGE_SIZE, DistrictListForm, YearForm

REFRESH_SECONDS = 3


def _export_context(request: HttpRequest) -> dict[str, object]:
    """The export buttons, and the page's filters to send with them."""
    return {
        "export_buttons": [
            ("xlsx", _("Download the list (XLSX)")),
            ("csv", _("Download the list (CSV)")),
            ("pdf", _("Download the report (PDF)")),
        ],
        "export_fields": [
            (key, value)
            for key, values in request.GET.lists()
            if key != "halaman"
            for value in values
        ],
    }


def _region_choices(scope: SupervisionScope) -> list[tuple[str, str]]:
    """The regions an officer can narrow the list to: their provinces and regencies (and
    the regencies of their provinces); platform staff: the provinces."""
    if scope.everything:
        return list(Province.objects.order_by("code").values_list("code", "name"))
    provinces = list(
        Province.objects.filter(code__in=scope.province_codes)
        .order_by("code")
        .values_list("code", "name")
    )
    regencies = list(
        Regency.objects.filter(
            Q(code__in=scope.regency_codes) | Q(province_id__in=scope.province_codes)
        )
        .order_by("code")
        .values_list("code", "name")
    )
    return [(code, _("Province %(name)s") % {"name": name}) for code, name in provinces] + regencies


def _scope_name(scope: SupervisionScope) -> str:
    regions = [] if scope.everything else sorted(scope.regency_codes | scope.province_codes)
    return region_names(None, regions)


@require_GET
@dinas_required
def overview(request: HttpRequest, *, scope: SupervisionScope) -> HttpResponse:
    today = district_selectors.local_today()
    form = YearForm(
        request.GET or None, current_year=district_selectors.current_financial_year(today)
    )
    year = form.year()
    totals = district_selectors.district_totals(scope, financial_year=year, today=today)
    chart = monthly_bars([(month.month, month.sales) for month in totals.monthly])
    statuses = [
        (label, totals.by_activity_status.get(value, 0), value)
        for value, label in ActivityStatus.choices
    ]
    health = sorted(
        (category or _("Not assessed"), count)
        for category, count in totals.by_health_category.items()
    )
    flags = [
        (sales_selectors.flag_label(kind), count, kind) for kind, count in totals.by_flag.items()
    ]
    flagged_rows = (
        district_selectors.district_summaries(
            scope,
            financial_year=year,
            today=today,
            filters=district_selectors.DistrictFilters(flagged=True),
        )
        .order_by("name")
        .values("cooperative_id", "name", "open_flag_kinds")[:50]
    )
    flagged = [
        {
            "id": row["cooperative_id"],
            "name": row["name"],
            "flags": [sales_selectors.flag_label(kind) for kind in row["open_flag_kinds"]],
        }
        for row in flagged_rows
    ]
    return render(
        request,
        "web/dinas/overview.html",
        {
            "form": form,
            "year": year,
            "region": _scope_name(scope),
            "totals": totals,
            "statuses": statuses,
            "health": health,
            "flags": flags,
            "flagged": flagged,
            "chart": chart,
            "open_questions": consultation_selectors.open_questions_by_cooperative(scope),
            "median_first_answer": consultation_selectors.median_time_to_first_answer(scope),
            **_export_context(request),
        },
    )


def _list_form(request: HttpRequest, scope: SupervisionScope, data: object) -> DistrictListForm:
    today = district_selectors.local_today()
    return DistrictListForm(
        data or None,
        regions=_region_choices(scope),
        current_year=district_selectors.current_financial_year(today),
    )


@require_GET
@dinas_required
def cooperatives(request: HttpRequest, *, scope: SupervisionScope) -> HttpResponse:
    today = district_selectors.local_today()
    form = _list_form(request, scope, request.GET)
    year = form.year()
    rows = district_selectors.district_summaries(
        scope, financial_year=year, today=today, filters=form.filters()
    ).order_by(*form.order_by())
    page = Paginator(rows, PAGE_SIZE).get_page(form.page())
    items = list(page.object_list)
    status_labels = dict(ActivityStatus.choices)
    jenis_labels = dict(CooperativeJenis.choices)
    regency_names = dict(
        Regency.objects.filter(code__in={row.regency_code for row in items}).values_list(
            "code", "name"
        )
    )
    for row in items:
        row.status_label = status_labels[
            district_selectors.activity_status(row.last_rat_date, row.last_sale_date, today)
        ]
        row.regency_name = regency_names.get(row.regency_code, row.regency_code)
        row.jenis_label = jenis_labels.get(row.jenis, row.jenis)
        row.flag_labels = [sales_selectors.flag_label(kind) for kind in row.open_flag_kinds]
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "web/dinas/list.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "rows": items,
            "query": query.urlencode(),
            "region": _scope_name(scope),
            **_export_context(request),
        },
    )


@dataclass(frozen=True)
class _FlagShown:
    """An open early warning as the cooperative page lists it."""

    label: str
    raised_at: datetime.datetime
    reason: str


@require_GET
@dinas_required
def cooperative(
    request: HttpRequest, cooperative_id: int, *, scope: SupervisionScope
) -> HttpResponse:
    coop = supervised_cooperative(scope, cooperative_id)
    today = district_selectors.local_today()
    form = YearForm(
        request.GET or None, current_year=district_selectors.current_financial_year(today)
    )
    year = form.year()
    profile = sales_selectors.cooperative_activity_profile(coop, year)
    months = sales_selectors.cooperative_sales_by_month(coop, year)
    chart = monthly_bars([(month.month, month.volume_usaha) for month in months])
    reports = list(
        RatReport.objects.filter(cooperative=coop)
        .order_by("-financial_year", "-version")
        .prefetch_related("attachments")
    )
    health = (
        HealthAssessment.objects.filter(cooperative=coop)
        .order_by("-financial_year", "-computed_at")
        .first()
    )
    flags = [
        _FlagShown(
            label=sales_selectors.flag_label(flag.kind),
            raised_at=flag.raised_at,
            reason=flag.reason,
        )
        for flag in sales_selectors.cooperative_open_flags(coop)
    ]
    return render(
        request,
        "web/dinas/cooperative.html",
        {
            "coop": coop,
            "form": form,
            "year": year,
            "profile": profile,
            "months": months,
            "chart": chart,
            "reports": reports,
            "health": health,
            "flags": flags,
            "threads": consultation_selectors.cooperative_threads(coop),
        },
    )


@require_GET
@dinas_required
def rat_attachment(
    request: HttpRequest, cooperative_id: int, attachment_id: int, *, scope: SupervisionScope
) -> FileResponse:
    coop = supervised_cooperative(scope, cooperative_id)
    attachment = RatAttachment.objects.filter(pk=attachment_id, report__cooperative=coop).first()
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file_name or attachment.file.name.rsplit("/", 1)[-1],
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


EXPORT_FORMATS = {
    "xlsx": (kinds.DISTRICT_LIST.key, "xlsx"),
    "csv": (kinds.DISTRICT_LIST.key, "csv"),
    "pdf": (kinds.DISTRICT_REPORT.key, "pdf"),
}


@require_POST
@dinas_required
def export_request(request: HttpRequest, *, scope: SupervisionScope) -> HttpResponse:
    """Ask a worker for the district list (XLSX/CSV) or report (PDF) of the list's
    filters, through the export service the API's ``reportExportRequest`` uses."""
    wanted = EXPORT_FORMATS.get(request.POST.get("format", ""))
    if wanted is None:
        raise Http404
    form = _list_form(request, scope, request.POST)
    filters = form.filters()
    try:
        prepared = report_export_prepare(
            kind=wanted[0],
            file_format=wanted[1],
            parameters={
                "scope": scope,
                "filters": filters,
                "sort": form.export_sort(),
                "financial_year": form.year(),
            },
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("web:dinas-list"))
    assert isinstance(request.user, User)  # dinas_required: signed in
    export = report_export_create(request=prepared, requested_by=request.user)
    return redirect(reverse("web:dinas-export", args=[export.pk]))


def _export_state(request: HttpRequest, export: ReportExport) -> dict[str, object]:
    assert isinstance(request.user, User)  # dinas_required: signed in
    ready = export.status == ReportExportStatus.SUCCESS and bool(export.file)
    return {
        "status": export.status,
        "label": export.get_status_display(),
        "ready": ready,
        "failed": export.status == ReportExportStatus.FAILED,
        "url": download_path(export, request.user) if ready else None,
        "error": export.error or None,
    }


@require_GET
@dinas_required
def export(request: HttpRequest, export_id: uuid.UUID, *, scope: SupervisionScope) -> HttpResponse:
    item = readable_export(request, scope, export_id)
    state = _export_state(request, item)
    return render(
        request,
        "web/dinas/export.html",
        {
            "export": item,
            "state": state,
            "kind_label": kinds.DISTRICT_REPORT.label
            if item.kind == kinds.DISTRICT_REPORT.key
            else kinds.DISTRICT_LIST.label,
            "refresh": None if state["ready"] or state["failed"] else REFRESH_SECONDS,
        },
    )


@require_GET
@dinas_required
def export_status(
    request: HttpRequest, export_id: uuid.UUID, *, scope: SupervisionScope
) -> JsonResponse:
    item = readable_export(request, scope, export_id)
    response = JsonResponse(_export_state(request, item))
    response["Cache-Control"] = "private, no-store"
    return response
