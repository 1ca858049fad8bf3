"""Reads of report exports."""

from __future__ import annotations

import uuid

from coop_reporting.exports.models import ReportExport


def report_export_get(export_id: uuid.UUID | str) -> ReportExport | None:
    """The export with this id, or None (also for ids that are not UUIDs)."""
    try:
        key = uuid.UUID(str(export_id))
    except ValueError:
        return None
    return ReportExport.objects.select_related("cooperative").filter(pk=key).first()
