"""Nightly rebuild of the reporting summaries (idempotent)."""

from __future__ import annotations

from celery import shared_task

from coop_reporting.district import services


@shared_task(acks_late=True)
def reporting_summaries_rebuild_task() -> int:
    """Recompute every cooperative's summary row: moves the rows to a new financial year
    when one starts, and catches anything a refresh missed. Safe to run twice."""
    return services.reporting_summaries_rebuild()
