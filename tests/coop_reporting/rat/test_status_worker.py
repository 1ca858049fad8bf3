"""A real Celery worker refreshes the RAT-overdue flag right after a RAT report is
submitted or the cooperative's RAT deadline changes (sent on transaction commit)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone

from coop_reporting.rat import deadlines, services
from coop_reporting.sales import services as sales_services
from coop_reporting.sales.models import CooperativeFlag
from tests.factories.coop_rat import draft_report
from tests.factories.village_hubs import CooperativeFactory
from tests.helpers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def rat_overdue_open(cooperative) -> bool:
    return CooperativeFlag.objects.filter(
        cooperative=cooperative, kind="rat_overdue", cleared_at__isnull=True
    ).exists()


def test_worker_clears_the_overdue_flag_after_submission_and_deadline_changes(start_worker):
    # given two cooperatives flagged for an overdue RAT on the last closed financial year
    year = deadlines.latest_closed_financial_year(timezone.localdate())
    submitting, extended = CooperativeFactory(), CooperativeFactory()
    for cooperative in (submitting, extended):
        sales_services.cooperative_flags_set(
            cooperative=cooperative, kind="rat_overdue", active=True, reason="Belum RAT."
        )
    report = draft_report(submitting, financial_year=year, rat_date=timezone.localdate())
    start_worker(broker_url=settings.CELERY_BROKER_URL)

    # when one submits its report, and the other's articles move its deadline to 12 months
    # after the year end (not passed yet: today lies in the year after the closed one)
    services.rat_report_submit(report=report, actor=None)
    services.rat_deadline_override_set(cooperative=extended, months_after_year_end=12)

    # then the worker clears both flags
    wait_for(lambda: not rat_overdue_open(submitting), timeout=60, what="flag cleared on submit")
    wait_for(lambda: not rat_overdue_open(extended), timeout=60, what="flag cleared on deadline")
    assert CooperativeFlag.objects.filter(kind="rat_overdue", cleared_at__isnull=False).count() == 2
