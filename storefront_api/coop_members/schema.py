"""Root fields of a cooperative's member registry (Lumbung-only).

``cooperativeMembers`` and ``memberApplications``: the cooperative's staff (NIKs masked
except to its admins) and platform staff (masked); ``cooperativeMemberCounts``: also the
Dinas officers supervising it, who see counts only. Anyone else: ``PermissionDenied``.
``myCooperativeMemberships``: a member's own records only; ``memberTokenCreate`` signs a
member in with their cooperative, member number and password.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from coop_reporting.supervision.selectors import member_counts_for
from marketplace import permissions
from marketplace.members import selectors
from storefront_api.coop_members.member_area import MemberAreaQueries
from storefront_api.coop_members.mutations.applications import (
    MemberApplicationApprove,
    MemberApplicationReject,
    MemberApplicationSubmit,
)
from storefront_api.coop_members.mutations.common import cooperative_by_id
from storefront_api.coop_members.mutations.member_sign_in_code import (
    MemberCodeTokenCreate,
    MemberSignInCodeSend,
)
from storefront_api.coop_members.mutations.member_token_create import MemberTokenCreate
from storefront_api.coop_members.mutations.members import (
    CooperativeMemberCreate,
    CooperativeMemberInvitationResend,
    CooperativeMemberUpdate,
    MemberSavingsRecord,
)
from storefront_api.coop_members.types import (
    CooperativeMember,
    CooperativeMemberCountableConnection,
    CooperativeMemberCounts,
    MemberApplicationCountableConnection,
    MemberApplicationStatusEnum,
)
from storefront_api.core.connection import connection_args, resolve_connection
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.village_hubs import access


def _cooperative(info: Any, value: str) -> Any:
    """The cooperative; an unknown one is ``PermissionDenied``, as one the viewer may not see."""
    try:
        return cooperative_by_id(value)
    except ValidationError:
        raise PermissionDenied() from None


class CoopMembersQueries(MemberAreaQueries, graphene.ObjectType):
    cooperative_members = graphene.Field(
        CooperativeMemberCountableConnection,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        search=graphene.String(description="A member number, part of a name or a whole NIK."),
        description="A cooperative's members by number. Requires the cooperative's staff or "
        "platform staff; NIKs are masked except for the cooperative's admins.",
        **connection_args(),
    )
    cooperative_member_counts = graphene.Field(
        CooperativeMemberCounts,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        description="A cooperative's member counts. Requires its staff, platform staff or a "
        "Dinas officer supervising it.",
    )
    my_cooperative_memberships = graphene.List(
        graphene.NonNull(CooperativeMember),
        required=True,
        description="The signed-in user's own memberships (one per cooperative), with "
        "their savings; empty for anyone else.",
    )
    member_applications = graphene.Field(
        MemberApplicationCountableConnection,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        status=MemberApplicationStatusEnum(description="Only applications in this state."),
        description="Applications to join a cooperative, oldest first. Requires the "
        "cooperative's admins or platform staff.",
        **connection_args(),
    )

    @staticmethod
    def resolve_cooperative_members(
        root: Any, info: graphene.ResolveInfo, *, cooperative: str, **args: Any
    ) -> Any:
        found = _cooperative(info, cooperative)
        access.require(permissions.can_see_members(access.viewer(info), found.pk))
        queryset = selectors.members_of(found, args.get("search") or "")
        return resolve_connection(
            queryset, info, args, CooperativeMemberCountableConnection, order_by=["number"]
        )

    @staticmethod
    def resolve_cooperative_member_counts(
        root: Any, info: graphene.ResolveInfo, *, cooperative: str
    ) -> Any:
        counts = member_counts_for(access.viewer(info), _cooperative(info, cooperative))
        access.require(counts is not None)
        return CooperativeMemberCounts(**vars(counts))

    @staticmethod
    def resolve_my_cooperative_memberships(root: Any, info: graphene.ResolveInfo) -> Any:
        return list(selectors.memberships_of(access.viewer(info)))

    @staticmethod
    def resolve_member_applications(
        root: Any, info: graphene.ResolveInfo, *, cooperative: str, **args: Any
    ) -> Any:
        found = _cooperative(info, cooperative)
        access.require(permissions.can_manage_members(access.viewer(info), found.pk))
        queryset = selectors.applications_of(found)
        if args.get("status") is not None:
            queryset = queryset.filter(status=getattr(args["status"], "value", args["status"]))
        return resolve_connection(
            queryset, info, args, MemberApplicationCountableConnection, order_by=["created_at"]
        )


class CoopMembersMutations(graphene.ObjectType):
    member_token_create = MemberTokenCreate.Field()
    member_sign_in_code_send = MemberSignInCodeSend.Field()
    member_code_token_create = MemberCodeTokenCreate.Field()
    cooperative_member_create = CooperativeMemberCreate.Field()
    cooperative_member_update = CooperativeMemberUpdate.Field()
    cooperative_member_invitation_resend = CooperativeMemberInvitationResend.Field()
    member_savings_record = MemberSavingsRecord.Field()
    member_application_submit = MemberApplicationSubmit.Field()
    member_application_approve = MemberApplicationApprove.Field()
    member_application_reject = MemberApplicationReject.Field()
