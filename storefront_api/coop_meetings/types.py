"""Types of the RAT meeting online (Lumbung-only): the meeting, its quorum and agenda
items with their results (counts withheld, ``null``, until the quorum is met)."""

from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.meetings import selectors
from coop_reporting.meetings.error_codes import RatMeetingErrorCode as _Code
from coop_reporting.meetings.models import AgendaItem as AgendaItemModel
from coop_reporting.meetings.models import AgendaItemStatus, Attendance, Vote, VoteChoice
from coop_reporting.meetings.models import RatMeeting as RatMeetingModel
from coop_reporting.rat.models import RatMethod
from storefront_api.core.enums import to_graphene_enum
from storefront_api.core.types import Error, plain
from storefront_api.village_hubs import access

RatMeetingErrorCode = to_graphene_enum(_Code, description="Error codes of RAT meeting mutations.")
RatMeetingMethodEnum = graphene.Enum(
    "RatMeetingMethodEnum",
    [(value.upper(), value) for value in RatMethod.values],
    description="How the meeting is held: in person, electronic or hybrid.",
)
RatAgendaItemStatusEnum = graphene.Enum(
    "RatAgendaItemStatusEnum",
    [(value.upper(), value) for value in AgendaItemStatus.values],
    description="Whether voting on an agenda item is not opened yet, open or closed.",
)
RatVoteChoiceEnum = graphene.Enum(
    "RatVoteChoiceEnum",
    [(value.upper(), value) for value in VoteChoice.values],
    description="A vote: agree, disagree or abstain.",
)


class RatMeetingError(Error):
    code = RatMeetingErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a RAT meeting mutation."


class RatMeetingQuorum(graphene.ObjectType):
    active_members = graphene.Int(required=True, description="Active members of the cooperative.")
    present = graphene.Int(required=True, description="Active members who attend.")
    needed = graphene.Int(required=True, description="Attendance needed for the quorum.")
    met = graphene.Boolean(required=True, description="Whether the quorum is met.")
    numerator = graphene.Int(required=True, description="The AD/ART fraction's numerator.")
    denominator = graphene.Int(required=True, description="The AD/ART fraction's denominator.")

    class Meta:
        description = "The quorum: more than numerator/denominator of the active members attend."


def _member(info: Any, meeting: RatMeetingModel) -> Any:
    return selectors.member_of_meeting(access.viewer(info), meeting)


class RatAgendaItem(graphene.ObjectType):
    position = graphene.Int(required=True, description="Order in the agenda, from 1.")
    title = graphene.String(required=True, description="The agenda item.")
    status = RatAgendaItemStatusEnum(required=True, description="Voting status.")
    votes_cast = graphene.Int(required=True, description="Votes cast so far.")
    agree = graphene.Int(description="Votes to agree; null until the quorum is met.")
    disagree = graphene.Int(description="Votes to disagree; null until the quorum is met.")
    abstain = graphene.Int(description="Abstentions; null until the quorum is met.")
    decision = graphene.String(required=True, description="The decision, or why there is none.")
    my_vote = RatVoteChoiceEnum(description="The signed-in member's vote, if any.")

    class Meta:
        description = "An agenda item of a RAT meeting and its votes."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, AgendaItemModel)

    @staticmethod
    def _result(root: AgendaItemModel, info: graphene.ResolveInfo) -> Any:
        """The item's result, counting the meeting's votes once per request."""
        cache = info.context.__dict__.setdefault("_rat_meeting_results", {})
        if root.meeting_id not in cache:
            _quorum, results = selectors.results_of(root.meeting)
            cache[root.meeting_id] = {result.item.pk: result for result in results}
        return cache[root.meeting_id][root.pk]

    @staticmethod
    def resolve_status(root: AgendaItemModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.status)

    @staticmethod
    def resolve_votes_cast(root: AgendaItemModel, info: graphene.ResolveInfo) -> int:
        return RatAgendaItem._result(root, info).votes_cast

    @staticmethod
    def resolve_agree(root: AgendaItemModel, info: graphene.ResolveInfo) -> int | None:
        return RatAgendaItem._result(root, info).yes

    @staticmethod
    def resolve_disagree(root: AgendaItemModel, info: graphene.ResolveInfo) -> int | None:
        return RatAgendaItem._result(root, info).no

    @staticmethod
    def resolve_abstain(root: AgendaItemModel, info: graphene.ResolveInfo) -> int | None:
        return RatAgendaItem._result(root, info).abstain

    @staticmethod
    def resolve_decision(root: AgendaItemModel, info: graphene.ResolveInfo) -> str:
        return RatAgendaItem._result(root, info).decision

    @staticmethod
    def resolve_my_vote(root: AgendaItemModel, info: graphene.ResolveInfo) -> Any:
        member = _member(info, root.meeting)
        vote = Vote.objects.filter(item=root, member=member).first() if member else None
        return vote.choice if vote else None


class RatMeeting(graphene.ObjectType):
    financial_year = graphene.Int(required=True, description="The financial year it closes.")
    starts_at = graphene.DateTime(required=True, description="Date and time.")
    method = RatMeetingMethodEnum(required=True, description="How it is held.")
    place = graphene.String(required=True, description="Place (empty when online only).")
    online_link = graphene.String(required=True, description="Online meeting link, or empty.")
    notice_sent_at = graphene.DateTime(description="When the notice was e-mailed.")
    notice_text = graphene.String(required=True, description="The notice to members.")
    notice_whatsapp_url = graphene.String(
        required=True, description="A wa.me link with the notice, to share."
    )
    quorum = graphene.Field(RatMeetingQuorum, required=True, description="The quorum.")
    items = graphene.List(
        graphene.NonNull(RatAgendaItem), required=True, description="The agenda, in order."
    )
    i_attend = graphene.Boolean(
        required=True, description="Whether the signed-in member's attendance is recorded."
    )

    class Meta:
        description = "A cooperative's RAT (annual members' meeting) held online or hybrid."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, RatMeetingModel)

    @staticmethod
    def resolve_method(root: RatMeetingModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.method)

    @staticmethod
    def resolve_notice_text(root: RatMeetingModel, info: graphene.ResolveInfo) -> str:
        return selectors.notice_text(root)

    @staticmethod
    def resolve_notice_whatsapp_url(root: RatMeetingModel, info: graphene.ResolveInfo) -> str:
        return selectors.notice_whatsapp_link(root)

    @staticmethod
    def resolve_quorum(root: RatMeetingModel, info: graphene.ResolveInfo) -> RatMeetingQuorum:
        quorum = selectors.quorum_of(root)
        return RatMeetingQuorum(
            active_members=quorum.active,
            present=quorum.present,
            needed=quorum.needed,
            met=quorum.met,
            numerator=quorum.numerator,
            denominator=quorum.denominator,
        )

    @staticmethod
    def resolve_items(root: RatMeetingModel, info: graphene.ResolveInfo) -> Any:
        return list(root.items.order_by("position"))

    @staticmethod
    def resolve_i_attend(root: RatMeetingModel, info: graphene.ResolveInfo) -> bool:
        member = _member(info, root)
        return bool(member) and Attendance.objects.filter(meeting=root, member=member).exists()
