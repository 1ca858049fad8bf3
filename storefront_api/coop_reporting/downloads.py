"""``GET /reports/exports/<uuid>/download/``: the file of a finished report export.

Who: the user named in the link's signed token (``?token=``, from ``ReportExport.url``;
for browsers, which cannot send headers on a plain link) or, without a token, the user of
the ``Authorization`` header. Either way the view checks that this user may read the
export now (``can_read_export``). 404 when the export does not exist or is not ready,
403 when nobody, or somebody else, asks.
"""

from __future__ import annotations

from types import SimpleNamespace

import jwt
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.views.decorators.http import require_GET

from coop_reporting.exports import selectors
from coop_reporting.exports.links import user_from_download_token
from coop_reporting.exports.models import ReportExport, ReportExportStatus
from marketplace.accounts.models import User
from storefront_api.coop_reporting.exports import can_read_export
from storefront_api.core.auth import authenticate_request


def _header_user(request: HttpRequest) -> User | None:
    authenticate_request(request)
    try:
        user = request.user
        return user if user.is_authenticated and user.is_active else None
    except jwt.PyJWTError:  # a bad, expired or revoked token: no user
        return None


def _requesting_user(request: HttpRequest, export: ReportExport) -> User | None:
    token = request.GET.get("token")
    if token:
        return user_from_download_token(export, token)
    return _header_user(request)


@require_GET
def report_export_download(request: HttpRequest, export_id: str) -> HttpResponse | FileResponse:
    export = selectors.report_export_get(export_id)
    if export is None or export.status != ReportExportStatus.SUCCESS or not export.file:
        raise Http404
    user = _requesting_user(request, export)
    request.user = user if user is not None else AnonymousUser()
    if user is None or not can_read_export(SimpleNamespace(context=request), export):
        return HttpResponseForbidden()
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file_name,
        content_type=export.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
