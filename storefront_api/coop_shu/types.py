"""Lumbung-only types of members' SHU shares. Amounts are whole rupiah as Saleor's
``Decimal`` (a whole JSON number; ``Int`` stops at 32 bits)."""

from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.shu.error_codes import ShuErrorCode as _ShuErrorCode
from coop_reporting.shu.explanation import share_explanation
from coop_reporting.shu.selectors import MemberShu, ShuYear, rupiah_exact
from storefront_api.core.enums import to_graphene_enum
from storefront_api.core.scalars import Decimal
from storefront_api.core.types import Error

ShuErrorCode = to_graphene_enum(_ShuErrorCode, description="Error codes of SHU mutations.")


class ShuError(Error):
    code = ShuErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of an SHU allocation or offline member transaction."


class MemberShuShare(graphene.ObjectType):
    member_number = graphene.Int(required=True, description="Member number.")
    member_name = graphene.String(required=True, description="Member's name.")
    average_savings = Decimal(
        required=True,
        description="Mean of the 12 month-end savings balances of the year (rupiah, 2 decimals).",
    )
    purchases = Decimal(required=True, description="Marketplace purchases, net.")
    producer_sales = Decimal(required=True, description="Sales as a producer, net.")
    offline_transactions = Decimal(required=True, description="Offline transactions.")
    transactions = Decimal(required=True, description="All transactions counted.")
    capital_share = Decimal(required=True, description="Jasa modal part (rupiah).")
    patronage_share = Decimal(required=True, description="Jasa usaha part (rupiah).")
    total = Decimal(required=True, description="The member's SHU share (rupiah).")
    explanation = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="How it was computed."
    )

    class Meta:
        description = "One member's share of a financial year's SHU."

    @staticmethod
    def from_share(year: ShuYear, share: MemberShu) -> MemberShuShare:
        return MemberShuShare(
            member_number=share.number,
            member_name=share.name,
            average_savings=float(rupiah_exact(share.average_savings)),
            purchases=share.purchases,
            producer_sales=share.producer_sales,
            offline_transactions=share.offline,
            transactions=share.transactions,
            capital_share=share.capital.amount,
            patronage_share=share.patronage.amount,
            total=share.total,
            explanation=share_explanation(year, share),
        )


class CooperativeShuYear(graphene.ObjectType):
    financial_year = graphene.Int(required=True, description="The financial year.")
    shu = Decimal(required=True, description="SHU bersih of the current RAT report.")
    capital_percentage = Decimal(description="Jasa modal, % of SHU (null: not set).")
    patronage_percentage = Decimal(description="Jasa usaha, % of SHU (null: not set).")
    capital_pool = Decimal(required=True, description="Jasa modal pool (rupiah).")
    patronage_pool = Decimal(required=True, description="Jasa usaha pool (rupiah).")
    shares = graphene.List(
        graphene.NonNull(MemberShuShare),
        required=True,
        description="Members' shares by number (a member sees only their own).",
    )

    class Meta:
        description = "A cooperative's SHU of one financial year shared among its members."

    @staticmethod
    def from_year(year: ShuYear, shares: list[MemberShu]) -> CooperativeShuYear:
        allocation: Any = year.allocation
        return CooperativeShuYear(
            financial_year=year.financial_year,
            shu=year.shu,
            capital_percentage=float(allocation.capital_percentage) if allocation else None,
            patronage_percentage=float(allocation.patronage_percentage) if allocation else None,
            capital_pool=year.capital_pool,
            patronage_pool=year.patronage_pool,
            shares=[MemberShuShare.from_share(year, share) for share in shares],
        )
