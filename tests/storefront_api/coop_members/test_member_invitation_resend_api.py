"""``cooperativeMemberInvitationResend`` over /graphql/: the cooperative's admin sends a
member a fresh invitation link (the old one dies); too soon, another cooperative's admin,
a clerk, a member without an address or no longer active: an error and no e-mail."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from marketplace.core.models import OutgoingEmail
from marketplace.members.models import Member, MemberStatus
from tests.factories.members import NIK_WAYAN, member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid, token_for

pytestmark = pytest.mark.django_db

RESEND = """
mutation Resend($id: ID!) {
  cooperativeMemberInvitationResend(id: $id) {
    member { id number name } errors { field message code }
  }
}
"""
EMAIL = "siti@example.com"


@pytest.fixture
def siti(coop_a):
    """Invited on registration, four days ago (the link expired); no password set."""
    siti = member(coop_a, email=EMAIL)
    when = timezone.now() - datetime.timedelta(days=4)
    Member.objects.filter(pk=siti.pk).update(invitation_sent_at=when)
    return siti


def _resend(gql, who, target: Member, **headers: str) -> dict:
    variables = {"id": gid("CooperativeMember", target.pk)}
    return gql.execute(RESEND, variables, token=token_for(who), headers=headers)


def _sent() -> int:
    return OutgoingEmail.objects.filter(to=EMAIL).count()


def _token() -> str:
    body = OutgoingEmail.objects.filter(to=EMAIL).latest("pk").body
    return re.search(r"token=([^&\s]+)", body).group(1)


def _set_password(token: str) -> int:
    data = {"email": EMAIL, "token": token, "password": "Sawah-Hijau-2026"}
    return Client().post("/akun/sandi-baru/", data).status_code


def test_the_admin_resends_and_the_new_link_replaces_the_old(gql, admin_a, siti, settings):
    settings.MEMBER_INVITATION_RESEND_INTERVAL = datetime.timedelta(minutes=10)
    old = _token()

    payload = _resend(gql, admin_a, siti)["data"]["cooperativeMemberInvitationResend"]

    assert payload["errors"] == []
    assert payload["member"] == {
        "id": gid("CooperativeMember", siti.pk), "number": 1, "name": "Siti Aminah"
    }  # fmt: skip
    assert _sent() == 2
    new = _token()
    assert new != old
    # right away again: refused with the wait, in the asker's language, nothing sent
    again = _resend(gql, admin_a, siti, **{"Accept-Language": "id"})["data"]
    errors = again["cooperativeMemberInvitationResend"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(None, "INVITATION_RESENT_TOO_SOON")]
    assert "10 menit" in errors[0]["message"]
    assert again["cooperativeMemberInvitationResend"]["member"] is None
    assert _sent() == 2
    assert _set_password(old) == 400
    assert _set_password(new) == 302


def test_another_cooperatives_admin_and_a_clerk_are_refused_and_nothing_is_sent(gql, coop_a, siti):
    admin_b = CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user
    clerk = CooperativeStaffFactory(cooperative=coop_a, role="staff").user
    for user in (admin_b, clerk):
        assert_permission_denied(_resend(gql, user, siti))
    anonymous = gql.execute(RESEND, {"id": gid("CooperativeMember", siti.pk)})
    assert_permission_denied(anonymous)
    assert _sent() == 1
    assert _set_password(_token()) == 302  # the first link still works


def test_no_address_or_not_active_is_a_field_error_and_nothing_is_sent(gql, coop_a, admin_a):
    wayan = member(coop_a, name="Wayan", nik=NIK_WAYAN, sex="L")  # no e-mail address
    no_address = _resend(gql, admin_a, wayan)["data"]["cooperativeMemberInvitationResend"]
    assert [(e["field"], e["code"]) for e in no_address["errors"]] == [("email", "REQUIRED")]
    assert "e-mail address" in no_address["errors"][0]["message"]

    left = member(coop_a, email=EMAIL)
    Member.objects.filter(pk=left.pk).update(
        status=MemberStatus.KELUAR,
        status_changed_on=datetime.date(2026, 2, 1),
        invitation_sent_at=timezone.now() - datetime.timedelta(days=4),
    )
    inactive = _resend(gql, admin_a, left)["data"]["cooperativeMemberInvitationResend"]
    assert inactive["errors"] == [
        {"field": None, "message": "Only active members are invited.", "code": "INVALID"}
    ]
    assert _sent() == 1  # the registration's only
