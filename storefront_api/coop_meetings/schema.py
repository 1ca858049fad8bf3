"""Root fields of the RAT meeting online (Lumbung-only).

``ratMeetings``: the cooperative's staff and platform staff see every meeting; an active
member sees the meetings whose notice was sent; anyone else gets ``PermissionDenied``.
The mutations: the cooperative's admins create a meeting, send its notice, mark members
present in person and open or close agenda items; a member confirms their attendance
and votes (one member, one vote). Rules live in ``coop_reporting.meetings.services``.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from coop_reporting.meetings import selectors, services
from coop_reporting.meetings.error_codes import RatMeetingErrorCode
from coop_reporting.meetings.models import AgendaItem, RatMeeting
from marketplace import permissions
from marketplace.members.models import Member
from storefront_api.coop_meetings.types import (
    RatAgendaItem,
    RatAgendaItemStatusEnum,
    RatMeetingError,
    RatMeetingMethodEnum,
    RatVoteChoiceEnum,
)
from storefront_api.coop_meetings.types import RatMeeting as RatMeetingType
from storefront_api.coop_members.mutations.common import cooperative_by_id
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id

NOT_FOUND = RatMeetingErrorCode.NOT_FOUND


def _meeting(info: Any, value: str, *, admin: bool) -> RatMeeting:
    meeting = get_by_global_id(
        RatMeeting.objects.select_related("cooperative"),
        value,
        type_name="RatMeeting",
        field="id",
        error_code=NOT_FOUND,
    )
    if admin:
        viewer = access.viewer(info)
        access.require(permissions.can_administer_cooperative(viewer, meeting.cooperative_id))
    return meeting


def _item(info: Any, value: str) -> AgendaItem:
    return get_by_global_id(
        AgendaItem.objects.select_related("meeting__cooperative"),
        value,
        type_name="RatAgendaItem",
        field="id",
        error_code=NOT_FOUND,
    )


def _me(info: Any, meeting: RatMeeting) -> Member:
    member = selectors.member_of_meeting(access.viewer(info), meeting)
    if member is None or meeting.notice_sent_at is None:
        raise PermissionDenied()
    return member


class RatMeetingCreateInput(graphene.InputObjectType):
    financial_year = graphene.Int(required=True, description="The financial year it closes.")
    starts_at = graphene.DateTime(required=True, description="Date and time.")
    method = RatMeetingMethodEnum(description="How it is held; electronic by default.")
    place = graphene.String(description="Place, for in-person or hybrid meetings.")
    online_link = graphene.String(description="Online meeting link.")
    agenda = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Agenda items in order."
    )
    quorum_numerator = graphene.Int(description="The AD/ART quorum fraction's numerator.")
    quorum_denominator = graphene.Int(description="The AD/ART quorum fraction's denominator.")


class RatMeetingCreate(BaseMutation):
    meeting = graphene.Field(RatMeetingType, description="The new meeting.")

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        input = RatMeetingCreateInput(required=True, description="The meeting.")

    class Meta:
        description = (
            "Creates a RAT meeting with its agenda. The quorum defaults to more than half "
            "of the active members. Requires the cooperative's admins."
        )
        error_type_class = RatMeetingError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, cooperative: str, input: Any
    ) -> Any:
        found = cooperative_by_id(cooperative)
        access.require(permissions.can_administer_cooperative(access.viewer(info), found.pk))
        data: dict[str, Any] = {
            key: getattr(value, "value", value) for key, value in dict(input).items()
        }
        quorum = None
        if data.get("quorum_numerator") is not None or data.get("quorum_denominator"):
            quorum = (data.get("quorum_numerator") or 0, data.get("quorum_denominator") or 0)
        meeting = services.meeting_create(
            cooperative=found,
            financial_year=data["financial_year"],
            starts_at=data["starts_at"],
            agenda=data["agenda"],
            method=data.get("method") or "elektronik",
            place=data.get("place") or "",
            online_link=data.get("online_link") or "",
            quorum=quorum,
        )
        return cls(meeting=meeting)


class RatMeetingNoticeSend(BaseMutation):
    meeting = graphene.Field(RatMeetingType, description="The meeting.")
    emails_sent = graphene.Int(description="E-mails queued to active members.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the meeting.")

    class Meta:
        description = "E-mails the notice to the active members. Requires the cooperative's admins."
        error_type_class = RatMeetingError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, id: str) -> Any:
        meeting = _meeting(info, id, admin=True)
        count = services.notice_send(meeting=meeting)
        return cls(meeting=meeting, emails_sent=count)


class RatMeetingAttendanceMark(BaseMutation):
    meeting = graphene.Field(RatMeetingType, description="The meeting.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the meeting.")
        member = graphene.ID(required=True, description="ID of the member present in person.")

    class Meta:
        description = "Marks a member present in person. Requires the cooperative's admins."
        error_type_class = RatMeetingError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, member: str
    ) -> Any:
        meeting = _meeting(info, id, admin=True)
        found = get_by_global_id(
            Member.objects.all(),
            member,
            type_name="CooperativeMember",
            field="member",
            error_code=NOT_FOUND,
        )
        services.attendance_record(
            meeting=meeting, member=found, way="in_person", actor=access.viewer(info)
        )
        return cls(meeting=meeting)


class RatMeetingAttendanceConfirm(BaseMutation):
    meeting = graphene.Field(RatMeetingType, description="The meeting.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the meeting.")

    class Meta:
        description = "The signed-in member confirms their attendance online."
        error_type_class = RatMeetingError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, id: str) -> Any:
        meeting = _meeting(info, id, admin=False)
        services.attendance_record(meeting=meeting, member=_me(info, meeting), way="online")
        return cls(meeting=meeting)


class RatAgendaItemStatusUpdate(BaseMutation):
    item = graphene.Field(RatAgendaItem, description="The agenda item.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the agenda item.")
        status = RatAgendaItemStatusEnum(required=True, description="OPEN or CLOSED.")

    class Meta:
        description = "Opens or closes voting on an agenda item. Requires the cooperative's admins."
        error_type_class = RatMeetingError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, status: Any
    ) -> Any:
        item = _item(info, id)
        viewer = access.viewer(info)
        access.require(permissions.can_administer_cooperative(viewer, item.meeting.cooperative_id))
        services.item_set_status(item=item, status=getattr(status, "value", status))
        return cls(item=item)


class RatAgendaItemVote(BaseMutation):
    item = graphene.Field(RatAgendaItem, description="The agenda item.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the agenda item.")
        choice = RatVoteChoiceEnum(required=True, description="The vote.")

    class Meta:
        description = (
            "The signed-in member votes on an open agenda item: one member, one vote (a "
            "second vote is refused with ALREADY_VOTED); only members who attend."
        )
        error_type_class = RatMeetingError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, choice: Any
    ) -> Any:
        item = _item(info, id)
        member = _me(info, item.meeting)
        services.vote_cast(item=item, member=member, choice=getattr(choice, "value", choice))
        return cls(item=item)


class CoopMeetingsQueries(graphene.ObjectType):
    rat_meetings = graphene.List(
        graphene.NonNull(RatMeetingType),
        required=True,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        description="A cooperative's RAT meetings, newest first: all for its staff and "
        "platform staff; those with a notice sent for its active members.",
    )

    @staticmethod
    def resolve_rat_meetings(root: Any, info: graphene.ResolveInfo, *, cooperative: str) -> Any:
        try:
            found = cooperative_by_id(cooperative)
        except ValidationError:
            raise PermissionDenied() from None
        viewer = access.viewer(info)
        if permissions.can_work_for_cooperative(viewer, found.pk):
            return list(RatMeeting.objects.filter(cooperative=found))
        # Only a signed-in viewer is looked up: ``user_id=None`` would match the
        # cooperative's members without an account and let an anonymous visitor through.
        access.require(
            permissions.is_signed_in(viewer)
            and Member.objects.filter(user_id=viewer.pk, cooperative=found).exists()
        )
        return list(selectors.meetings_for_member(viewer, found.pk))


class CoopMeetingsMutations(graphene.ObjectType):
    rat_meeting_create = RatMeetingCreate.Field()
    rat_meeting_notice_send = RatMeetingNoticeSend.Field()
    rat_meeting_attendance_mark = RatMeetingAttendanceMark.Field()
    rat_meeting_attendance_confirm = RatMeetingAttendanceConfirm.Field()
    rat_agenda_item_status_update = RatAgendaItemStatusUpdate.Field()
    rat_agenda_item_vote = RatAgendaItemVote.Field()
