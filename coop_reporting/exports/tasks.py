"""Celery tasks of report exports (ids as arguments; safe to run twice)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from coop_reporting.exports import services


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),  # lost connection: try again, no harm done
    retry_backoff=True,
    max_retries=5,
)
def report_export_generate_task(export_id: str) -> None:
    """Make the file of one requested export (``services.report_export_generate``)."""
    services.report_export_generate(export_id=export_id)
