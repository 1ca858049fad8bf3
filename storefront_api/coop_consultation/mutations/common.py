"""Uploaded files of a consultation mutation, as the service takes them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from coop_reporting.consultation.error_codes import ConsultationErrorCode
from coop_reporting.consultation.services import ATTACHMENTS_FIELD, Upload
from marketplace.core.exceptions import field_error


def uploads(values: Any) -> list[Upload]:
    """The multipart files sent as ``attachments`` (a string there was not a file)."""
    files = []
    for value in values or ():
        if value is None or isinstance(value, str):
            raise field_error(
                ATTACHMENTS_FIELD,
                _("Send each file in a multipart request."),
                ConsultationErrorCode.REQUIRED,
            )
        files.append(Upload(name=getattr(value, "name", "") or "", content=value))
    return files
