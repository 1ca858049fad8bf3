"""``memberArea``: what a signed-in member reads of their cooperative (their savings
movements, its submitted RAT reports with their financial statements and, when they sell
as a producer, their statement), on the same selectors as the member pages. Anyone who
is not a member of that cooperative: ``PermissionDenied``."""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from django.core.exceptions import ValidationError

from coop_reporting.rat.selectors import rat_reports_for_members
from coop_reporting.sales.selectors import producer_statement
from marketplace.members import selectors
from marketplace.members.models import Member as MemberModel
from storefront_api.coop_members.mutations.common import cooperative_by_id
from storefront_api.coop_members.types import CooperativeMember, SavingsKindEnum
from storefront_api.coop_reporting.statements import ProducerStatement, checked_period
from storefront_api.coop_reporting.types import RatBalanceSheet, RatIncomeStatement
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.types import plain
from storefront_api.village_hubs import access


class MemberSavingsMovement(graphene.ObjectType):
    kind = SavingsKindEnum(required=True, description="Which savings.")
    amount = graphene.Int(required=True, description="Rupiah; negative for a withdrawal.")
    occurred_on = graphene.Date(required=True, description="Date of the movement.")
    note = graphene.String(required=True, description="Note of the cooperative.")

    class Meta:
        description = "One deposit or withdrawal of a member's savings."

    @staticmethod
    def resolve_kind(root: Any, info: graphene.ResolveInfo) -> Any:
        return plain(root.kind)


class MemberRatReport(graphene.ObjectType):
    financial_year = graphene.Int(required=True, description="Financial year (tahun buku).")
    rat_date = graphene.Date(description="Date of the meeting.")
    members_male = graphene.Int(description="Male members.")
    members_female = graphene.Int(description="Female members.")
    members_present = graphene.Int(description="Members present at the meeting.")
    balance_sheet = graphene.Field(RatBalanceSheet, required=True, description="Neraca.")
    income_statement = graphene.Field(
        RatIncomeStatement, required=True, description="Perhitungan hasil usaha."
    )

    class Meta:
        description = "A cooperative's submitted RAT report, as its members read it."

    @staticmethod
    def resolve_balance_sheet(root: Any, info: graphene.ResolveInfo) -> Any:
        return root

    @staticmethod
    def resolve_income_statement(root: Any, info: graphene.ResolveInfo) -> Any:
        return root


class MemberArea(graphene.ObjectType):
    member = graphene.Field(CooperativeMember, required=True, description="The member.")
    savings_movements = graphene.List(
        graphene.NonNull(MemberSavingsMovement),
        required=True,
        description="The member's savings movements, newest first.",
    )
    rat_reports = graphene.List(
        graphene.NonNull(MemberRatReport),
        required=True,
        description="Each year's latest submitted RAT report, newest year first.",
    )
    producer_statement = graphene.Field(
        ProducerStatement,
        from_=graphene.Date(required=True, name="from", description="First day (included)."),
        until=graphene.Date(required=True, description="Last day (included)."),
        description="The member's statement as a producer; null when they do not sell.",
    )

    class Meta:
        description = "What a member reads of their cooperative."

    @staticmethod
    def resolve_member(root: MemberModel, info: graphene.ResolveInfo) -> Any:
        return root

    @staticmethod
    def resolve_savings_movements(root: MemberModel, info: graphene.ResolveInfo) -> Any:
        return list(root.savings_movements.order_by("-occurred_on", "-pk"))

    @staticmethod
    def resolve_rat_reports(root: MemberModel, info: graphene.ResolveInfo) -> Any:
        return list(rat_reports_for_members(root.cooperative))

    @staticmethod
    def resolve_producer_statement(
        root: MemberModel, info: graphene.ResolveInfo, *, until: datetime.date, **args: Any
    ) -> Any:
        if root.producer is None:
            return None
        checked_period(args["from_"], until)
        return producer_statement(root.producer, args["from_"], until)


class MemberAreaQueries(graphene.ObjectType):
    member_area = graphene.Field(
        MemberArea,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        description="The signed-in member's own data in a cooperative. Requires being its member.",
    )

    @staticmethod
    def resolve_member_area(root: Any, info: graphene.ResolveInfo, *, cooperative: str) -> Any:
        try:
            found = cooperative_by_id(cooperative)
        except ValidationError:
            raise PermissionDenied() from None
        member = selectors.membership_of(access.viewer(info), found.pk)
        access.require(member is not None)
        return member
