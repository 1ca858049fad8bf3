"""Members reaching their cooperative in the pages: signing in with a one-time code,
reading the cooperative's submitted RAT reports and their own sales statement, nothing
of another member (404); and the RAT form's member counts from the register."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from coop_reporting.rat.models import RatReport
from marketplace.core.models import OutgoingEmail
from tests.factories.accounts import UserFactory
from tests.factories.coop_rat import draft_report, submitted_report
from tests.factories.members import NIK_WAYAN, member
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    ProducerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop():
    return CooperativeFactory(name="KUD Mina Segara")


def _code(email: str) -> str:
    body = OutgoingEmail.objects.filter(to=email).latest("pk").body
    return re.search(r"\b(\d{6})\b", body).group(1)


def test_a_member_signs_in_with_an_emailed_code_once(coop):
    siti = member(coop, email="siti@example.com")
    client = Client()
    url = f"/anggota/{coop.pk}/masuk/kode/"
    sent = client.post(url, {"number": siti.number, "action": "send"})
    assert sent.status_code == 200
    assert "kode" in sent.content.decode().lower()
    code = _code("siti@example.com")

    wrong = client.post(url, {"number": siti.number, "code": "12345x", "action": "sign-in"})
    assert wrong.status_code == 400
    assert 'id="id_code-error"' in wrong.content.decode()
    signed_in = client.post(url, {"number": siti.number, "code": code, "action": "sign-in"})
    assert signed_in["Location"] == f"/anggota/{coop.pk}/saya/"
    assert "Siti Aminah" in client.get(signed_in["Location"]).content.decode()

    again = Client().post(url, {"number": siti.number, "code": code, "action": "sign-in"})
    assert again.status_code == 400  # used up


def test_a_member_reads_the_submitted_rat_report_never_a_draft(coop):
    siti = member(coop, user=UserFactory())
    report = submitted_report(coop)
    draft = draft_report(coop, financial_year=2024)
    client = Client()
    client.force_login(siti.user)

    listing = client.get(f"/anggota/{coop.pk}/saya/rat/").content.decode()
    assert f"/anggota/{coop.pk}/saya/rat/{report.pk}/" in listing
    assert f"/saya/rat/{draft.pk}/" not in listing
    page = client.get(f"/anggota/{coop.pk}/saya/rat/{report.pk}/").content.decode()
    assert "Rp1.000.000.000" in page  # total assets
    assert "Rp100.000.000" in page  # SHU bersih
    assert client.get(f"/anggota/{coop.pk}/saya/rat/{draft.pk}/").status_code == 404

    other = CooperativeFactory()
    theirs = submitted_report(other)
    assert client.get(f"/anggota/{coop.pk}/saya/rat/{theirs.pk}/").status_code == 404
    assert client.get(f"/anggota/{other.pk}/saya/rat/").status_code == 404
    assert client.get(f"/anggota/{other.pk}/saya/rat/{theirs.pk}/").status_code == 404


def test_member_a_never_sees_member_b(coop):
    siti = member(coop, user=UserFactory(), producer=ProducerFactory(cooperative=coop))
    wayan = member(
        coop, name="Wayan Sudarma", nik=NIK_WAYAN, sex="L", user=UserFactory(),
        producer=ProducerFactory(cooperative=coop, name="Kopi Pak Wayan"),
    )  # fmt: skip
    client = Client()
    client.force_login(siti.user)
    own = client.get(f"/anggota/{coop.pk}/saya/penjualan/")
    assert own.status_code == 200
    assert siti.producer.name in own.content.decode()
    assert "Kopi Pak Wayan" not in own.content.decode()
    csv = client.get(
        f"/anggota/{coop.pk}/saya/penjualan/?starts_on=2026-01-01&ends_on=2026-01-31&format=csv"
    )
    assert csv["Content-Type"].startswith("text/csv")
    assert "Wayan" not in client.get(f"/anggota/{coop.pk}/saya/").content.decode()

    stranger = Client()
    stranger.force_login(UserFactory())
    for path in ("saya/", "saya/rat/", "saya/penjualan/"):
        assert stranger.get(f"/anggota/{coop.pk}/{path}").status_code == 404
    assert wayan.user != siti.user


def test_a_member_without_a_producer_has_no_statement(coop):
    siti = member(coop, user=UserFactory())
    client = Client()
    client.force_login(siti.user)
    assert client.get(f"/anggota/{coop.pk}/saya/penjualan/").status_code == 404
    assert "/saya/penjualan/" not in client.get(f"/anggota/{coop.pk}/saya/").content.decode()


def test_the_rat_form_takes_its_member_counts_from_the_register(coop):
    admin = CooperativeStaffFactory(cooperative=coop, role="admin").user
    member(coop)  # Siti, P
    member(coop, name="Wayan Sudarma", nik=NIK_WAYAN, sex="L")
    member(coop, name="Ayu", nik="3319014501900003")
    left = member(coop, name="Made", nik="3319011203850004", sex="L")
    from marketplace.members.services import member_update

    member_update(member=left, status="keluar", status_changed_on=left.joined_on)
    report = draft_report(coop, members_male=None, members_female=None, members_present=None)
    client = Client()
    client.force_login(admin)
    page = client.get(f"/koperasi/{coop.pk}/rat/{report.pk}/rapat/").content.decode()
    assert re.search(r'name="members_male"[^>]*value="1"', page)  # Wayan (Made left)
    assert re.search(r'name="members_female"[^>]*value="2"', page)  # Siti and Ayu
    assert "register" in page.lower() or "daftar anggota" in page.lower()

    # editable: what the pengurus types is kept and shown from then on
    client.post(
        f"/koperasi/{coop.pk}/rat/{report.pk}/rapat/",
        {"rat_date": "2026-03-15", "method": "tatap_muka", "members_male": "5",
         "members_female": "7", "members_present": "10"},
    )  # fmt: skip
    report = RatReport.objects.get(pk=report.pk)
    assert (report.members_male, report.members_female) == (5, 7)
    page = client.get(f"/koperasi/{coop.pk}/rat/{report.pk}/rapat/").content.decode()
    assert re.search(r'name="members_male"[^>]*value="5"', page)


def test_without_a_register_the_rat_form_is_not_prefilled(coop):
    admin = CooperativeStaffFactory(cooperative=coop, role="admin").user
    report = draft_report(coop, members_male=None, members_female=None, members_present=None)
    client = Client()
    client.force_login(admin)
    page = client.get(f"/koperasi/{coop.pk}/rat/{report.pk}/rapat/").content.decode()
    assert not re.search(r'name="members_male"[^>]*value="', page)
