"""Dinas officers over /graphql/: platform staff assign and unassign them; an officer reads
the reporting of the cooperatives they supervise (RAT reports, health, status, activity
profile), never writes it, and never sees other cooperatives."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coop_reporting.rat.models import RatReport
from coop_reporting.supervision.models import DinasOfficerAssignment
from tests.factories.accounts import UserFactory
from tests.storefront_api.coop_reporting.test_rat_api import (
    CREATE,
    HEALTH,
    REPORT,
    REPORTS,
    STATUS,
    SUBMIT,
    UPDATE,
    create_input,
)
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid

pytestmark = pytest.mark.django_db

ASSIGN = """
mutation Assign($input: DinasOfficerAssignInput!) {
  dinasOfficerAssign(input: $input) {
    assignment { id officeName isActive regency { code name } province { code name }
                 user { email } }
    errors { field message code }
  }
}
"""
UNASSIGN = """
mutation Unassign($id: ID!) {
  dinasOfficerUnassign(id: $id) { assignment { id isActive } errors { field message code } }
}
"""
ASSIGNMENTS = """
query Assignments($isActive: Boolean) {
  dinasOfficerAssignments(first: 20, isActive: $isActive) {
    totalCount edges { node { officeName isActive user { email } regency { code }
                              province { code } } }
  }
}
"""
DISTRICT = "query { districtCooperatives(first: 20) { totalCount edges { node { name } } } }"
PROFILE = """
query Profile($cooperative: ID!) {
  cooperativeActivityProfile(cooperative: $cooperative, financialYear: 2026) {
    marketplaceSales orders
  }
}
"""


# --- an officer reads, never writes ----------------------------------------------------------


def test_officer_reads_the_reporting_of_a_supervised_cooperative(api, supervised):
    officer = supervised.kudus_officer
    ksp = gid("Cooperative", supervised.kudus_ksp.pk)
    report = RatReport.objects.get(cooperative=supervised.kudus_ksp)
    # RAT reports, one and the list
    one = api(REPORT, {"id": gid("RatReport", report.pk)}, as_user=officer)
    assert one["data"]["ratReport"]["ratDate"] == "2026-03-15"
    listed = api(REPORTS, {"cooperative": ksp}, as_user=officer)["data"]["ratReports"]
    assert listed["totalCount"] == 1
    everything = api(REPORTS, {}, as_user=officer)["data"]["ratReports"]
    assert sorted(edge["node"]["cooperative"]["name"] for edge in everything["edges"]) == [
        "KSP Artha Kudus",
        "KUD Makmur Kaliwungu",
    ]
    # health and status
    health = api(HEALTH, {"cooperative": ksp}, as_user=officer)["data"]["healthAssessment"]
    assert (health["total"], health["category"]) == (80.80, "Sehat")
    status = api(STATUS, {"cooperative": ksp}, as_user=officer)["data"]["cooperativeStatus"]
    assert (status["aktif"], status["lastRatDate"]) == (True, "2026-03-15")
    # the activity profile
    profile = api(PROFILE, {"cooperative": ksp}, as_user=officer)
    assert "errors" not in profile, profile
    assert profile["data"]["cooperativeActivityProfile"]["marketplaceSales"] == 130_000


def test_officer_cannot_read_a_cooperative_outside_their_scope(api, supervised):
    officer = supervised.kudus_officer
    bali = gid("Cooperative", supervised.bali_kud.pk)
    semarang = gid("Cooperative", supervised.semarang_kopwan.pk)
    draft = RatReport.objects.get(cooperative=supervised.semarang_kopwan)
    assert_permission_denied(api(REPORT, {"id": gid("RatReport", draft.pk)}, as_user=officer))
    for cooperative in (bali, semarang):
        assert_permission_denied(api(REPORTS, {"cooperative": cooperative}, as_user=officer))
        assert_permission_denied(api(HEALTH, {"cooperative": cooperative}, as_user=officer))
        assert_permission_denied(api(STATUS, {"cooperative": cooperative}, as_user=officer))
        assert_permission_denied(api(PROFILE, {"cooperative": cooperative}, as_user=officer))
    # the province officer does see Semarang
    jateng = api(HEALTH, {"cooperative": semarang}, as_user=supervised.jateng_officer)
    assert jateng["data"]["healthAssessment"]["category"] == "Cukup Sehat"


def test_officer_cannot_write_rat_reports(api, supervised):
    officer = supervised.jateng_officer
    draft = RatReport.objects.get(cooperative=supervised.semarang_kopwan)
    draft_id = gid("RatReport", draft.pk)
    target = SimpleNamespace(coop_a=supervised.kudus_idle)
    assert_permission_denied(api(CREATE, {"input": create_input(target)}, as_user=officer))
    assert_permission_denied(
        api(UPDATE, {"id": draft_id, "input": {"membersPresent": 1}}, as_user=officer)
    )
    assert_permission_denied(api(SUBMIT, {"id": draft_id}, as_user=officer))
    # nothing changed
    draft.refresh_from_db()
    assert (draft.status, draft.members_present) == ("draft", 90)
    assert not RatReport.objects.filter(cooperative=supervised.kudus_idle).exists()


# --- platform staff assign officers ---------------------------------------------------------


def test_platform_staff_assign_an_officer_who_then_sees_the_regency(api, supervised):
    # given a new Dinas user who sees nothing yet
    user = UserFactory(email="kabid@dinas-badung.test")
    assert_permission_denied(api(DISTRICT, as_user=user))
    # when platform staff assign them Badung by e-mail address
    result = api(
        ASSIGN,
        {"input": {"email": "KABID@dinas-badung.test", "regency": "51.03",
                   "officeName": "Dinas Koperasi, UKM dan Perdagangan Kabupaten Badung"}},
        as_user=supervised.platform_staff,
    )  # fmt: skip
    # then
    payload = result["data"]["dinasOfficerAssign"]
    assert payload["errors"] == []
    assert payload["assignment"] | {"id": None} == {
        "id": None,
        "officeName": "Dinas Koperasi, UKM dan Perdagangan Kabupaten Badung",
        "isActive": True,
        "regency": {"code": "51.03", "name": "Kabupaten Badung"},
        "province": {"code": "51", "name": "Bali"},
        "user": {"email": "kabid@dinas-badung.test"},
    }
    district = api(DISTRICT, as_user=user)["data"]["districtCooperatives"]
    assert [edge["node"]["name"] for edge in district["edges"]] == ["KUD Mina Segara Pecatu"]
    # and when the assignment stops, so does the access
    unassigned = api(
        UNASSIGN, {"id": payload["assignment"]["id"]}, as_user=supervised.platform_staff
    )
    assert unassigned["data"]["dinasOfficerUnassign"]["assignment"]["isActive"] is False
    assert_permission_denied(api(DISTRICT, as_user=user))


def test_assigning_by_user_id_a_province_and_again_is_idempotent(api, supervised):
    user = UserFactory()
    office = "Dinas Koperasi dan UKM Provinsi Jawa Tengah"
    variables = {"input": {"user": gid("User", user.pk), "province": "33", "officeName": office}}
    first = api(ASSIGN, variables, as_user=supervised.platform_staff)["data"]["dinasOfficerAssign"]
    again = api(ASSIGN, variables, as_user=supervised.platform_staff)["data"]["dinasOfficerAssign"]
    assert first["assignment"]["id"] == again["assignment"]["id"]
    assert (first["assignment"]["regency"], first["assignment"]["province"]["code"]) == (None, "33")
    assert DinasOfficerAssignment.objects.filter(user=user).count() == 1
    district = api(DISTRICT, as_user=user)["data"]["districtCooperatives"]
    assert district["totalCount"] == 4


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"regency": "33.99"}, "regency", "NOT_FOUND"),
        ({"regency": None, "province": "99"}, "province", "NOT_FOUND"),
        ({"province": "33"}, "regency", "INVALID"),  # both a regency and a province
        ({"regency": None}, "regency", "REQUIRED"),
        ({"officeName": "  "}, "officeName", "REQUIRED"),
        ({"email": "nobody@dinas.test"}, "email", "NOT_FOUND"),
        ({"email": None}, "user", "REQUIRED"),
        ({"user": "VXNlcjox"}, "email", "INVALID"),  # both an ID and an e-mail address
        ({"email": None, "user": gid("Cooperative", 1)}, "user", "GRAPHQL_ERROR"),
    ],
)
def test_assignment_errors_come_back_as_data_and_change_nothing(
    api, supervised, changes, field, code
):
    UserFactory(email="calon@dinas.test")
    data = {"email": "calon@dinas.test", "regency": "33.19", "officeName": "Dinas Koperasi Kudus"}
    data.update(changes)
    before = DinasOfficerAssignment.objects.count()
    result = api(ASSIGN, {"input": data}, as_user=supervised.platform_staff)
    payload = result["data"]["dinasOfficerAssign"]
    assert payload["assignment"] is None
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [(field, code)]
    assert DinasOfficerAssignment.objects.count() == before


def test_a_deactivated_user_cannot_be_assigned(api, supervised):
    UserFactory(email="pensiun@dinas.test", is_active=False)
    data = {"email": "pensiun@dinas.test", "regency": "33.19", "officeName": "Dinas Kudus"}
    payload = api(ASSIGN, {"input": data}, as_user=supervised.platform_staff)["data"][
        "dinasOfficerAssign"
    ]
    assert payload["errors"][0]["code"] == "INACTIVE_USER"


@pytest.mark.parametrize("who", ["kudus_officer", "coop_admin", "customer", None])
def test_only_platform_staff_manage_assignments(api, supervised, who):
    user = getattr(supervised, who) if who else None
    assignment = DinasOfficerAssignment.objects.get(user=supervised.kudus_officer)
    data = {"email": supervised.customer.email, "province": "33", "officeName": "Dinas"}
    assert_permission_denied(api(ASSIGN, {"input": data}, as_user=user))
    assignment_id = gid("DinasOfficerAssignment", assignment.pk)
    assert_permission_denied(api(UNASSIGN, {"id": assignment_id}, as_user=user))
    assignment.refresh_from_db()
    assert assignment.is_active is True
    assert not DinasOfficerAssignment.objects.filter(user=supervised.customer).exists()


def test_assignment_list_all_for_staff_own_for_an_officer(api, supervised):
    everything = api(ASSIGNMENTS, as_user=supervised.platform_staff)["data"]
    assert everything["dinasOfficerAssignments"]["totalCount"] == 3
    own = api(ASSIGNMENTS, as_user=supervised.kudus_officer)["data"]["dinasOfficerAssignments"]
    assert [edge["node"] for edge in own["edges"]] == [
        {
            "officeName": "Dinas Koperasi Kabupaten Kudus",
            "isActive": True,
            "user": {"email": "petugas.kudus@dinas.test"},
            "regency": {"code": "33.19"},
            "province": {"code": "33"},
        }
    ]
    none = api(ASSIGNMENTS, {"isActive": False}, as_user=supervised.platform_staff)["data"]
    assert none["dinasOfficerAssignments"]["totalCount"] == 0
    assert_permission_denied(api(ASSIGNMENTS))
