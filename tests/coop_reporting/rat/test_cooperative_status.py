"""Activity status (coop-health.md §4): aktif over three years, RAT this year, overdue."""

from __future__ import annotations

import datetime
from unittest.mock import Mock

import pytest

from coop_reporting.rat import selectors, services
from tests.factories.coop_rat import draft_report, submitted_report
from tests.factories.village_hubs import CooperativeFactory

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


def test_refresh_raises_the_overdue_flag_through_the_flag_service(monkeypatch):
    cooperative = CooperativeFactory()
    flags_set = Mock()
    monkeypatch.setattr(services, "_flag_service", lambda: flags_set)

    services.cooperative_status_refresh(cooperative=cooperative, today=datetime.date(2026, 7, 5))

    flags_set.assert_called_once()
    kwargs = flags_set.call_args.kwargs
    assert (kwargs["cooperative"], kwargs["kind"], kwargs["active"]) == (
        cooperative,
        "rat_overdue",
        True,
    )
    assert "2025" in kwargs["reason"]
