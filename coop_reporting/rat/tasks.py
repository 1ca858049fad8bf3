"""Health assessments recomputed nightly; a cooperative's status and warnings refreshed
after its RAT data changed (idempotent, ids as arguments)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from coop_reporting.rat import services
from marketplace.village_hubs.models import Cooperative

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def health_assessments_recompute_task() -> int:
    """Nightly: recompute every savings-unit cooperative's health assessments (rules may
    have changed). Safe to run twice: results are upserts. The RAT-overdue flags are
    refreshed nightly by ``coop_reporting.tasks.cooperative_flags_recompute_task``."""
    assessed = services.health_assessments_recompute()
    logger.info("health_assessments_recomputed", extra={"assessed": assessed})
    return assessed


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),  # deadlock or lost connection: run again, no harm
    retry_backoff=True,
    max_retries=8,
)
def cooperative_status_refresh_task(cooperative_id: int) -> None:
    """Refresh one cooperative's status and early warnings (RAT overdue, sales); sent
    after commit when a RAT report is submitted or its RAT deadline changes."""
    cooperative = Cooperative.objects.filter(pk=cooperative_id).first()
    if cooperative is None:
        return
    services.cooperative_status_refresh(cooperative=cooperative)
