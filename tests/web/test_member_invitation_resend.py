""" "Kirim ulang undangan" on the back office's member page: a fresh invitation link for a
member who has not set a password yet, the old link dead; for the cooperative's admins
only; at most once per ``MEMBER_INVITATION_RESEND_INTERVAL``; a plain form (no
JavaScript) with the outcome said on the page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from marketplace.core.models import OutgoingEmail
from marketplace.members import access
from marketplace.members.models import Member
from tests.factories.members import member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sawah-Hijau-2026"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _link(email: str) -> tuple[str, str]:
    body = OutgoingEmail.objects.filter(to=email).latest("pk").body
    token = re.search(r"token=([^&\s]+)", body).group(1)
    return email, token


def _set_password(email: str, token: str):
    return Client().post(
        "/akun/sandi-baru/", {"email": email, "token": token, "password": PASSWORD}
    )


@pytest.fixture
def coop():
    return CooperativeFactory(name="KUD Mina Segara")


@pytest.fixture
def admin(coop):
    return CooperativeStaffFactory(cooperative=coop, role="admin").user


@pytest.fixture
def siti(coop):
    return member(coop, email="siti@example.com")  # invited on registration


def _sent_long_ago(member: Member) -> None:
    """As if the invitation was sent four days ago (past PASSWORD_RESET_TIMEOUT)."""
    when = timezone.now() - datetime.timedelta(days=4)
    Member.objects.filter(pk=member.pk).update(invitation_sent_at=when)


def test_a_new_invitation_kills_the_old_link_and_its_own_link_lets_the_member_in(coop, admin, siti):
    old = _link("siti@example.com")
    _sent_long_ago(siti)
    page_url = f"/koperasi/{coop.pk}/anggota/{siti.pk}/"
    client = _client(admin)
    page = client.get(page_url).content.decode()
    assert "Kirim ulang undangan" in page
    assert "kedaluwarsa" in page  # the admin is told the link has expired

    response = client.post(f"{page_url}undangan/", follow=True)

    assert response.redirect_chain == [(page_url, 302)]
    assert "Undangan baru dikirim ke siti@example.com" in response.content.decode()
    assert OutgoingEmail.objects.filter(to="siti@example.com").count() == 2
    new = _link("siti@example.com")
    assert new != old
    refused = _set_password(*old)
    assert refused.status_code == 400
    assert _set_password(*new).status_code == 302
    signed_in = Client().post(
        f"/anggota/{coop.pk}/masuk/", {"number": siti.number, "password": PASSWORD}
    )
    assert signed_in["Location"] == f"/anggota/{coop.pk}/saya/"
    # with a password set, there is nothing to send again
    assert "Kirim ulang undangan" not in client.get(page_url).content.decode()
    again = client.post(f"{page_url}undangan/", follow=True).content.decode()
    assert "sudah bisa masuk" in again
    assert OutgoingEmail.objects.filter(to="siti@example.com").count() == 2


def test_another_cooperatives_admin_and_a_clerk_are_refused_and_nothing_is_sent(coop, siti):
    _sent_long_ago(siti)
    coop_b = CooperativeFactory()
    admin_b = CooperativeStaffFactory(cooperative=coop_b, role="admin").user
    clerk = CooperativeStaffFactory(cooperative=coop, role="staff").user
    url = f"/koperasi/{coop.pk}/anggota/{siti.pk}/undangan/"
    for user in (admin_b, clerk):
        assert _client(user).post(url).status_code == 404
    # nor through B's own back office with A's member
    through_b = f"/koperasi/{coop_b.pk}/anggota/{siti.pk}/undangan/"
    assert _client(admin_b).post(through_b).status_code == 404
    with pytest.raises(PermissionDenied):
        access.member_invitation_resend(member=siti, actor=admin_b)

    assert OutgoingEmail.objects.filter(to="siti@example.com").count() == 1
    assert _set_password(*_link("siti@example.com")).status_code == 302  # first link lives


def test_sending_again_too_soon_says_when_to_try_and_sends_nothing(coop, admin, siti, settings):
    settings.MEMBER_INVITATION_RESEND_INTERVAL = datetime.timedelta(minutes=10)
    url = f"/koperasi/{coop.pk}/anggota/{siti.pk}/undangan/"

    page = _client(admin).post(url, follow=True).content.decode()

    assert "Tidak ada yang dikirim" in page
    assert "10 menit" in page
    assert OutgoingEmail.objects.filter(to="siti@example.com").count() == 1
    assert _set_password(*_link("siti@example.com")).status_code == 302  # the link still works
