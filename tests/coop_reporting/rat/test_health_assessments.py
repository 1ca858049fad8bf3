"""KSP/USP health assessments stored from inputs, as the calculator scores them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coop_reporting.indicators import ksp_health_score
from coop_reporting.rat import services, tasks
from coop_reporting.rat.models import HealthAssessment, KspHealthInput
from tests.coop_reporting.test_ksp_health import KSP_SEJAHTERA, RULES
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


def savings_cooperative():
    return CooperativeFactory(jenis="ksp", has_savings_unit=True)


def test_assessment_from_inputs_equals_the_calculator_on_the_worked_example():
    # given
    cooperative = savings_cooperative()
    # when
    _input, assessment = services.ksp_health_input_set(
        cooperative=cooperative, financial_year=YEAR, figures=KSP_SEJAHTERA, actor=None
    )
    # then
    expected = ksp_health_score(KSP_SEJAHTERA, RULES)
    assessment.refresh_from_db()
    assert assessment.is_assessable is True
    assert assessment.total == Decimal("80.80") == expected.total
    assert assessment.category == "Sehat"
    assert assessment.rules_id == "perdep-06-2016"
    likuiditas = next(a for a in assessment.aspects if a["key"] == "likuiditas")
    assert likuiditas["skor"] == "13.75"
    rasio_kas = likuiditas["components"][0]
    assert rasio_kas == {
        "key": "rasio_kas",
        "name": rasio_kas["name"],
        "weight": "10",
        "ratio": "12.50",
        "nilai": "100.00",
        "skor": "10.00",
    }
    assert [a["skor"] for a in assessment.aspects] == [str(a.skor) for a in expected.aspects]


def test_missing_figures_give_a_not_assessable_result_naming_them():
    cooperative = savings_cooperative()
    figures = {k: v for k, v in KSP_SEJAHTERA.items() if k not in {"atmr", "kas"}}

    _input, assessment = services.ksp_health_input_set(
        cooperative=cooperative, financial_year=YEAR, figures=figures, actor=None
    )

    assert assessment.is_assessable is False
    assert assessment.total is None
    assert assessment.missing_inputs == ["atmr", "kas"]


def test_changing_one_input_recomputes_the_assessment():
    cooperative = savings_cooperative()
    services.ksp_health_input_set(
        cooperative=cooperative, financial_year=YEAR, figures=KSP_SEJAHTERA, actor=None
    )

    # kas + bank 500 juta against 2,000 juta current liabilities: 25% → nilai 25 (73.30)
    _input, assessment = services.ksp_health_input_set(
        cooperative=cooperative,
        financial_year=YEAR,
        figures={"kas": 200_000_000, "bank": 300_000_000},
        actor=None,
    )

    assert assessment.total == Decimal("73.30")
    assert assessment.category == "Cukup Sehat"
    assert HealthAssessment.objects.filter(cooperative=cooperative).count() == 1


@pytest.mark.parametrize(
    ("figures", "code"),
    [
        ({"kas": -5}, "negative_amount"),
        ({"kas": "banyak"}, "invalid"),
        ({"laba_kotor": 5}, "unknown_input"),
    ],
)
def test_bad_inputs_are_refused_and_nothing_is_stored(figures, code):
    cooperative = savings_cooperative()

    with pytest.raises(ValidationError) as exc_info:
        services.ksp_health_input_set(
            cooperative=cooperative, financial_year=YEAR, figures=figures, actor=None
        )

    assert [e.code for e in exc_info.value.error_dict["figures"]] == [code]
    assert not KspHealthInput.objects.exists()
    assert not HealthAssessment.objects.exists()


def test_cooperatives_without_a_savings_unit_get_no_score():
    cooperative = CooperativeFactory(has_savings_unit=False)

    with pytest.raises(ValidationError) as exc_info:
        services.ksp_health_input_set(
            cooperative=cooperative, financial_year=YEAR, figures=KSP_SEJAHTERA, actor=None
        )

    assert [e.code for e in exc_info.value.error_dict["cooperative"]] == ["no_savings_unit"]
    assert not KspHealthInput.objects.exists()


def test_nightly_task_recomputes_savings_units_only_and_is_idempotent():
    # given: a stored input whose assessment was lost, and a cooperative that has since
    # closed its savings unit
    ksp = savings_cooperative()
    services.ksp_health_input_set(
        cooperative=ksp, financial_year=YEAR, figures=KSP_SEJAHTERA, actor=None
    )
    HealthAssessment.objects.all().delete()
    former = savings_cooperative()
    services.ksp_health_input_set(
        cooperative=former, financial_year=YEAR, figures=KSP_SEJAHTERA, actor=None
    )
    HealthAssessment.objects.filter(cooperative=former).delete()
    former.jenis = "ksu"
    former.has_savings_unit = False
    former.save()
    # when
    tasks.health_assessments_recompute_task()
    tasks.health_assessments_recompute_task()
    # then
    assessment = HealthAssessment.objects.get()
    assert assessment.cooperative == ksp
    assert assessment.total == Decimal("80.80")
