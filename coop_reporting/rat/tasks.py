"""Nightly recomputation of health assessments and activity flags (idempotent)."""

from __future__ import annotations

import logging

from celery import shared_task

from coop_reporting.rat import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def health_assessments_recompute_task() -> int:
    """Recompute every savings-unit cooperative's health assessments and refresh the
    RAT-overdue flags. Safe to run twice: results are upserts."""
    assessed = services.health_assessments_recompute()
    refreshed = services.cooperative_statuses_refresh()
    logger.info(
        "health_assessments_recomputed", extra={"assessed": assessed, "statuses": refreshed}
    )
    return assessed
