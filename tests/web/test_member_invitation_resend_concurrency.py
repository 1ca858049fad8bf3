""" "Kirim ulang undangan" pressed by two admins at the same moment (or a double click
that reaches two server processes): on the real PostgreSQL, each request in its own
thread and connection. The member's row lock serialises them: one sends a new
invitation, the other waits, then finds it and says nothing was sent."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from marketplace.core.models import OutgoingEmail
from marketplace.members import access
from marketplace.members.models import Member
from tests.factories.members import member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from tests.marketplace.orders.test_concurrency import run_concurrently, slow_after

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Sawah-Hijau-2026"


def _tokens(email: str) -> list[str]:
    """The set-password tokens of the e-mails written to ``email``, oldest first."""
    bodies = OutgoingEmail.objects.filter(to=email).order_by("pk").values_list("body", flat=True)
    return [re.search(r"token=([^&\s]+)", body).group(1) for body in bodies]


def _set_password(email: str, token: str) -> int:
    response = Client().post(
        "/akun/sandi-baru/", {"email": email, "token": token, "password": PASSWORD}
    )
    return response.status_code


def _admin_client(cooperative) -> Client:
    client = Client()
    client.force_login(CooperativeStaffFactory(cooperative=cooperative, role="admin").user)
    return client


def test_two_resends_at_once_send_one_new_invitation_and_the_old_link_dies(monkeypatch, settings):
    settings.MEMBER_INVITATION_RESEND_INTERVAL = datetime.timedelta(minutes=10)
    coop = CooperativeFactory(name="KUD Mina Segara")
    siti = member(coop, email="siti@example.com")  # invited on registration
    Member.objects.filter(pk=siti.pk).update(
        invitation_sent_at=timezone.now() - datetime.timedelta(days=4)
    )
    [old] = _tokens("siti@example.com")
    first_admin, second_admin = _admin_client(coop), _admin_client(coop)
    url = f"/koperasi/{coop.pk}/anggota/{siti.pk}/undangan/"
    # the first to take the member's lock holds it a while with its e-mail written and
    # not committed: without the lock, the other would read the old date and send too
    slow_after(monkeypatch, access, "member_invite")

    results = run_concurrently(
        lambda: first_admin.post(url, follow=True).content.decode(),
        lambda: second_admin.post(url, follow=True).content.decode(),
    )

    assert [kind for kind, _page in results] == ["ok", "ok"]
    pages = [page for _kind, page in results]
    sent = [page for page in pages if "Undangan baru dikirim ke siti@example.com" in page]
    refused = [page for page in pages if "Tidak ada yang dikirim" in page]
    assert (len(sent), len(refused)) == (1, 1)
    assert "10 menit" in refused[0]  # the admin who lost the race is told when to retry
    tokens = _tokens("siti@example.com")
    assert len(tokens) == 2  # the registration's invitation and exactly one new one
    new = tokens[1]
    assert new != old
    assert _set_password("siti@example.com", old) == 400  # the old link no longer works
    assert _set_password("siti@example.com", new) == 302  # the new one lets her in
