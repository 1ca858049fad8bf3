"""Types of a cooperative's member registry and membership applications (Lumbung-only).

A member's or applicant's ``nik`` is given in clear only to the person themself and to
the cooperative's admins (``marketplace.permissions.can_see_member_nik``); everyone else
who may see the member reads it masked (``3319********0001``).
"""

from __future__ import annotations

from typing import Any

import graphene

from marketplace import permissions
from marketplace.members.error_codes import MemberErrorCode as _MemberErrorCode
from marketplace.members.models import ApplicationStatus, MemberStatus, SavingsKind, Sex
from marketplace.members.models import Member as MemberModel
from marketplace.members.models import MemberApplication as ApplicationModel
from storefront_api.core.connection import CountableConnection
from storefront_api.core.enums import to_graphene_enum
from storefront_api.core.types import Error, plain
from storefront_api.village_hubs import access
from storefront_api.village_hubs.types import Village

MemberErrorCode = to_graphene_enum(_MemberErrorCode, description="Error codes of member mutations.")
MemberSexEnum = graphene.Enum(
    "MemberSexEnum",
    [(value, value) for value in Sex.values],
    description="Sex as the RAT counts it: L or P.",
)
MemberStatusEnum = graphene.Enum(
    "MemberStatusEnum",
    [(value.upper(), value) for value in MemberStatus.values],
    description="Membership status: active (aktif), left (keluar) or deceased (meninggal).",
)
SavingsKindEnum = graphene.Enum(
    "SavingsKindEnum",
    [(value.upper(), value) for value in SavingsKind.values],
    description="Kind of savings: simpanan pokok, wajib or sukarela.",
)
MemberApplicationStatusEnum = graphene.Enum(
    "MemberApplicationStatusEnum",
    [(value.upper(), value) for value in ApplicationStatus.values],
    description="Where an application to join a cooperative stands.",
)


def _nik(info: Any, person: Any) -> str:
    return permissions.member_nik_for(access.viewer(info), person)


class MemberError(Error):
    code = MemberErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a member or membership application mutation."


class MemberSavings(graphene.ObjectType):
    pokok = graphene.Int(required=True, description="Simpanan pokok balance in rupiah.")
    wajib = graphene.Int(required=True, description="Simpanan wajib balance in rupiah.")
    sukarela = graphene.Int(required=True, description="Simpanan sukarela balance in rupiah.")
    total = graphene.Int(required=True, description="All savings in rupiah.")

    class Meta:
        description = "A member's savings balances (each the sum of its movements)."


class CooperativeMember(graphene.ObjectType):
    number = graphene.Int(required=True, description="Member number, unique in the cooperative.")
    name = graphene.String(required=True, description="Full name.")
    nik = graphene.String(
        required=True,
        description="NIK: in clear for the member and the cooperative's admins, else masked.",
    )
    sex = MemberSexEnum(required=True, description="L or P.")
    village = graphene.Field(Village, required=True, description="Village the member lives in.")
    joined_on = graphene.Date(required=True, description="Date joined.")
    status = MemberStatusEnum(required=True, description="Membership status.")
    status_changed_on = graphene.Date(description="Date of leaving or death.")
    savings = graphene.Field(MemberSavings, required=True, description="Savings balances.")

    class Meta:
        description = "A member (anggota) of a cooperative."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, MemberModel)

    @staticmethod
    def resolve_nik(root: MemberModel, info: graphene.ResolveInfo) -> str:
        return _nik(info, root)

    @staticmethod
    def resolve_sex(root: MemberModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.sex)

    @staticmethod
    def resolve_status(root: MemberModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.status)

    @staticmethod
    def resolve_savings(root: MemberModel, info: graphene.ResolveInfo) -> MemberSavings:
        # a member listed by members_of carries its balances (annotations)
        if hasattr(root, "pokok") and hasattr(root, "wajib") and hasattr(root, "sukarela"):
            pokok, wajib, sukarela = root.pokok, root.wajib, root.sukarela
        else:
            from marketplace.members.selectors import members_of

            member = members_of(root.cooperative).get(pk=root.pk)
            pokok, wajib, sukarela = member.pokok, member.wajib, member.sukarela
        total = pokok + wajib + sukarela
        return MemberSavings(pokok=pokok, wajib=wajib, sukarela=sukarela, total=total)


class CooperativeMemberCountableConnection(CountableConnection):
    class Meta:
        node = CooperativeMember


class CooperativeMemberCounts(graphene.ObjectType):
    total = graphene.Int(required=True, description="Members ever registered.")
    active = graphene.Int(required=True, description="Active members.")
    active_male = graphene.Int(required=True, description="Active male members (L).")
    active_female = graphene.Int(required=True, description="Active female members (P).")
    left = graphene.Int(required=True, description="Members who left.")
    deceased = graphene.Int(required=True, description="Members who died.")

    class Meta:
        description = "A cooperative's member counts (what a Dinas officer may see)."


class MemberApplication(graphene.ObjectType):
    name = graphene.String(required=True, description="Full name.")
    nik = graphene.String(
        required=True,
        description="NIK: in clear for the applicant and the cooperative's admins, else masked.",
    )
    sex = MemberSexEnum(required=True, description="L or P.")
    village = graphene.Field(Village, required=True, description="Village of the applicant.")
    phone = graphene.String(description="Phone number (+62…).")
    email = graphene.String(description="E-mail address.")
    status = MemberApplicationStatusEnum(required=True, description="Where it stands.")
    created_at = graphene.DateTime(required=True, description="When it was sent.")
    consented_at = graphene.DateTime(
        required=True, description="When the applicant agreed to the privacy notice."
    )
    privacy_notice_version = graphene.String(
        required=True, description="Version of the privacy notice agreed to."
    )
    rejection_reason = graphene.String(description="Why it was rejected.")
    member = graphene.Field(CooperativeMember, description="The member it made, once approved.")

    class Meta:
        description = "An application to join a cooperative."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ApplicationModel)

    @staticmethod
    def resolve_nik(root: ApplicationModel, info: graphene.ResolveInfo) -> str:
        return _nik(info, root)

    @staticmethod
    def resolve_sex(root: ApplicationModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.sex)

    @staticmethod
    def resolve_status(root: ApplicationModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.status)

    @staticmethod
    def resolve_rejection_reason(root: ApplicationModel, info: graphene.ResolveInfo) -> Any:
        return root.rejection_reason or None


class MemberApplicationCountableConnection(CountableConnection):
    class Meta:
        node = MemberApplication
