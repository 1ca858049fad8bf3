"""Root fields of members' SHU shares (Lumbung-only).

``cooperativeShu``: every member's share, for the cooperative's staff and platform staff;
``myShu``: the signed-in member's own share only. ``shuAllocationSet`` and
``memberOfflineTransactionRecord``: the cooperative's admins. Anyone else, or an unknown
cooperative: ``PermissionDenied``.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from graphql import GraphQLError

from coop_reporting.shu import selectors, services
from coop_reporting.shu.error_codes import ShuErrorCode
from marketplace import permissions
from marketplace.members.models import Member
from storefront_api.coop_members.mutations.common import cooperative_by_id
from storefront_api.coop_shu.types import CooperativeShuYear, ShuError
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.scalars import Decimal
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id


def _year(value: int) -> int:
    if not services.YEAR_RANGE[0] <= value <= services.YEAR_RANGE[1]:
        raise GraphQLError("No such financial year.")
    return value


def _cooperative(value: str) -> Any:
    try:
        return cooperative_by_id(value)
    except ValidationError:
        raise PermissionDenied() from None


class CoopShuQueries(graphene.ObjectType):
    cooperative_shu = graphene.Field(
        CooperativeShuYear,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        financial_year=graphene.Int(required=True, description="The financial year."),
        description="Each member's share of the year's SHU, explained. Requires the "
        "cooperative's staff or platform staff.",
    )
    my_shu = graphene.Field(
        CooperativeShuYear,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        financial_year=graphene.Int(required=True, description="The financial year."),
        description="The signed-in member's own share of the year's SHU (shares holds only "
        "theirs); PermissionDenied for anyone who is not a member of the cooperative.",
    )

    @staticmethod
    def resolve_cooperative_shu(
        root: Any, info: graphene.ResolveInfo, *, cooperative: str, financial_year: int
    ) -> Any:
        found = _cooperative(cooperative)
        access.require(permissions.can_see_members(access.viewer(info), found.pk))
        year = selectors.shu_year(found, _year(financial_year))
        return CooperativeShuYear.from_year(year, list(year.members))

    @staticmethod
    def resolve_my_shu(
        root: Any, info: graphene.ResolveInfo, *, cooperative: str, financial_year: int
    ) -> Any:
        viewer = access.viewer(info)
        found = _cooperative(cooperative)
        member = selectors.own_member(viewer, found)
        if member is None or not permissions.can_see_member_shu(viewer, member):
            raise PermissionDenied()
        year, share = selectors.member_shu(member, _year(financial_year))
        return CooperativeShuYear.from_year(year, [share] if share else [])


class ShuAllocationInput(graphene.InputObjectType):
    capital_percentage = Decimal(required=True, description="Jasa modal, % of SHU.")
    patronage_percentage = Decimal(required=True, description="Jasa usaha, % of SHU.")


class ShuAllocationSet(BaseMutation):
    shu = graphene.Field(CooperativeShuYear, description="The year with its new shares.")

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        financial_year = graphene.Int(required=True, description="The financial year.")
        input = ShuAllocationInput(required=True, description="The AD/ART percentages.")

    class Meta:
        description = (
            "Sets the AD/ART percentages of a year's SHU for jasa modal and jasa usaha "
            "(each 0–100, together at most 100). Requires the cooperative's admins."
        )
        error_type_class = ShuError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, cooperative: str, financial_year: int,
        input: Any,
    ) -> Any:  # fmt: skip
        found = _cooperative(cooperative)
        access.require(permissions.can_manage_members(access.viewer(info), found.pk))
        services.shu_allocation_set(
            cooperative=found,
            financial_year=financial_year,
            capital_percentage=input["capital_percentage"],
            patronage_percentage=input["patronage_percentage"],
            actor=access.viewer(info),
        )
        year = selectors.shu_year(found, financial_year)
        return cls(shu=CooperativeShuYear.from_year(year, list(year.members)))


class MemberOfflineTransactionRecordInput(graphene.InputObjectType):
    date = graphene.Date(required=True, description="Day of the transaction.")
    amount = graphene.Int(required=True, description="Whole rupiah above 0.")
    description = graphene.String(required=True, description="What it was.")


class MemberOfflineTransactionRecord(BaseMutation):
    recorded = graphene.Boolean(description="True when recorded.")

    class Arguments:
        member = graphene.ID(required=True, description="ID of the member.")
        input = MemberOfflineTransactionRecordInput(required=True, description="The transaction.")

    class Meta:
        description = (
            "Records a member's transaction with the cooperative outside the marketplace; "
            "it counts for their jasa usaha. Requires the cooperative's admins."
        )
        error_type_class = ShuError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, member: str, input: Any
    ) -> Any:
        found = get_by_global_id(
            Member.objects.all(),
            member,
            type_name="CooperativeMember",
            field="member",
            error_code=ShuErrorCode.NOT_FOUND,
        )
        access.require(permissions.can_manage_members(access.viewer(info), found.cooperative_id))
        services.offline_transaction_record(
            member=found,
            occurred_on=input["date"],
            amount=input["amount"],
            description=input["description"],
            actor=access.viewer(info),
        )
        return cls(recorded=True)


class CoopShuMutations(graphene.ObjectType):
    shu_allocation_set = ShuAllocationSet.Field()
    member_offline_transaction_record = MemberOfflineTransactionRecord.Field()
