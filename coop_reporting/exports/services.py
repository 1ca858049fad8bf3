"""Requesting report files and making them (in the worker).

``report_export_prepare`` checks a request without writing anything, so the API can check
permissions on the cleaned parameters first; ``report_export_create`` stores it and
sends the task after commit; ``report_export_generate`` (the task's body) builds the file
once: a re-delivered task finds the export finished and does nothing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coop_reporting.exports import registry
from coop_reporting.exports.error_codes import ReportExportErrorCode
from coop_reporting.exports.models import ReportExport, ReportExportStatus
from marketplace.core.exceptions import field_error

if TYPE_CHECKING:
    from marketplace.accounts.models import User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportRequest:
    """A checked request: its kind, format and the parameters to store."""

    kind: registry.ExportKind
    format: str
    parameters: dict[str, Any]

    @property
    def cooperative_id(self) -> int | None:
        return self.parameters.get("cooperative_id")


def report_export_prepare(
    *, kind: str, file_format: str, parameters: Mapping[str, Any]
) -> ExportRequest:
    """Check a request. ``parameters``: what the kind needs (``cooperative_id``,
    ``producer_id``, ``starts_on``, ``ends_on``, ``financial_year``); unknown ones are
    ignored by the kinds that do not use them.

    ReportExportErrorCode on ``kind`` (INVALID: no such kind), ``format``
    (UNSUPPORTED_FORMAT) and on the parameters' request fields (see each kind's ``clean``).
    """
    export_kind = registry.get_kind(kind)
    if export_kind is None:
        raise field_error("kind", _("Unknown kind of report."), ReportExportErrorCode.INVALID)
    if file_format not in export_kind.formats:
        raise field_error(
            "format",
            _("This report cannot be exported as %(format)s.")
            % {"format": str(file_format).upper()},
            ReportExportErrorCode.UNSUPPORTED_FORMAT,
        )
    return ExportRequest(
        kind=export_kind, format=file_format, parameters=export_kind.clean(parameters)
    )


@transaction.atomic
def report_export_create(
    *, request: ExportRequest, requested_by: User | None, language: str | None = None
) -> ReportExport:
    """Store a checked request as a pending export and, after commit, ask a worker to
    make it. ``language``: of the file (default: the active language)."""
    export = ReportExport.objects.create(
        kind=request.kind.key,
        format=request.format,
        parameters=request.parameters,
        cooperative_id=request.cooperative_id,
        requested_by=requested_by,
        language=_language(language),
    )
    from coop_reporting.exports.tasks import report_export_generate_task

    export_id = str(export.pk)
    transaction.on_commit(lambda: report_export_generate_task.delay(export_id))
    logger.info(
        "report_export_requested",
        extra={
            "export_id": export_id,
            "kind": export.kind,
            "format": export.format,
            "actor_id": getattr(requested_by, "pk", None),
        },
    )
    return export


def _language(language: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in codes else settings.LANGUAGE_CODE


def _claim(export_id: uuid.UUID | str) -> ReportExport | None:
    """Mark the export RUNNING; None when it does not exist or is finished already."""
    with transaction.atomic():
        export = ReportExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status in (
            ReportExportStatus.SUCCESS,
            ReportExportStatus.FAILED,
        ):
            return None
        export.status = ReportExportStatus.RUNNING
        export.started_at = timezone.now()
        export.save(update_fields=["status", "started_at"])
        return export


def _fail(export: ReportExport, message: str) -> ReportExport:
    export.status = ReportExportStatus.FAILED
    export.error = message
    export.finished_at = timezone.now()
    export.save(update_fields=["status", "error", "finished_at"])
    logger.warning("report_export_failed", extra={"export_id": str(export.pk), "kind": export.kind})
    return export


def report_export_generate(*, export_id: uuid.UUID | str) -> ReportExport | None:
    """Make the file of one export and store it (SUCCESS), or record why it could not be
    made (FAILED, with a message for the requester in their language). Finished exports
    are left alone, so running it twice is harmless. Database errors propagate (the
    task retries them)."""
    export = _claim(export_id)
    if export is None:
        return ReportExport.objects.filter(pk=export_id).first()
    with translation.override(export.language):
        kind = registry.get_kind(export.kind)
        if kind is None:
            return _fail(export, gettext("This kind of report is no longer available."))
        try:
            built = kind.build(export.parameters, export.format)
        except DatabaseError:
            raise
        except registry.ExportFailed as exc:
            return _fail(export, str(exc))
        except ValidationError as exc:
            return _fail(export, "; ".join(exc.messages))
        except Exception:
            logger.exception("report_export_error", extra={"export_id": str(export.pk)})
            return _fail(
                export,
                gettext("The report could not be made because of an error. Please try again."),
            )
    body = ContentFile(built.content) if built.file is None else File(built.file)
    size = body.size
    try:
        export.file.save(built.name, body, save=False)
    except OSError:
        logger.exception("report_export_storage_error", extra={"export_id": str(export.pk)})
        with translation.override(export.language):
            return _fail(export, gettext("The report file could not be stored. Please try again."))
    finally:
        built.close()
    export.file_name = built.name
    export.content_type = built.content_type()
    export.size = size
    export.status = ReportExportStatus.SUCCESS
    export.error = ""
    export.finished_at = timezone.now()
    export.save(
        update_fields=[
            "file", "file_name", "content_type", "size", "status", "error", "finished_at",
        ]
    )  # fmt: skip
    logger.info(
        "report_export_ready",
        extra={"export_id": str(export.pk), "kind": export.kind, "size": export.size},
    )
    return export
