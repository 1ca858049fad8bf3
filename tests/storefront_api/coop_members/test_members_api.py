"""The member registry over /graphql/: cooperative A never sees B's members, NIKs are
masked except for the cooperative's admins (and the member), a Dinas officer gets counts
only, bad input is a field error that changes nothing, and applications go from a
villager's submission to an admin's approval with the e-mail."""

from __future__ import annotations

import logging

import pytest

from coop_reporting.supervision.models import DinasOfficerAssignment
from marketplace.core.models import OutgoingEmail
from marketplace.members.models import Member, MemberApplication
from tests.factories.accounts import UserFactory
from tests.factories.members import NIK_SITI, NIK_WAYAN, member
from tests.factories.regions import village_bakalankrapyak
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid, token_for

pytestmark = pytest.mark.django_db

MEMBERS = """
query Members($cooperative: ID!, $search: String) {
  cooperativeMembers(cooperative: $cooperative, search: $search, first: 20) {
    totalCount
    edges { node { id number name nik sex status village { code }
                   savings { pokok wajib sukarela total } } }
  }
}
"""
COUNTS = """
query Counts($cooperative: ID!) {
  cooperativeMemberCounts(cooperative: $cooperative) { total active activeMale activeFemale }
}
"""
CREATE = """
mutation Create($input: CooperativeMemberCreateInput!) {
  cooperativeMemberCreate(input: $input) {
    member { number nik } errors { field message code }
  }
}
"""
SAVINGS = """
mutation Save($member: ID!, $input: MemberSavingsRecordInput!) {
  memberSavingsRecord(member: $member, input: $input) {
    created member { savings { sukarela } } errors { field code }
  }
}
"""
SUBMIT = """
mutation Apply($cooperative: ID!, $input: MemberApplicationSubmitInput!) {
  memberApplicationSubmit(cooperative: $cooperative, input: $input) {
    application { id nik status privacyNoticeVersion } errors { field code }
  }
}
"""
APPROVE = """
mutation Approve($id: ID!) {
  memberApplicationApprove(id: $id) {
    member { number nik } application { status } errors { field code }
  }
}
"""


def test_isolation_and_masking(gql, coop_a, admin_a):
    member(coop_a)
    clerk = CooperativeStaffFactory(cooperative=coop_a, role="staff").user
    admin_b = CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user
    variables = {"cooperative": gid("Cooperative", coop_a.pk)}

    as_admin = gql.execute(MEMBERS, variables, token=token_for(admin_a))["data"]
    node = as_admin["cooperativeMembers"]["edges"][0]["node"]
    assert (node["number"], node["nik"], node["sex"], node["status"]) == (1, NIK_SITI, "P", "AKTIF")
    assert node["savings"] == {"pokok": 0, "wajib": 0, "sukarela": 0, "total": 0}
    for viewer in (clerk, UserFactory(is_staff=True)):
        result = gql.execute(MEMBERS, variables, token=token_for(viewer))
        assert result["data"]["cooperativeMembers"]["edges"][0]["node"]["nik"] == "3319********0001"
    assert_permission_denied(gql.execute(MEMBERS, variables, token=token_for(admin_b)))
    assert_permission_denied(gql.execute(MEMBERS, variables))


def test_a_dinas_officer_gets_counts_and_never_a_member(gql, coop_a):
    member(coop_a)
    officer = UserFactory()
    DinasOfficerAssignment.objects.create(user=officer, regency_id="51.03", office_name="Dinas")
    variables = {"cooperative": gid("Cooperative", coop_a.pk)}

    counts = gql.execute(COUNTS, variables, token=token_for(officer))["data"]
    assert counts["cooperativeMemberCounts"] == {
        "total": 1, "active": 1, "activeMale": 0, "activeFemale": 1
    }  # fmt: skip
    assert_permission_denied(gql.execute(MEMBERS, variables, token=token_for(officer)))
    village_bakalankrapyak()  # makes the Kudus regency
    kudus = UserFactory()
    DinasOfficerAssignment.objects.create(user=kudus, regency_id="33.19", office_name="Dinas")
    assert_permission_denied(gql.execute(COUNTS, variables, token=token_for(kudus)))


def test_create_refuses_a_bad_nik_with_a_field_error_and_logs_no_nik(gql, coop_a, admin_a, caplog):
    caplog.set_level(logging.DEBUG)
    data = {
        "cooperative": gid("Cooperative", coop_a.pk),
        "name": "Wayan",
        "nik": "51030512038500",
        "sex": "L",
        "village": coop_a.village_id,
        "joinedOn": "2026-01-05",
    }
    refused = gql.execute(CREATE, {"input": data}, token=token_for(admin_a))["data"]
    assert refused["cooperativeMemberCreate"]["errors"] == [
        {"field": "nik", "message": "Enter the NIK from the KTP: 16 digits.", "code": "INVALID_NIK"}
    ]
    assert not Member.objects.exists()
    created = gql.execute(CREATE, {"input": {**data, "nik": NIK_WAYAN}}, token=token_for(admin_a))
    assert created["data"]["cooperativeMemberCreate"]["member"] == {"number": 1, "nik": NIK_WAYAN}
    assert NIK_WAYAN not in caplog.text


def test_savings_with_an_idempotency_key_count_once(gql, coop_a, admin_a):
    siti = member(coop_a)
    variables = {
        "member": gid("CooperativeMember", siti.pk),
        "input": {
            "kind": "SUKARELA",
            "amount": 25000,
            "date": "2026-03-01",
            "idempotencyKey": "k1",
        },
    }
    first = gql.execute(SAVINGS, variables, token=token_for(admin_a))["data"]["memberSavingsRecord"]
    again = gql.execute(SAVINGS, variables, token=token_for(admin_a))["data"]["memberSavingsRecord"]
    assert (first["created"], again["created"]) == (True, False)
    assert again["member"]["savings"]["sukarela"] == 25000
    variables["input"] |= {"amount": -30000, "idempotencyKey": "k2"}
    refused = gql.execute(SAVINGS, variables, token=token_for(admin_a))["data"]
    assert refused["memberSavingsRecord"]["errors"] == [
        {"field": "amount", "code": "INSUFFICIENT_BALANCE"}
    ]


def test_apply_then_approve_over_the_api(gql, coop_a, admin_a):
    member(coop_a)
    villager = UserFactory(email="wayan@example.com")
    data = {
        "name": "Wayan Sudarma",
        "nik": NIK_WAYAN,
        "sex": "L",
        "village": coop_a.village_id,
        "privacyNoticeAccepted": False,
    }
    variables = {"cooperative": gid("Cooperative", coop_a.pk), "input": data}
    refused = gql.execute(SUBMIT, variables, token=token_for(villager))["data"]
    assert refused["memberApplicationSubmit"]["errors"] == [
        {"field": "consent", "code": "CONSENT_REQUIRED"}
    ]
    variables["input"]["privacyNoticeAccepted"] = True
    sent = gql.execute(SUBMIT, variables, token=token_for(villager))["data"]
    application = sent["memberApplicationSubmit"]["application"]
    assert application["nik"] == NIK_WAYAN  # the applicant sees their own
    assert application["status"] == "PENDING"

    other_admin = CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user
    approve = {"id": application["id"]}
    assert_permission_denied(gql.execute(APPROVE, approve, token=token_for(other_admin)))
    approved = gql.execute(APPROVE, approve, token=token_for(admin_a))["data"]
    assert approved["memberApplicationApprove"]["member"] == {"number": 2, "nik": NIK_WAYAN}
    assert MemberApplication.objects.get().member.user == villager
    assert OutgoingEmail.objects.filter(to="wayan@example.com").count() == 1


MEMBER_TOKEN = """
mutation SignIn($cooperative: ID!, $number: Int!, $password: String!) {
  memberTokenCreate(cooperative: $cooperative, number: $number, password: $password) {
    token member { number nik } errors { field code }
  }
}
"""
MINE = "{ myCooperativeMemberships { number nik savings { total } } }"


def test_a_member_signs_in_with_the_number_and_reads_only_their_own_record(gql, coop_a):
    member(coop_a)  # Siti, no account
    wayan = member(coop_a, name="Wayan", nik=NIK_WAYAN, sex="L", user=UserFactory())
    variables = {"cooperative": gid("Cooperative", coop_a.pk), "number": 2, "password": "salah"}
    wrong = gql.execute(MEMBER_TOKEN, variables)["data"]["memberTokenCreate"]
    assert wrong["errors"] == [{"field": "number", "code": "INVALID_CREDENTIALS"}]
    no_account = gql.execute(MEMBER_TOKEN, {**variables, "number": 1, "password": "password"})
    assert no_account["data"]["memberTokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"

    signed_in = gql.execute(MEMBER_TOKEN, {**variables, "password": "password"})["data"]
    token = signed_in["memberTokenCreate"]["token"]
    assert signed_in["memberTokenCreate"]["member"] == {"number": wayan.number, "nik": NIK_WAYAN}
    mine = gql.execute(MINE, token=token)["data"]["myCooperativeMemberships"]
    assert mine == [{"number": 2, "nik": NIK_WAYAN, "savings": {"total": 0}}]
    members = {"cooperative": gid("Cooperative", coop_a.pk)}
    assert_permission_denied(gql.execute(MEMBERS, members, token=token))
    assert gql.execute(MINE)["data"]["myCooperativeMemberships"] == []
