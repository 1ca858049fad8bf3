"""Signed download tokens of report exports: a token names the export and the user it was
made for, and expires after ``settings.REPORT_EXPORT_LINK_MAX_AGE`` seconds. The download
view (``/reports/exports/<uuid>/download/?token=``) checks it, then checks again that the
user may still read the export. Used by the API's ``ReportExport.url`` and the pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.urls import reverse

from coop_reporting.exports.models import ReportExport
from marketplace.accounts.models import User

DOWNLOAD_SALT = "coop_exports.download"


def download_token(export: ReportExport, user: User) -> str:
    return signing.TimestampSigner(salt=DOWNLOAD_SALT).sign_object(
        {"export": str(export.pk), "user": user.pk}
    )


def user_from_download_token(export: ReportExport, token: str) -> User | None:
    """The user a download token was made for, if it is genuine, for this export, not
    expired and the user is still active."""
    try:
        data = signing.TimestampSigner(salt=DOWNLOAD_SALT).unsign_object(
            token, max_age=settings.REPORT_EXPORT_LINK_MAX_AGE
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or data.get("export") != str(export.pk):
        return None
    user_id = data.get("user")
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def download_path(export: ReportExport, user: User) -> str:
    """The download view's path with a token signed for ``user`` (no host)."""
    path = reverse("report-export-download", args=[str(export.pk)])
    return f"{path}?{urlencode({'token': download_token(export, user)})}"
