"""The RAT meeting over /graphql/: an admin creates it and opens an item, members confirm
and vote once (ALREADY_VOTED the second time), results are null without quorum, and
another cooperative's admin or member is refused and changes nothing; an anonymous visitor
is refused the meetings even when the cooperative has a member without an account."""

from __future__ import annotations

import pytest

from coop_reporting.meetings.models import Attendance, RatMeeting, Vote
from tests.coop_reporting.meetings.helpers import meeting, members
from tests.factories.accounts import UserFactory
from tests.factories.members import member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid, token_for

pytestmark = pytest.mark.django_db

CREATE = """
mutation Create($cooperative: ID!, $input: RatMeetingCreateInput!) {
  ratMeetingCreate(cooperative: $cooperative, input: $input) {
    meeting { id financialYear method quorum { numerator denominator }
              items { id position title status } }
    errors { field message code }
  }
}
"""
MEETINGS = """
query Meetings($cooperative: ID!) {
  ratMeetings(cooperative: $cooperative) {
    id iAttend quorum { activeMembers present needed met }
    items { title votesCast agree disagree decision myVote }
  }
}
"""
NOTICE = "mutation($id: ID!) { ratMeetingNoticeSend(id: $id) { emailsSent errors { code } } }"
CONFIRM = """mutation($id: ID!) { ratMeetingAttendanceConfirm(id: $id) {
  meeting { iAttend } errors { field code } } }"""
STATUS = """mutation($id: ID!, $status: RatAgendaItemStatusEnum!) {
  ratAgendaItemStatusUpdate(id: $id, status: $status) { item { status } errors { code } } }"""
VOTE = """mutation($id: ID!, $choice: RatVoteChoiceEnum!) {
  ratAgendaItemVote(id: $id, choice: $choice) { item { myVote } errors { field message code } } }"""


@pytest.fixture
def coop():
    return CooperativeFactory(name="KSP Flores Sejahtera")


def test_an_admin_creates_a_meeting_and_a_bad_quorum_is_a_field_error(gql, coop):
    admin = CooperativeStaffFactory(cooperative=coop, role="admin").user
    variables = {
        "cooperative": gid("Cooperative", coop.pk),
        "input": {
            "financialYear": 2026,
            "startsAt": "2027-02-20T09:00:00+08:00",
            "method": "HYBRID",
            "agenda": ["Laporan pengurus", "Pembagian SHU"],
            "quorumNumerator": 2,
            "quorumDenominator": 1,
        },
    }
    result = gql.execute(CREATE, variables, token=token_for(admin))["data"]["ratMeetingCreate"]
    assert result["errors"] == [
        {
            "field": "quorumNumerator",
            "message": "The quorum must be a fraction below one, such as 1/2 or 2/3.",
            "code": "INVALID_QUORUM",
        }
    ]
    assert not RatMeeting.objects.exists()
    del variables["input"]["quorumNumerator"], variables["input"]["quorumDenominator"]
    result = gql.execute(CREATE, variables, token=token_for(admin))["data"]["ratMeetingCreate"]
    assert result["errors"] == []
    assert result["meeting"]["quorum"] == {"numerator": 1, "denominator": 2}
    assert [i["title"] for i in result["meeting"]["items"]] == ["Laporan pengurus", "Pembagian SHU"]


def test_members_vote_once_and_results_wait_for_the_quorum(gql, coop):
    admin = CooperativeStaffFactory(cooperative=coop, role="admin").user
    people = members(coop, 3)
    rapat = meeting(coop)
    item = rapat.items.get(position=1)
    meeting_id, item_id = gid("RatMeeting", rapat.pk), gid("RatAgendaItem", item.pk)
    assert (
        gql.execute(NOTICE, {"id": meeting_id}, token=token_for(admin))["data"][
            "ratMeetingNoticeSend"
        ]["emailsSent"]
        == 3
    )
    gql.execute(STATUS, {"id": item_id, "status": "OPEN"}, token=token_for(admin))

    siti = token_for(people[0].user)
    assert gql.execute(CONFIRM, {"id": meeting_id}, token=siti)["data"][
        "ratMeetingAttendanceConfirm"
    ]["meeting"] == {"iAttend": True}
    gql.execute(VOTE, {"id": item_id, "choice": "YES"}, token=siti)
    again = gql.execute(VOTE, {"id": item_id, "choice": "NO"}, token=siti)
    assert again["data"]["ratAgendaItemVote"]["errors"][0]["code"] == "ALREADY_VOTED"

    seen = gql.execute(MEETINGS, {"cooperative": gid("Cooperative", coop.pk)}, token=siti)
    (found,) = seen["data"]["ratMeetings"]
    assert found["quorum"] == {"activeMembers": 3, "present": 1, "needed": 2, "met": False}
    assert found["items"][0]["agree"] is None
    assert found["items"][0]["myVote"] == "YES"

    wayan = token_for(people[1].user)
    gql.execute(CONFIRM, {"id": meeting_id}, token=wayan)
    gql.execute(VOTE, {"id": item_id, "choice": "YES"}, token=wayan)
    seen = gql.execute(MEETINGS, {"cooperative": gid("Cooperative", coop.pk)}, token=wayan)
    assert seen["data"]["ratMeetings"][0]["items"][0]["agree"] == 2
    assert Vote.objects.filter(item=item).count() == 2


def test_another_cooperatives_admin_and_member_are_refused(gql, coop):
    members(coop, 1)
    rapat = meeting(coop)
    rapat.notice_sent_at = rapat.created_at
    rapat.save()
    other = CooperativeFactory()
    (stranger,) = members(other, 1, start=60)
    admin_b = CooperativeStaffFactory(cooperative=other, role="admin").user
    meeting_id = gid("RatMeeting", rapat.pk)
    item_id = gid("RatAgendaItem", rapat.items.first().pk)
    assert_permission_denied(gql.execute(NOTICE, {"id": meeting_id}, token=token_for(admin_b)))
    assert_permission_denied(
        gql.execute(STATUS, {"id": item_id, "status": "OPEN"}, token=token_for(admin_b))
    )
    assert_permission_denied(
        gql.execute(CONFIRM, {"id": meeting_id}, token=token_for(stranger.user))
    )
    assert_permission_denied(
        gql.execute(
            MEETINGS, {"cooperative": gid("Cooperative", coop.pk)}, token=token_for(admin_b)
        )
    )
    assert not Attendance.objects.exists()


def test_an_anonymous_visitor_is_refused_the_meetings_of_a_cooperative_with_offline_members(
    gql, coop
):
    (siti,) = members(coop, 1)
    member(coop, name="Yohanes Bata", nik="3319014501990001")  # no account
    rapat = meeting(coop)
    rapat.notice_sent_at = rapat.created_at
    rapat.save()
    variables = {"cooperative": gid("Cooperative", coop.pk)}

    assert_permission_denied(gql.execute(MEETINGS, variables))
    assert_permission_denied(gql.execute(MEETINGS, variables, token=token_for(UserFactory())))
    seen = gql.execute(MEETINGS, variables, token=token_for(siti.user))
    assert [found["id"] for found in seen["data"]["ratMeetings"]] == [gid("RatMeeting", rapat.pk)]
