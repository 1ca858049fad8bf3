"""Whom a Dinas officer supervises: their regency or province, nothing else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from coop_reporting.rat.selectors import rat_reports_visible_to
from coop_reporting.supervision import selectors, services
from coop_reporting.supervision.models import DinasOfficerAssignment
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(queryset.values_list("name", flat=True))


def test_regency_officer_supervises_the_cooperatives_registered_in_their_regency(supervised):
    assert names(selectors.cooperatives_supervised_by(supervised.kudus_officer)) == [
        "KOPTAN Sepi Kudus",
        "KSP Artha Kudus",
        "KUD Makmur Kaliwungu",
    ]


def test_province_officer_supervises_the_whole_province_and_nothing_outside(supervised):
    supervised_names = names(selectors.cooperatives_supervised_by(supervised.jateng_officer))
    assert supervised_names == [
        "KOPTAN Sepi Kudus",
        "KOPWAN Srikandi Semarang",
        "KSP Artha Kudus",
        "KUD Makmur Kaliwungu",
    ]
    assert "KUD Mina Segara Pecatu" not in supervised_names


def test_platform_staff_supervise_everything_and_others_nothing(supervised):
    assert selectors.cooperatives_supervised_by(supervised.platform_staff).count() == 5
    assert not selectors.cooperatives_supervised_by(supervised.coop_admin).exists()
    assert not selectors.cooperatives_supervised_by(supervised.customer).exists()
    assert not selectors.cooperatives_supervised_by(AnonymousUser()).exists()


def test_several_assignments_add_up_and_an_unassigned_one_stops_counting(supervised):
    # given the Kudus officer also helps out in Badung
    officer = supervised.kudus_officer
    badung = services.dinas_officer_assign(
        user=officer, regency_code="51.03", office_name="Dinas Koperasi Kabupaten Badung"
    )
    assert selectors.cooperatives_supervised_by(officer).count() == 4
    # when that assignment ends
    services.dinas_officer_unassign(assignment=badung)
    # then only Kudus is left, and the history stays
    assert names(selectors.cooperatives_supervised_by(officer)) == [
        "KOPTAN Sepi Kudus",
        "KSP Artha Kudus",
        "KUD Makmur Kaliwungu",
    ]
    assert DinasOfficerAssignment.objects.filter(user=officer).count() == 2


def test_a_cooperative_moving_to_another_regency_leaves_the_officers_scope(supervised):
    cooperative = supervised.kudus_kud
    cooperative.village = supervised.bali_kud.village
    cooperative.save()
    assert cooperative not in selectors.cooperatives_supervised_by(supervised.kudus_officer)
    assert cooperative in selectors.cooperatives_supervised_by(supervised.bali_officer)


def test_deactivated_officer_supervises_nothing(supervised):
    officer = supervised.jateng_officer
    officer.is_active = False
    officer.save()
    assert not selectors.cooperatives_supervised_by(officer).exists()


def test_officers_see_the_rat_reports_of_their_cooperatives_only(supervised):
    visible = rat_reports_visible_to(supervised.kudus_officer)
    assert sorted(visible.values_list("cooperative__name", flat=True)) == [
        "KSP Artha Kudus",
        "KUD Makmur Kaliwungu",
    ]
    assert not rat_reports_visible_to(supervised.bali_officer).exists()


def test_scope_covers_region_codes(supervised):
    scope = selectors.supervision_scope(supervised.kudus_officer)
    assert scope.covers("33.19.01.2001")
    assert not scope.covers("33.74.01.1001")
    assert selectors.user_supervises_cooperative(
        supervised.jateng_officer, CooperativeFactory(village=supervised.semarang_kopwan.village)
    )
