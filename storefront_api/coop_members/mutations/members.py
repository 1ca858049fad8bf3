"""Registering members, changing them, sending their invitation again and recording their
savings (the cooperative's admins and platform staff)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.members import access as member_access
from marketplace.members import services
from storefront_api.coop_members.mutations.common import (
    managed_cooperative,
    managed_member,
    personal_data,
)
from storefront_api.coop_members.types import (
    CooperativeMember,
    MemberError,
    MemberSexEnum,
    MemberStatusEnum,
    SavingsKindEnum,
)
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access


class MemberPersonalInput(graphene.InputObjectType):
    name = graphene.String(description="Full name as on the KTP.")
    nik = graphene.String(description="NIK: 16 digits.")
    sex = MemberSexEnum(description="L or P.")
    village = graphene.String(description="Kemendagri code of the village (51.03.05.2001).")
    phone = graphene.String(description="Phone number (08…, 62… or +62…).")
    email = graphene.String(description="E-mail address.")


class CooperativeMemberCreateInput(MemberPersonalInput):
    cooperative = graphene.ID(required=True, description="ID of the cooperative.")
    number = graphene.Int(description="Member number; the next free one when omitted.")
    joined_on = graphene.Date(required=True, description="Date joined.")


class CooperativeMemberUpdateInput(MemberPersonalInput):
    joined_on = graphene.Date(description="Date joined.")
    status = MemberStatusEnum(description="Membership status.")
    status_changed_on = graphene.Date(description="Date of leaving or death.")


def _plain(data: Any) -> dict[str, Any]:
    return {key: getattr(value, "value", value) for key, value in dict(data).items()}


class CooperativeMemberCreate(BaseMutation):
    member = graphene.Field(CooperativeMember, description="The new member.")

    class Arguments:
        input = CooperativeMemberCreateInput(required=True, description="The member's data.")

    class Meta:
        description = "Registers a member of a cooperative. Requires the cooperative's admins."
        error_type_class = MemberError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any) -> Any:
        data = _plain(input)
        cooperative = managed_cooperative(info, data["cooperative"])
        member = services.member_create(
            cooperative=cooperative,
            number=data.get("number"),
            joined_on=data["joined_on"],
            **personal_data(data),
        )
        return cls(member=member)


class CooperativeMemberUpdate(BaseMutation):
    member = graphene.Field(CooperativeMember, description="The changed member.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the member.")
        input = CooperativeMemberUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = "Changes a member's data or status. Requires the cooperative's admins."
        error_type_class = MemberError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: Any
    ) -> Any:
        member = managed_member(info, id)
        data = _plain(input)
        changes = personal_data(data)
        changes.update(
            {k: data[k] for k in ("joined_on", "status", "status_changed_on") if k in data}
        )
        return cls(member=services.member_update(member=member, **changes))


class CooperativeMemberInvitationResend(BaseMutation):
    member = graphene.Field(CooperativeMember, description="The member invited again.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the member.")

    class Meta:
        description = (
            "E-mails an active member who has not set a password yet a new invitation link; "
            "the links sent before stop working. Sent again too soon (within "
            "MEMBER_INVITATION_RESEND_MINUTES): INVITATION_RESENT_TOO_SOON and nothing is "
            "sent. Requires the cooperative's admins."
        )
        error_type_class = MemberError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, id: str) -> Any:
        member = managed_member(info, id)
        member_access.member_invitation_resend(member=member, actor=access.require_signed_in(info))
        return cls(member=member)


class MemberSavingsRecordInput(graphene.InputObjectType):
    kind = SavingsKindEnum(required=True, description="Kind of savings.")
    amount = graphene.Int(
        required=True, description="Whole rupiah: positive for a deposit, negative to withdraw."
    )
    date = graphene.Date(required=True, description="Day of the movement.")
    note = graphene.String(description="A note.")
    idempotency_key = graphene.String(
        required=True,
        description="Your key for this movement (1–64 characters): sending it again records "
        "nothing more.",
    )


class MemberSavingsRecord(BaseMutation):
    member = graphene.Field(CooperativeMember, description="The member with new balances.")
    created = graphene.Boolean(description="False when this key was already recorded.")

    class Arguments:
        member = graphene.ID(required=True, description="ID of the member.")
        input = MemberSavingsRecordInput(required=True, description="The movement.")

    class Meta:
        description = (
            "Records a deposit or withdrawal of a member's savings, once per idempotency "
            "key; no balance goes below zero. Requires the cooperative's admins."
        )
        error_type_class = MemberError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, member: str, input: Any
    ) -> Any:
        found = managed_member(info, member, field="member")
        data = _plain(input)
        _movement, created = services.savings_record(
            member=found,
            kind=data["kind"],
            amount=data["amount"],
            occurred_on=data["date"],
            idempotency_key=data["idempotency_key"],
            note=data.get("note") or "",
            actor=access.require_signed_in(info),
        )
        return cls(member=found, created=created)
