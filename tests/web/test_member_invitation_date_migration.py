"""Members invited before ``invitation_sent_at`` existed: the data migration takes the
date of their last invitation from the e-mail outbox, where it is on record, so the
member page says when it was sent and a re-send right after it is held back; where the
outbox has no invitation of theirs, the date stays unknown (and a re-send goes out)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.core.models import OutgoingEmail
from marketplace.members.models import Member
from tests.factories.members import NIK_WAYAN, member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from tests.helpers import run_data_migration

pytestmark = pytest.mark.django_db

MIGRATION = "0004_invitation_sent_at_from_outbox"


def _run_the_migration() -> None:
    run_data_migration("members", "marketplace.members", MIGRATION, "fill_invitation_sent_at")


def _invited_before_the_date_was_kept(someone: Member, ago: datetime.timedelta) -> None:
    """As the code before ``invitation_sent_at`` left it: added days ago, the invitation
    written ``ago`` (in the outbox), no date on the member."""
    now = timezone.now()
    Member.objects.filter(pk=someone.pk).update(
        invitation_sent_at=None, created_at=now - datetime.timedelta(days=5)
    )
    OutgoingEmail.objects.filter(to=someone.email).update(created_at=now - ago)


@pytest.fixture
def coop():
    return CooperativeFactory(name="KUD Mina Segara")


@pytest.fixture
def admin_client(coop) -> Client:
    client = Client()
    client.force_login(CooperativeStaffFactory(cooperative=coop, role="admin").user)
    return client


def test_a_member_invited_minutes_before_gets_the_date_and_a_resend_is_held_back(
    coop, admin_client, settings
):
    settings.MEMBER_INVITATION_RESEND_INTERVAL = datetime.timedelta(minutes=10)
    siti = member(coop, email="siti@example.com")  # written in Indonesian
    _invited_before_the_date_was_kept(siti, datetime.timedelta(minutes=4, seconds=30))
    page_url = f"/koperasi/{coop.pk}/anggota/{siti.pk}/"
    assert "Belum ada undangan yang tercatat" in admin_client.get(page_url).content.decode()

    _run_the_migration()

    page = admin_client.get(page_url).content.decode()
    assert "Undangan terakhir dikirim pada" in page
    assert "kedaluwarsa" not in page
    resent = admin_client.post(f"{page_url}undangan/", follow=True).content.decode()
    assert "Tidak ada yang dikirim" in resent
    assert "6 menit" in resent  # ten minutes after the outbox's invitation
    assert OutgoingEmail.objects.filter(to="siti@example.com").count() == 1


def test_an_english_invitation_days_old_is_found_and_said_expired(coop, admin_client):
    User.objects.create_user(email="wayan@example.com", password=None, language_code="en")
    wayan = member(coop, name="I Wayan Sudarta", nik=NIK_WAYAN, sex="L", email="wayan@example.com")
    assert OutgoingEmail.objects.get(to="wayan@example.com").subject == (
        "Your membership of KUD Mina Segara"
    )
    _invited_before_the_date_was_kept(wayan, datetime.timedelta(days=4))

    _run_the_migration()

    page = admin_client.get(f"/koperasi/{coop.pk}/anggota/{wayan.pk}/").content.decode()
    assert "Undangan terakhir dikirim pada" in page
    assert "Tautannya sudah kedaluwarsa" in page  # past the link's three days


def test_without_an_invitation_of_this_cooperative_in_the_outbox_the_date_stays_unknown(
    coop, admin_client
):
    other_coop = CooperativeFactory(name="KSP Tani Makmur")
    elsewhere = member(other_coop, email="siti@example.com")  # the same account, invited there
    siti = member(coop, email="siti@example.com")
    OutgoingEmail.objects.filter(to="siti@example.com", subject__contains="Mina Segara").delete()
    _invited_before_the_date_was_kept(siti, datetime.timedelta(minutes=3))
    Member.objects.filter(pk=elsewhere.pk).update(
        invitation_sent_at=None, created_at=timezone.now() - datetime.timedelta(days=5)
    )
    # a password-reset e-mail to the address is no invitation
    OutgoingEmail.objects.create(
        to="siti@example.com", subject="Atur ulang kata sandi Lumbung", body="token=x"
    )

    _run_the_migration()

    siti.refresh_from_db()
    elsewhere.refresh_from_db()
    assert siti.invitation_sent_at is None
    assert elsewhere.invitation_sent_at is not None  # its own cooperative's invitation
    page_url = f"/koperasi/{coop.pk}/anggota/{siti.pk}/"
    assert "Belum ada undangan yang tercatat" in admin_client.get(page_url).content.decode()
    resent = admin_client.post(f"{page_url}undangan/", follow=True).content.decode()
    assert "Undangan baru dikirim ke siti@example.com" in resent  # unknown: not held back


def test_a_date_already_recorded_is_kept(coop):
    siti = member(coop, email="siti@example.com")
    recorded = siti.invitation_sent_at
    OutgoingEmail.objects.filter(to="siti@example.com").update(
        created_at=timezone.now() + datetime.timedelta(minutes=1)
    )

    _run_the_migration()

    siti.refresh_from_db()
    assert siti.invitation_sent_at == recorded
