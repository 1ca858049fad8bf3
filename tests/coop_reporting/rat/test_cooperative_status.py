"""Activity status (coop-health.md §4): aktif over three years, RAT this year, overdue."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from coop_reporting.rat import selectors, services
from coop_reporting.rules import early_warning
from coop_reporting.sales import services as sales_services
from coop_reporting.sales.models import CooperativeFlag
from marketplace.village_hubs.models import VillageHub
from tests.coop_reporting.sales.conftest import cancel, paid_order
from tests.factories.coop_rat import draft_report, submitted_report
from tests.factories.village_hubs import CooperativeFactory, ProducerFactory, VillageHubFactory

pytestmark = pytest.mark.django_db


def test_rat_within_three_years_makes_a_cooperative_aktif():
    # given: the RAT for 2022 held on 20 May 2023
    cooperative = CooperativeFactory()
    submitted_report(cooperative, financial_year=2022, rat_date=datetime.date(2023, 5, 20))
    # when / then
    on_edge = selectors.cooperative_status(cooperative, datetime.date(2026, 5, 20))
    after = selectors.cooperative_status(cooperative, datetime.date(2026, 5, 21))
    assert on_edge.aktif is True
    assert on_edge.last_rat_date == datetime.date(2023, 5, 20)
    assert after.aktif is False


def test_never_holding_a_rat_is_not_aktif_and_overdue_after_the_deadline():
    cooperative = CooperativeFactory()

    before_deadline = selectors.cooperative_status(cooperative, datetime.date(2026, 6, 30))
    after_deadline = selectors.cooperative_status(
        cooperative, datetime.date(2026, 7, 5), has_recent_sales=True
    )

    assert before_deadline.aktif is False
    assert before_deadline.rat_overdue is False
    assert after_deadline.rat_overdue is True
    assert after_deadline.overdue_financial_year == 2025
    assert after_deadline.overdue_deadline == datetime.date(2026, 6, 30)
    assert after_deadline.days_overdue == 5
    assert after_deadline.has_recent_sales is True


def test_a_draft_does_not_count_but_a_submitted_report_does():
    cooperative = CooperativeFactory()
    report = draft_report(cooperative)  # RAT on 15 March 2026
    today = datetime.date(2026, 8, 1)

    drafted = selectors.cooperative_status(cooperative, today)
    services.rat_report_submit(report=report, actor=None)
    submitted = selectors.cooperative_status(cooperative, today)

    assert (drafted.aktif, drafted.rat_held_this_year, drafted.rat_overdue) == (False, False, True)
    assert (submitted.aktif, submitted.rat_held_this_year, submitted.rat_overdue) == (
        True,
        True,
        False,
    )


def test_rat_held_last_year_is_aktif_but_not_this_year():
    cooperative = CooperativeFactory()
    submitted_report(cooperative, financial_year=2024, rat_date=datetime.date(2025, 4, 1))

    status = selectors.cooperative_status(cooperative, datetime.date(2026, 3, 1))

    assert status.aktif is True
    assert status.rat_held_this_year is False
    assert status.rat_overdue is False  # 2025's deadline is 30 June 2026


def test_overdue_follows_the_cooperatives_own_deadline():
    cooperative = CooperativeFactory()
    services.rat_deadline_override_set(cooperative=cooperative, months_after_year_end=3)

    status = selectors.cooperative_status(cooperative, datetime.date(2026, 4, 2))

    assert status.rat_overdue is True
    assert status.overdue_deadline == datetime.date(2026, 3, 31)


def open_flags(cooperative) -> dict[str, str]:
    return dict(
        CooperativeFlag.objects.filter(
            cooperative=cooperative, cleared_at__isnull=True
        ).values_list("kind", "reason")
    )


def test_overdue_rat_raises_a_flag_naming_year_and_deadline_in_indonesian():
    # given a cooperative without any RAT report, on 5 July 2026
    cooperative = CooperativeFactory()
    # when its status is refreshed (as the nightly task does)
    status = services.cooperative_status_refresh(
        cooperative=cooperative, today=datetime.date(2026, 7, 5)
    )
    # then the RAT for 2025 is overdue and flagged through the shared flag mechanism
    assert status.rat_overdue is True
    assert open_flags(cooperative)["rat_overdue"] == (
        "Laporan RAT tahun buku 2025 belum disampaikan: batas waktunya 30 Juni 2026, "
        "6 bulan setelah akhir tahun buku sesuai peraturan."
    )


def test_overdue_flag_names_the_cooperatives_own_deadline_and_clears_when_submitted():
    # given a cooperative whose articles set the RAT 3 months after the year end
    cooperative = CooperativeFactory()
    services.rat_deadline_override_set(cooperative=cooperative, months_after_year_end=3)
    services.cooperative_status_refresh(cooperative=cooperative, today=datetime.date(2026, 4, 2))
    assert open_flags(cooperative)["rat_overdue"] == (
        "Laporan RAT tahun buku 2025 belum disampaikan: batas waktunya 31 Maret 2026, "
        "3 bulan setelah akhir tahun buku sesuai aturan koperasi sendiri."
    )
    raised = CooperativeFlag.objects.get(cooperative=cooperative, kind="rat_overdue")
    # when the 2025 report (RAT held late, on 15 April) is submitted and status refreshed
    submitted_report(cooperative, rat_date=datetime.date(2026, 4, 15))
    services.cooperative_status_refresh(cooperative=cooperative, today=datetime.date(2026, 4, 20))
    # then the flag is cleared and kept as history
    assert "rat_overdue" not in open_flags(cooperative)
    raised.refresh_from_db()
    assert raised.cleared_at is not None


def test_status_has_recent_sales_from_the_rollups_within_the_rules_window(settings):
    # given a cooperative whose last sale (paid 10:00 WITA) was on 1 May 2026
    cooperative = CooperativeFactory()
    producer = ProducerFactory(cooperative=cooperative)
    hub = VillageHubFactory(time_zone=VillageHub.TimeZone.WITA)
    order = paid_order(
        hub, [(producer, 1, 15_000)], paid_at=datetime.datetime(2026, 5, 1, 2, tzinfo=datetime.UTC)
    )
    sales_services.order_sales_record(order_id=str(order.pk))
    # then: 59 days later it still has recent sales, 60 days later not (60 from the rules)
    assert early_warning.early_warning_rules()["no_sales"]["days"] == 60
    recent = selectors.cooperative_status(cooperative, datetime.date(2026, 6, 29))
    idle = selectors.cooperative_status(cooperative, datetime.date(2026, 6, 30))
    assert (recent.has_recent_sales, recent.last_sale_date) == (True, datetime.date(2026, 5, 1))
    assert (idle.has_recent_sales, idle.last_sale_date) == (False, datetime.date(2026, 5, 1))
    # a sale reversed is no business activity
    cancel(order)
    sales_services.order_sales_record(order_id=str(order.pk))
    reversed_ = selectors.cooperative_status(cooperative, datetime.date(2026, 5, 2))
    assert (reversed_.has_recent_sales, reversed_.last_sale_date) == (False, None)
    # a deployment may set its own window
    settings.COOP_WARNING_NO_SALES_DAYS = 10
    assert (
        selectors.cooperative_status(cooperative, datetime.date(2026, 5, 2)).has_recent_sales
        is False
    )


def test_submitting_or_changing_the_deadline_enqueues_a_status_refresh_after_commit(
    django_capture_on_commit_callbacks,
):
    cooperative = CooperativeFactory()
    report = draft_report(cooperative)
    with django_capture_on_commit_callbacks() as callbacks:
        services.rat_report_submit(report=report, actor=None)
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks() as callbacks:
        services.rat_deadline_override_set(cooperative=cooperative, months_after_year_end=4)
        services.rat_deadline_override_set(cooperative=cooperative, months_after_year_end=None)
    assert len(callbacks) == 2
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError):
        services.rat_deadline_override_set(cooperative=cooperative, months_after_year_end=13)
    assert callbacks == []
