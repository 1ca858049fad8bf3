"""The RAT meeting pages through Django's test client: the admin creates a meeting with
its agenda, sends the notice, marks attendance, opens items and downloads the minutes;
a member confirms attendance and votes once; another cooperative's admin, a member of
another cooperative and a stranger get 404; bad input is refused next to the field."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from coop_reporting.meetings.models import Attendance, RatMeeting, Vote
from coop_reporting.rat import services as rat_services
from marketplace.core.models import OutgoingEmail
from tests.coop_reporting.meetings.helpers import meeting, members
from tests.factories.accounts import UserFactory
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def coop():
    return CooperativeFactory(name="KSP Flores Sejahtera")


@pytest.fixture
def admin(coop):
    return CooperativeStaffFactory(cooperative=coop, role="admin").user


def test_the_admin_creates_a_meeting_and_a_bad_quorum_is_refused_next_to_the_field(coop, admin):
    client = _client(admin)
    url = f"/koperasi/{coop.pk}/rat/rapat/"
    data = {
        "financial_year": 2026,
        "date": "2027-02-20",
        "time": "09:00",
        "method": "hybrid",
        "place": "Balai Desa Wolotopo",
        "agenda": "Laporan pengurus\n\nPembagian SHU\n",
        "quorum_numerator": 3,
        "quorum_denominator": 2,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "pecahan di bawah satu" in response.content.decode()
    assert not RatMeeting.objects.exists()

    response = client.post(url, {**data, "quorum_numerator": 2, "quorum_denominator": 3})
    rapat = RatMeeting.objects.get()
    assert response["Location"] == f"{url}{rapat.pk}/"
    titles = list(rapat.items.values_list("title", flat=True))
    assert titles == ["Laporan pengurus", "Pembagian SHU"]
    assert (rapat.quorum_numerator, rapat.quorum_denominator) == (2, 3)


def test_outsiders_get_404(coop):
    (siti,) = members(coop, 1)
    rapat = meeting(coop)
    other = CooperativeFactory()
    (other_member,) = members(other, 1, start=50)
    admin_b = CooperativeStaffFactory(cooperative=other, role="admin").user
    base = f"/koperasi/{coop.pk}/rat/rapat/"
    for user in (admin_b, other_member.user, siti.user, UserFactory()):
        for path in ("", f"{rapat.pk}/", f"{rapat.pk}/notulen/"):
            assert _client(user).get(base + path).status_code == 404, (user, path)
    member_url = f"/anggota/{coop.pk}/rapat/{rapat.pk}/"
    rapat.notice_sent_at = rapat.created_at
    rapat.save()
    for user in (admin_b, other_member.user, UserFactory()):
        assert _client(user).post(member_url, {"action": "attend"}).status_code == 404
    assert not Attendance.objects.exists()


def test_the_notice_the_attendance_the_vote_and_the_minutes(coop, admin):
    people = members(coop, 3)
    rapat = meeting(coop)
    item = rapat.items.get(position=1)
    office = _client(admin)
    base = f"/koperasi/{coop.pk}/rat/rapat/{rapat.pk}/"

    office.post(base + "undangan/")
    assert OutgoingEmail.objects.count() == 3
    assert f"/anggota/{coop.pk}/rapat/{rapat.pk}/" in OutgoingEmail.objects.first().body
    page = office.get(base).content.decode()
    assert "https://wa.me/?text=" in page

    office.post(base + "hadir/", {"member": people[1].pk})
    office.post(base + f"acara/{item.pk}/", {"status": "open"})

    siti = _client(people[0].user)
    member_url = f"/anggota/{coop.pk}/rapat/{rapat.pk}/"
    assert "Balai Desa Wolotopo" in siti.get(member_url).content.decode()
    siti.post(member_url, {"action": "attend"})
    siti.post(member_url, {"item": item.pk, "choice": "yes"})
    response = siti.post(member_url, {"item": item.pk, "choice": "no"})
    assert response.status_code == 400
    assert "sudah memberi suara" in response.content.decode()
    _client(people[1].user).post(member_url, {"item": item.pk, "choice": "yes"})
    assert Vote.objects.filter(item=item).count() == 2

    office.post(base + f"acara/{item.pk}/", {"status": "closed"})
    pdf = office.get(base + "notulen/")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Anggota 1" in text
    assert "Disetujui" in text

    report = rat_services.rat_report_create(cooperative=coop, financial_year=2026, actor=None)
    office.post(base + "laporan/")
    report.refresh_from_db()
    assert report.members_present == 2
