"""A producer's statement as PDF or XLSX, made by the worker through
``coop_reporting.exports.services``: a request, a progress page that refreshes itself
until the file is ready, and the download. Only staff of the export's cooperative (and
platform staff) reach any of them; anyone else gets 404."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from coop_reporting.exports import selectors, services
from coop_reporting.exports.models import ReportExport, ReportExportStatus
from web.backoffice.access import cooperative_for_staff
from web.backoffice.producers import _producer
from web.core.requests import SignedInRequest

FORMATS = ("pdf", "xlsx")
REFRESH_SECONDS = 2


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@login_required(login_url="web:sign-in")
@require_POST
def statement_export(
    request: SignedInRequest, cooperative_id: int, producer_id: int
) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    producer = _producer(cooperative, producer_id)
    starts_on = request.POST.get("starts_on", "")
    ends_on = request.POST.get("ends_on", "")
    back = reverse("web:backoffice-statement", args=[cooperative.pk, producer.pk])
    back += "?" + urlencode({"starts_on": starts_on, "ends_on": ends_on})
    file_format = request.POST.get("format", "")
    try:
        prepared = services.report_export_prepare(
            kind="producer_statement",
            file_format=file_format if file_format in FORMATS else "",
            parameters={
                "producer_id": producer.pk,
                "starts_on": _date(starts_on),
                "ends_on": _date(ends_on),
            },
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return HttpResponseRedirect(back)
    export = services.report_export_create(request=prepared, requested_by=request.user)
    return HttpResponseRedirect(reverse("web:backoffice-export", args=[cooperative.pk, export.pk]))


def _export(cooperative_id: int, export_id: uuid.UUID) -> ReportExport:
    export = selectors.report_export_get(export_id)
    if export is None or export.cooperative_id != cooperative_id:
        raise Http404("No such export.")
    return export


@login_required(login_url="web:sign-in")
@require_GET
def export_status(request: HttpRequest, cooperative_id: int, export_id: uuid.UUID) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    export = _export(cooperative.pk, export_id)
    waiting = export.status in (ReportExportStatus.PENDING, ReportExportStatus.RUNNING)
    return render(
        request,
        "web/backoffice/export.html",
        {
            "cooperative": cooperative,
            "export": export,
            "waiting": waiting,
            "ready": export.status == ReportExportStatus.SUCCESS and bool(export.file),
            "refresh": REFRESH_SECONDS,
            "current": "producers",
        },
    )


@login_required(login_url="web:sign-in")
@require_GET
def export_download(
    request: HttpRequest, cooperative_id: int, export_id: uuid.UUID
) -> FileResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    export = _export(cooperative.pk, export_id)
    if export.status != ReportExportStatus.SUCCESS or not export.file:
        raise Http404("Not ready.")
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file_name,
        content_type=export.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
