"""The member pages through Django's test client: cooperative A never sees B's members,
a clerk and platform staff see NIKs masked, a Dinas officer gets 404, forms say what is
wrong next to the field and change nothing, and the application flow from the public
page to the admin's decision and the e-mail."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from coop_reporting.supervision.models import DinasOfficerAssignment
from marketplace.core.models import OutgoingEmail
from marketplace.members.models import Member, MemberApplication
from tests.factories.accounts import UserFactory
from tests.factories.members import NIK_SITI, NIK_WAYAN, member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def coop_a():
    return CooperativeFactory(name="KUD Mina Segara")


@pytest.fixture
def admin_a(coop_a):
    return CooperativeStaffFactory(cooperative=coop_a, role="admin").user


@pytest.fixture
def siti(coop_a):
    return member(coop_a)


def test_cooperative_b_and_a_dinas_officer_never_see_a_members(coop_a, siti):
    admin_b = CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user
    officer = UserFactory()
    DinasOfficerAssignment.objects.create(user=officer, regency_id="51.03", office_name="Dinas")
    base = f"/koperasi/{coop_a.pk}/anggota/"
    for user in (admin_b, officer, UserFactory()):
        client = _client(user)
        for path in ("", f"{siti.pk}/", f"{siti.pk}/simpanan/", "permohonan/", "unduh/", "impor/"):
            assert client.get(base + path).status_code == 404, (user, path)


def test_the_admin_sees_the_nik_a_clerk_and_platform_staff_see_it_masked(coop_a, admin_a, siti):
    clerk = CooperativeStaffFactory(cooperative=coop_a, role="staff").user
    platform = UserFactory(is_staff=True)
    base = f"/koperasi/{coop_a.pk}/anggota/"

    assert NIK_SITI in _client(admin_a).get(base).content.decode()
    for viewer in (clerk, platform):
        page = _client(viewer).get(base).content.decode()
        assert "3319********0001" in page
        assert NIK_SITI not in page
    assert _client(clerk).get(f"{base}{siti.pk}/").status_code == 404  # looking, not changing
    assert NIK_SITI not in _client(platform).get(f"{base}{siti.pk}/").content.decode()


def test_export_with_nik_only_when_ticked_and_only_for_the_admin(coop_a, admin_a, siti):
    base = f"/koperasi/{coop_a.pk}/anggota/unduh/"
    plain = _client(admin_a).get(base, {"format": "csv"})
    assert plain["Content-Disposition"].startswith("attachment")
    assert NIK_SITI not in plain.content.decode("utf-8-sig")
    full = _client(admin_a).get(base, {"format": "csv", "with_nik": "on"})
    assert NIK_SITI in full.content.decode("utf-8-sig")
    platform = _client(UserFactory(is_staff=True)).get(base, {"format": "csv", "with_nik": "on"})
    assert NIK_SITI not in platform.content.decode("utf-8-sig")


def test_a_bad_member_form_says_why_next_to_the_field_and_adds_nobody(coop_a, admin_a, caplog):
    caplog.set_level(logging.DEBUG)
    response = _client(admin_a).post(
        f"/koperasi/{coop_a.pk}/anggota/baru/",
        {
            "name": "Wayan",
            "nik": "5103051203850099x",
            "sex": "L",
            "village": coop_a.village_id,
            "joined_on": "2026-01-05",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_nik-error"' in page
    assert not Member.objects.exists()

    response = _client(admin_a).post(
        f"/koperasi/{coop_a.pk}/anggota/baru/",
        {
            "name": "Wayan",
            "nik": NIK_WAYAN,
            "sex": "L",
            "village": coop_a.village_id,
            "joined_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    assert Member.objects.get().nik == NIK_WAYAN
    assert NIK_WAYAN not in caplog.text


def test_a_savings_form_sent_twice_records_once(coop_a, admin_a, siti):
    client = _client(admin_a)
    data = {
        "kind": "wajib",
        "direction": "in",
        "amount": "Rp10.000",
        "occurred_on": "2026-03-01",
        "request_id": "abc123",
    }
    url = f"/koperasi/{coop_a.pk}/anggota/{siti.pk}/simpanan/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert "Rp10.000" in client.get(url).content.decode()
    assert siti.savings_movements.count() == 1


def test_apply_on_the_public_page_then_the_admin_approves_and_the_applicant_is_emailed(
    coop_a, admin_a, siti
):
    villager = UserFactory(email="wayan@example.com")
    apply_url = f"/anggota/{coop_a.pk}/daftar/"
    assert _client().get(apply_url).status_code == 302  # sign in first
    data = {
        "name": "Wayan Sudarma",
        "nik": NIK_WAYAN,
        "sex": "L",
        "village": coop_a.village_id,
        "phone": "0812 3456 7890",
    }
    refused = _client(villager).post(apply_url, data)
    assert refused.status_code == 400
    assert 'id="id_consent-error"' in refused.content.decode()
    assert not MemberApplication.objects.exists()

    assert _client(villager).post(apply_url, {**data, "consent": "on"}).status_code == 302
    application = MemberApplication.objects.get()
    page = _client(admin_a).get(f"/koperasi/{coop_a.pk}/anggota/permohonan/").content.decode()
    assert "Wayan Sudarma" in page
    assert NIK_WAYAN in page  # the admin sees it in full

    decide = f"/koperasi/{coop_a.pk}/anggota/permohonan/{application.pk}/"
    no_reason = _client(admin_a).post(decide, {"decision": "reject", "rejection_reason": ""})
    assert no_reason.status_code == 400
    assert f'id="reason-{application.pk}-error"' in no_reason.content.decode()
    assert _client(admin_a).post(decide, {"decision": "approve"}).status_code == 302

    new_member = Member.objects.get(user=villager)
    assert new_member.number == siti.number + 1
    assert OutgoingEmail.objects.filter(to="wayan@example.com").exists()
    page = _client(admin_a).get(f"/koperasi/{coop_a.pk}/anggota/permohonan/").content.decode()
    assert "https://wa.me/6281234567890" in page
    mine = _client(villager).get(apply_url).content.decode()
    assert str(new_member.number) in mine


def test_a_member_signs_in_with_the_member_number_and_sees_only_their_own_data(coop_a, siti):
    from marketplace.members import services

    wayan_user = UserFactory()  # factory password: "password"
    wayan = member(coop_a, name="Wayan Sudarma", nik=NIK_WAYAN, sex="L", user=wayan_user)
    services.savings_record(
        member=wayan, kind="wajib", amount=15_000, occurred_on=siti.joined_on, idempotency_key="x"
    )
    client = Client()
    sign_in_url = f"/anggota/{coop_a.pk}/masuk/"
    wrong = client.post(sign_in_url, {"number": wayan.number, "password": "salah"})
    assert wrong.status_code == 400
    assert 'id="id_number-error"' in wrong.content.decode()
    assert (
        client.post(sign_in_url, {"number": siti.number, "password": "password"}).status_code == 400
    )

    signed_in = client.post(sign_in_url, {"number": wayan.number, "password": "password"})
    assert signed_in["Location"] == f"/anggota/{coop_a.pk}/saya/"
    page = client.get(signed_in["Location"]).content.decode()
    assert NIK_WAYAN in page  # their own, in full
    assert "Rp15.000" in page
    assert "Siti Aminah" not in page
    assert NIK_SITI not in page
    assert client.get(f"/anggota/{CooperativeFactory().pk}/saya/").status_code == 404
    assert client.get(f"/koperasi/{coop_a.pk}/anggota/").status_code == 404
