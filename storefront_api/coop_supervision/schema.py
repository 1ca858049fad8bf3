"""Root fields of the district view for the Dinas Koperasi and officer assignments
(Lumbung-only).

Who may ask: platform staff (every cooperative) and Dinas officers (the cooperatives of
their regencies and provinces). Anyone else, cooperative staff included, gets a top-level
``PermissionDenied``. A ``regency`` or ``province`` filter outside the officer's scope
narrows the list to nothing rather than failing, as Saleor's channel-scoped lists do
for channels a user cannot see: the answer never tells whether such cooperatives exist.
"""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from graphql import GraphQLError

from coop_reporting.district import selectors as district_selectors
from coop_reporting.district.selectors import DistrictFilters
from coop_reporting.supervision import selectors
from storefront_api.coop_supervision.access import require_district_viewer
from storefront_api.coop_supervision.filters import (
    DistrictCooperativeFilterInput,
    DistrictCooperativeSortingInput,
    district_filters,
    district_order_by,
    region_code,
)
from storefront_api.coop_supervision.mutations.dinas_officer_assign import DinasOfficerAssign
from storefront_api.coop_supervision.mutations.dinas_officer_unassign import (
    DinasOfficerUnassign,
)
from storefront_api.coop_supervision.types import (
    DinasOfficerAssignmentCountableConnection,
    DistrictCooperativeCountableConnection,
    DistrictSummary,
)
from storefront_api.core.connection import connection_args, resolve_connection
from storefront_api.village_hubs import access

FINANCIAL_YEAR_DESCRIPTION = (
    "Financial year of the sales figures (named after the calendar year it starts in); the "
    "current one by default. The RAT shown is the one on the year before."
)


def _financial_year(value: int | None, today: datetime.date) -> int:
    current = district_selectors.current_financial_year(today)
    if value is None:
        return current
    if not 1945 <= value <= current:
        raise GraphQLError(
            f"Invalid `financialYear`: {value} (from 1945 to the current year, {current})."
        )
    return value


class CoopSupervisionQueries(graphene.ObjectType):
    district_cooperatives = graphene.Field(
        DistrictCooperativeCountableConnection,
        filter=graphene.Argument(DistrictCooperativeFilterInput, description="Filtering options."),
        sort_by=graphene.Argument(
            DistrictCooperativeSortingInput, description="Sort the list (by name by default)."
        ),
        financial_year=graphene.Int(description=FINANCIAL_YEAR_DESCRIPTION),
        description="The cooperatives a Dinas Koperasi officer supervises (their regency or "
        "province; all for platform staff), with activity, health, warnings, sales and RAT. "
        "Requires a Dinas officer or platform staff.",
        **connection_args(),
    )
    district_summary = graphene.Field(
        DistrictSummary,
        regency=graphene.String(description="Only this regency or city (e.g. 33.19)."),
        province=graphene.String(description="Only this province (e.g. 33)."),
        financial_year=graphene.Int(description=FINANCIAL_YEAR_DESCRIPTION),
        description="Totals and monthly trends of the cooperatives a Dinas Koperasi officer "
        "supervises. Requires a Dinas officer or platform staff.",
    )
    dinas_officer_assignments = graphene.Field(
        DinasOfficerAssignmentCountableConnection,
        is_active=graphene.Boolean(description="Only assignments in force (true) or stopped."),
        description="Dinas officer assignments: all for platform staff, the requestor's own "
        "otherwise.",
        **connection_args(),
    )

    @staticmethod
    def resolve_district_cooperatives(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        scope = require_district_viewer(info)
        today = district_selectors.local_today()
        year = _financial_year(args.get("financial_year"), today)
        queryset = district_selectors.district_summaries(
            scope, financial_year=year, today=today, filters=district_filters(args.get("filter"))
        )
        connection = resolve_connection(
            queryset,
            info,
            args,
            DistrictCooperativeCountableConnection,
            order_by=district_order_by(args.get("sort_by")),
        )
        for edge in connection.edges:
            edge.node.district_year = year
            edge.node.district_today = today
        return connection

    @staticmethod
    def resolve_district_summary(
        root: Any,
        info: graphene.ResolveInfo,
        *,
        regency: str | None = None,
        province: str | None = None,
        financial_year: int | None = None,
    ) -> Any:
        scope = require_district_viewer(info)
        today = district_selectors.local_today()
        filters = DistrictFilters(
            regency=region_code(regency, argument="regency"),
            province=region_code(province, argument="province"),
        )
        return district_selectors.district_totals(
            scope,
            financial_year=_financial_year(financial_year, today),
            today=today,
            filters=filters,
        )

    @staticmethod
    def resolve_dinas_officer_assignments(
        root: Any, info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        user = access.require_signed_in(info)
        queryset = selectors.dinas_assignments_visible_to(user).select_related("user")
        if args.get("is_active") is not None:
            queryset = queryset.filter(is_active=args["is_active"])
        return resolve_connection(
            queryset,
            info,
            args,
            DinasOfficerAssignmentCountableConnection,
            order_by=["user__email"],
        )


class CoopSupervisionMutations(graphene.ObjectType):
    dinas_officer_assign = DinasOfficerAssign.Field()
    dinas_officer_unassign = DinasOfficerUnassign.Field()
