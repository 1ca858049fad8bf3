"""RAT reports: figures that must add up, deadlines, immutability and versions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from coop_reporting.rat import deadlines, selectors, services
from coop_reporting.rat.models import RatReport, ShuDistributionLine
from tests.factories.accounts import UserFactory
from tests.factories.coop_rat import (
    FINANCIAL_YEAR,
    JUTA,
    balanced_figures,
    draft_report,
    shu_lines,
    submitted_report,
)
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db


def codes(exc: ValidationError) -> dict[str, list[str]]:
    return {field: [error.code for error in errors] for field, errors in exc.error_dict.items()}


def snapshot(report: RatReport) -> dict:
    report.refresh_from_db()
    values = {field.attname: getattr(report, field.attname) for field in report._meta.fields}
    values.pop("updated_at")
    lines = list(report.shu_distribution.values_list("name", "percentage", "amount"))
    return {"report": values, "lines": lines}


def test_balanced_report_is_submitted_and_on_time():
    # given
    cooperative = CooperativeFactory()
    pengurus = UserFactory()
    report = draft_report(cooperative, actor=pengurus)
    # when
    report = services.rat_report_submit(report=report, actor=pengurus)
    # then
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.submitted_by == pengurus
    assert report.submitted_at is not None
    assert report.deadline == datetime.date(2026, 6, 30)  # 6 months after 31 Dec 2025
    assert report.days_late == 0
    assert report.is_late is False
    assert [line.name for line in report.shu_distribution.all()] == [
        "Dana cadangan",
        "Jasa anggota",
        "Dana pengurus dan pengawas",
        "Dana pendidikan",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        # fixed assets 300 → 350: total assets 1,000 is no longer the sum (1,050)
        ({"fixed_assets": 350 * JUTA}, "total_assets", "total_mismatch"),
        # cadangan 150 → 100: total equity 700 is no longer the sum (650)
        ({"equity_cadangan": 100 * JUTA}, "total_equity", "total_mismatch"),
        # liabilities + equity said 1,100 while 200 + 100 + 700 = 1,000 and assets 1,000
        (
            {"total_liabilities_and_equity": 1_100 * JUTA},
            "total_liabilities_and_equity",
            "total_mismatch",
        ),
        # a neraca whose totals add up but assets (1,050) ≠ liabilities + equity (1,000)
        (
            {"other_assets": 250 * JUTA, "total_assets": 1_050 * JUTA},
            "total_liabilities_and_equity",
            "balance_sheet_unbalanced",
        ),
        # SHU before tax 150 ≠ 800 + 100 − 500 − 200 − 40
        ({"cooperative_expenses": 40 * JUTA}, "shu_before_tax", "income_statement_mismatch"),
        # SHU bersih 100 ≠ 150 − 40
        ({"tax": 40 * JUTA}, "shu_net", "income_statement_mismatch"),
        ({"members_present": 131}, "members_present", "attendance_exceeds_members"),
        ({"budget_expenses": -1}, "budget_expenses", "negative_amount"),
        ({"rat_date": datetime.date(2025, 12, 20)}, "rat_date", "invalid_rat_date"),
    ],
)
def test_update_refuses_figures_that_do_not_add_up_and_changes_nothing(overrides, field, code):
    # given
    report = draft_report(CooperativeFactory())
    before = snapshot(report)
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.rat_report_update(report=report, actor=None, **overrides)
    # then
    assert code in codes(exc_info.value)[field]
    assert snapshot(report) == before


def test_unbalanced_neraca_is_refused_at_creation_and_nothing_is_stored():
    cooperative = CooperativeFactory()

    with pytest.raises(ValidationError) as exc_info:
        draft_report(cooperative, current_liabilities=300 * JUTA)  # L+E total stays 1,000

    assert codes(exc_info.value) == {"total_liabilities_and_equity": ["total_mismatch"]}
    assert not RatReport.objects.filter(cooperative=cooperative).exists()


@pytest.mark.parametrize(
    ("lines", "message_part"),
    [
        # percentages 40 + 40 + 10 + 5 = 95 (amounts still 100 juta in total)
        (
            [*shu_lines()[:3], {"name": "Dana pendidikan", "percentage": "5", "amount": 10 * JUTA}],
            "95%",
        ),
        # 100% but only 90 juta of the 100 juta SHU bersih distributed
        (
            [*shu_lines()[:3], {"name": "Dana pendidikan", "percentage": "10", "amount": 0}],
            "Rp90.000.000",
        ),
    ],
)
def test_shu_distribution_must_add_up_to_100_percent_and_shu_bersih(lines, message_part):
    report = draft_report(CooperativeFactory())
    before = snapshot(report)

    with pytest.raises(ValidationError) as exc_info:
        services.rat_report_update(report=report, actor=None, shu_distribution=lines)

    errors = exc_info.value.error_dict["shu_distribution"]
    assert [error.code for error in errors] == ["shu_distribution_mismatch"]
    assert message_part in errors[0].messages[0]
    assert snapshot(report) == before


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"total_liabilities_and_equity": 1_100 * JUTA},
            "total_liabilities_and_equity",
            "The total (Rp1.100.000.000) is not the sum of its items (Rp1.000.000.000).",
        ),
        (
            {"other_assets": 250 * JUTA, "total_assets": 1_050 * JUTA},
            "total_liabilities_and_equity",
            "The balance sheet does not balance: total assets are Rp1.050.000.000, "
            "liabilities and equity Rp1.000.000.000.",
        ),
        (
            {"tax": 40 * JUTA},
            "shu_net",
            "This should be Rp110.000.000 (surplus before tax minus tax), not Rp100.000.000.",
        ),
    ],
)
def test_mismatch_messages_show_amounts_in_indonesian_format(overrides, field, message):
    report = draft_report(CooperativeFactory())

    with translation.override("en"), pytest.raises(ValidationError) as exc_info:
        services.rat_report_update(report=report, actor=None, **overrides)

    with translation.override("en"):
        assert message in exc_info.value.message_dict[field]


def test_shu_shares_message_writes_percentages_with_a_decimal_comma_in_both_languages():
    report = draft_report(CooperativeFactory())
    lines = [
        *shu_lines()[:3],
        {"name": "Dana pendidikan", "percentage": "9.5", "amount": 10 * JUTA},
    ]

    with pytest.raises(ValidationError) as exc_info:
        services.rat_report_update(report=report, actor=None, shu_distribution=lines)

    with translation.override("en"):
        assert exc_info.value.message_dict["shu_distribution"] == [
            "The shares add up to 99,5%, not 100%."
        ]
    with translation.override("id"):
        (message,) = exc_info.value.message_dict["shu_distribution"]
        assert "99,5%" in message
        assert "Rp" not in message


def test_draft_may_be_partial_but_submission_needs_every_figure():
    # given: only the meeting and member figures so far
    cooperative = CooperativeFactory()
    report = services.rat_report_create(
        cooperative=cooperative,
        financial_year=FINANCIAL_YEAR,
        actor=None,
        rat_date=datetime.date(2026, 3, 15),
        members_male=60,
        members_female=70,
        members_present=90,
    )
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.rat_report_submit(report=report, actor=None)
    # then
    errors = codes(exc_info.value)
    assert errors["total_assets"] == ["required"]
    assert errors["shu_net"] == ["required"]
    assert errors["method"] == ["required"]
    assert "members_present" not in errors
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_profit_without_distribution_cannot_be_submitted():
    report = services.rat_report_create(
        cooperative=CooperativeFactory(),
        financial_year=FINANCIAL_YEAR,
        actor=None,
        **balanced_figures(),
    )

    with pytest.raises(ValidationError) as exc_info:
        services.rat_report_submit(report=report, actor=None)

    assert codes(exc_info.value) == {"shu_distribution": ["required"]}


def test_rat_after_the_deadline_is_accepted_and_flagged_late():
    # 10 July 2026: 10 days after 30 June
    report = submitted_report(CooperativeFactory(), rat_date=datetime.date(2026, 7, 10))

    assert report.status == "submitted"
    assert report.deadline == datetime.date(2026, 6, 30)
    assert report.is_late is True
    assert report.days_late == 10


def test_a_stricter_deadline_in_the_articles_overrides_the_regulation():
    # given: the AD says end of March (3 months)
    cooperative = CooperativeFactory()
    services.rat_deadline_override_set(
        cooperative=cooperative, months_after_year_end=3, basis="AD Pasal 25"
    )
    # when: RAT on 10 April 2026, on time under the regulation
    report = submitted_report(cooperative, rat_date=datetime.date(2026, 4, 10))
    # then
    assert report.deadline == datetime.date(2026, 3, 31)
    assert report.days_late == 10
    assert report.is_late is True


def test_a_meeting_by_the_overridden_deadline_is_on_time():
    cooperative = CooperativeFactory()
    services.rat_deadline_override_set(cooperative=cooperative, months_after_year_end=3)

    report = submitted_report(cooperative, rat_date=datetime.date(2026, 3, 31))

    assert report.is_late is False
    assert report.days_late == 0


def test_deadline_comes_from_the_rule_file():
    rules = deadlines.rat_deadline_rules()

    assert rules["regulation"].startswith("Peraturan Menteri Koperasi")
    assert "19/Per/M.KUKM/IX/2015" in rules["regulation"]
    assert rules["months_after_year_end"] == 6
    assert deadlines.rat_deadline(2025) == datetime.date(2026, 6, 30)
    assert deadlines.rat_deadline(2025, months_after_year_end=2) == datetime.date(2026, 2, 28)


def test_submitted_report_cannot_be_changed_by_the_service():
    report = submitted_report(CooperativeFactory())
    before = snapshot(report)

    with pytest.raises(ValidationError) as exc_info:
        services.rat_report_update(report=report, actor=None, members_present=10)
    with pytest.raises(ValidationError) as resubmit:
        services.rat_report_submit(report=report, actor=None)

    assert codes(exc_info.value) == {"id": ["not_draft"]}
    assert codes(resubmit.value) == {"id": ["not_draft"]}
    assert snapshot(report) == before


def test_database_refuses_changes_to_a_submitted_report():
    report = submitted_report(CooperativeFactory())

    with pytest.raises(IntegrityError), transaction.atomic():
        RatReport.objects.filter(pk=report.pk).update(members_present=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShuDistributionLine.objects.filter(report=report).update(amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RatReport.objects.filter(pk=report.pk).delete()

    report.refresh_from_db()
    assert report.members_present == 90


def test_deleting_the_submitter_keeps_the_submitted_report():
    pengurus = UserFactory()
    report = submitted_report(CooperativeFactory(), actor=pengurus)

    pengurus.delete()

    report.refresh_from_db()
    assert report.submitted_by is None
    assert report.status == "submitted"


def test_correction_is_a_new_draft_version_and_history_keeps_every_version():
    # given
    cooperative = CooperativeFactory()
    first = submitted_report(cooperative)
    # when
    correction = services.rat_report_correct(report=first, actor=None)
    correction = services.rat_report_update(report=correction, actor=None, members_present=95)
    # then: the draft is a copy, the submitted version is still current
    assert (correction.version, correction.status) == (2, "draft")
    assert correction.total_assets == 1_000 * JUTA
    assert correction.shu_distribution.count() == 4
    assert selectors.rat_report_current(cooperative, FINANCIAL_YEAR) == first
    # when submitted, the correction becomes current; version 1 is unchanged
    services.rat_report_submit(report=correction, actor=None)
    assert selectors.rat_report_current(cooperative, FINANCIAL_YEAR) == correction
    history = list(selectors.rat_report_versions(first))
    assert [(r.version, r.status, r.members_present) for r in history] == [
        (1, "submitted", 90),
        (2, "submitted", 95),
    ]


def test_only_the_latest_submitted_version_is_corrected_once():
    cooperative = CooperativeFactory()
    first = submitted_report(cooperative)
    second = services.rat_report_submit(
        report=services.rat_report_correct(report=first, actor=None), actor=None
    )
    services.rat_report_correct(report=second, actor=None)

    with pytest.raises(ValidationError) as old_version:
        services.rat_report_correct(report=first, actor=None)
    with pytest.raises(ValidationError) as twice:
        services.rat_report_correct(report=second, actor=None)

    assert codes(old_version.value) == {"id": ["already_exists"]}
    assert codes(twice.value) == {"id": ["already_exists"]}
    assert RatReport.objects.filter(cooperative=cooperative).count() == 3


def test_correcting_an_older_version_is_refused():
    cooperative = CooperativeFactory()
    first = submitted_report(cooperative)
    services.rat_report_submit(
        report=services.rat_report_correct(report=first, actor=None), actor=None
    )

    with pytest.raises(ValidationError) as exc_info:
        services.rat_report_correct(report=first, actor=None)

    assert codes(exc_info.value) == {"id": ["not_latest_version"]}
    assert RatReport.objects.filter(cooperative=cooperative).count() == 2


def test_a_second_report_for_the_same_year_is_refused():
    cooperative = CooperativeFactory()
    draft_report(cooperative)

    with pytest.raises(ValidationError) as exc_info:
        draft_report(cooperative)

    assert codes(exc_info.value) == {"financial_year": ["already_exists"]}
    assert RatReport.objects.filter(cooperative=cooperative).count() == 1
