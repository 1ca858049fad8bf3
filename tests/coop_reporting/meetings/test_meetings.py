"""The RAT meeting online: the quorum of the AD/ART, one member one vote, only active
members of the cooperative who attend vote and only on an open item, results withheld
without quorum, the notice by e-mail and WhatsApp, the minutes PDF, and the RAT report
taking its attendance from the meeting."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from coop_reporting.meetings import selectors, services
from coop_reporting.meetings.minutes import minutes_pdf
from coop_reporting.meetings.models import Vote
from coop_reporting.rat import services as rat_services
from marketplace.core.models import OutgoingEmail
from marketplace.members import services as member_services
from tests.coop_reporting.meetings.helpers import meeting, members
from tests.factories.members import member
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db


def _code(error: ValidationError) -> str:
    return next(iter(error.error_dict.values()))[0].code


@pytest.fixture
def coop():
    return CooperativeFactory(name="KSP Flores Sejahtera")


def _attend(rapat, people, way="online"):
    for person in people:
        services.attendance_record(meeting=rapat, member=person, way=way)


def test_quorum_is_more_than_half_of_active_members_by_default(coop):
    people = members(coop, 4)
    rapat = meeting(coop)
    _attend(rapat, people[:2])
    assert not selectors.quorum_of(rapat).met  # 2 of 4 is half, not more than half
    assert selectors.quorum_of(rapat).needed == 3
    _attend(rapat, people[2:3])
    assert selectors.quorum_of(rapat).met


def test_a_cooperative_sets_its_own_fraction_and_members_who_left_do_not_count(coop):
    people = members(coop, 6)
    member_services.member_update(member=people[5], status="keluar", status_changed_on="2026-06-01")
    rapat = meeting(coop, quorum=(2, 3))  # AD/ART: more than two thirds of 5 active
    _attend(rapat, people[:3])
    assert not selectors.quorum_of(rapat).met
    _attend(rapat, people[3:4])
    assert selectors.quorum_of(rapat).met
    with pytest.raises(ValidationError) as error:
        meeting(coop, financial_year=2025, quorum=(3, 2))
    assert _code(error.value) == "invalid_quorum"


def test_one_member_one_vote_and_only_on_an_open_item(coop):
    people = members(coop, 3)
    rapat = meeting(coop)
    item = rapat.items.get(position=1)
    _attend(rapat, people)
    with pytest.raises(ValidationError) as error:
        services.vote_cast(item=item, member=people[0], choice="yes")
    assert _code(error.value) == "item_not_open"
    services.item_set_status(item=item, status="open")
    services.vote_cast(item=item, member=people[0], choice="yes")
    with pytest.raises(ValidationError) as error:
        services.vote_cast(item=item, member=people[0], choice="no")
    assert _code(error.value) == "already_voted"
    assert Vote.objects.get(item=item, member=people[0]).choice == "yes"
    services.item_set_status(item=item, status="closed")
    with pytest.raises(ValidationError):
        services.vote_cast(item=item, member=people[1], choice="no")
    assert Vote.objects.filter(item=item).count() == 1


def test_absent_members_and_other_cooperatives_members_cannot_vote(coop):
    people = members(coop, 2)
    stranger = member(CooperativeFactory(), nik="3319014501900999")
    rapat = meeting(coop)
    item = rapat.items.first()
    services.item_set_status(item=item, status="open")
    with pytest.raises(ValidationError) as error:
        services.vote_cast(item=item, member=people[0], choice="yes")
    assert _code(error.value) == "not_present"
    with pytest.raises(ValidationError) as error:
        services.attendance_record(meeting=rapat, member=stranger, way="online")
    assert _code(error.value) == "not_a_member"
    with pytest.raises(ValidationError) as error:
        services.vote_cast(item=item, member=stranger, choice="yes")
    assert _code(error.value) == "not_a_member"
    assert not Vote.objects.exists()


def test_results_are_withheld_without_quorum_and_counted_with_it(coop):
    people = members(coop, 3)
    rapat = meeting(coop)
    item = rapat.items.get(position=1)
    services.item_set_status(item=item, status="open")
    _attend(rapat, people[:1])
    services.vote_cast(item=item, member=people[0], choice="yes")
    services.item_set_status(item=item, status="closed")
    quorum, results = selectors.results_of(rapat)
    assert not quorum.met
    assert results[0].yes is None
    assert results[0].decision == "Ditahan: tidak kuorum"
    _attend(rapat, people[1:2], way="in_person")
    quorum, results = selectors.results_of(rapat)
    assert quorum.met
    assert (results[0].yes, results[0].no, results[0].decision) == (1, 0, "Disetujui")


def test_the_notice_goes_to_active_members_by_email_and_as_a_whatsapp_link(
    coop, django_capture_on_commit_callbacks
):
    people = members(coop, 2)
    member(coop, nik="3319014501900777", email="", name="Tanpa Surel")
    rapat = meeting(coop)
    with django_capture_on_commit_callbacks(execute=False):
        assert services.notice_send(meeting=rapat) == 2
    emails = OutgoingEmail.objects.order_by("to")
    assert [e.to for e in emails] == [p.email for p in people]
    assert "Balai Desa Wolotopo" in emails[0].body
    assert "Pembagian SHU 2026" in emails[0].body
    link = selectors.notice_whatsapp_link(rapat)
    assert link.startswith("https://wa.me/?text=")
    assert "KSP Flores Sejahtera" in unquote(link)


def test_the_minutes_pdf_lists_attendance_quorum_and_decisions(coop):
    people = members(coop, 3)
    rapat = meeting(coop)
    _attend(rapat, people[:2])
    votes = (("yes", "yes"), ("no", "abstain"))
    for item, choices in zip(rapat.items.order_by("position"), votes, strict=True):
        services.item_set_status(item=item, status="open")
        for person, choice in zip(people, choices, strict=False):
            services.vote_cast(item=item, member=person, choice=choice)
        services.item_set_status(item=item, status="closed")

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(minutes_pdf(rapat))).pages)

    assert "Anggota 1" in text
    assert "Anggota 2" in text
    assert "Anggota 3" not in text
    assert "2 dari 3 anggota aktif hadir" in text
    assert "Disetujui" in text
    assert "Tidak disetujui" in text


def test_the_rat_report_takes_attendance_method_and_date_from_the_meeting(coop):
    people = members(coop, 3)
    rapat = meeting(coop, method="hybrid")
    _attend(rapat, people[:2])
    report = rat_services.rat_report_create(cooperative=coop, financial_year=2026, actor=None)
    report = services.rat_report_attendance_take(report=report, meeting=rapat, actor=None)
    assert (report.members_present, report.method) == (2, "hybrid")
    assert str(report.rat_date) == "2027-02-20"
