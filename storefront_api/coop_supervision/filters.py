"""Filter and sort inputs of the district list, and turning them into selector arguments."""

from __future__ import annotations

import re
from typing import Any

import graphene
from graphql import GraphQLError

from coop_reporting.district.selectors import DistrictFilters
from storefront_api.coop_supervision.enums import (
    DistrictActivityStatusEnum,
    DistrictCooperativeSortField,
)
from storefront_api.core.enums import OrderDirection
from storefront_api.village_hubs.enums import CooperativeJenisEnum
from storefront_api.village_hubs.utils import enum_value

REGENCY_RE = re.compile(r"^\d{2}\.\d{2}$")
PROVINCE_RE = re.compile(r"^\d{2}$")


class DistrictCooperativeFilterInput(graphene.InputObjectType):
    regency = graphene.String(
        description="Kemendagri code of a regency or city (e.g. 33.19). Outside the "
        "viewer's scope the list is empty."
    )
    province = graphene.String(
        description="Kemendagri code of a province (e.g. 33). Outside the viewer's scope "
        "the list is empty."
    )
    search = graphene.String(description="Part of the name, or the start of the NIK.")
    cooperative_type = graphene.List(
        graphene.NonNull(CooperativeJenisEnum), description="Only these types (jenis)."
    )
    activity_status = graphene.List(
        graphene.NonNull(DistrictActivityStatusEnum), description="Only these activity statuses."
    )
    health_category = graphene.List(
        graphene.NonNull(graphene.String),
        description="Only these health categories (e.g. Sehat, Dalam Pengawasan).",
    )
    flag = graphene.List(
        graphene.NonNull(graphene.String),
        description="Only cooperatives with an open flag of one of these kinds (sales_drop, "
        "no_sales, rat_overdue).",
    )
    flagged = graphene.Boolean(description="Only cooperatives with (true) or without open flags.")
    has_savings_and_loan_unit = graphene.Boolean(
        description="Only cooperatives with (true) or without a savings and loan unit."
    )
    merah_putih = graphene.Boolean(
        description="Only (true) or no Koperasi Desa/Kelurahan Merah Putih."
    )


class DistrictCooperativeSortingInput(graphene.InputObjectType):
    direction = OrderDirection(required=True, description="Sort direction.")
    field = DistrictCooperativeSortField(required=True, description="Field to sort by.")


# Sort field → the annotation or column of the summary queryset.
_SORT_COLUMNS = {
    "name": "name",
    "sales_this_year": "fy_sales",
    "sales_trend": "fy_trend",
    "health_score": "fy_health_score",
    "last_sale_date": "last_sale_date",
    "members": "member_count",
}


def region_code(value: str | None, *, argument: str) -> str | None:
    """A regency (``PP.KK``) or province (``PP``) code, checked; ``GraphQLError`` else."""
    if value is None:
        return None
    code = value.strip()
    pattern = REGENCY_RE if argument == "regency" else PROVINCE_RE
    if not pattern.match(code):
        example = "33.19" if argument == "regency" else "33"
        raise GraphQLError(f"Invalid `{argument}` code: {value!r} (e.g. {example}).")
    return code


def district_filters(data: Any) -> DistrictFilters:
    data = dict(data or {})

    def values(name: str) -> tuple[str, ...]:
        return tuple(str(enum_value(value)) for value in data.get(name) or ())

    return DistrictFilters(
        regency=region_code(data.get("regency"), argument="regency"),
        province=region_code(data.get("province"), argument="province"),
        search=data.get("search"),
        jenis=values("cooperative_type"),
        activity_status=values("activity_status"),
        health_category=values("health_category"),
        flags=values("flag"),
        flagged=data.get("flagged"),
        has_savings_unit=data.get("has_savings_and_loan_unit"),
        merah_putih=data.get("merah_putih"),
    )


def district_order_by(sort_by: Any) -> list[str]:
    """Sort columns for ``resolve_connection``; by name when not given."""
    if not sort_by:
        return ["name"]
    column = _SORT_COLUMNS[enum_value(sort_by["field"])]
    descending = enum_value(sort_by["direction"]) == "desc"
    order = [f"-{column}" if descending else column]
    if column != "name":
        order.append("name")  # ties in name order
    return order
