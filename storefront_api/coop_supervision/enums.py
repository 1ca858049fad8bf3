"""Enums of the district view and Dinas officer assignments (Lumbung-only)."""

from __future__ import annotations

import graphene

from coop_reporting.district.models import ActivityStatus, RatYearStatus
from coop_reporting.supervision.error_codes import DinasOfficerErrorCode as _DinasOfficerErrorCode
from storefront_api.core.enums import to_graphene_enum

DinasOfficerErrorCode = to_graphene_enum(
    _DinasOfficerErrorCode, description="Error codes of Dinas officer assignments."
)
DistrictActivityStatusEnum = to_graphene_enum(
    ActivityStatus,
    name="DistrictActivityStatusEnum",
    description=(
        "Activity of a cooperative today: an RAT held in the last three years (koperasi "
        "aktif) and a marketplace sale within the no-sales warning's window "
        "(COOP_WARNING_NO_SALES_DAYS, 60 days by default)."
    ),
)
DistrictRatStatusEnum = to_graphene_enum(
    RatYearStatus,
    name="DistrictRatStatusEnum",
    description="The RAT on a financial year: on time, late, missing past its deadline, or "
    "not due yet.",
)
DistrictCooperativeSortField = graphene.Enum(
    "DistrictCooperativeSortField",
    [
        ("NAME", "name"),
        ("SALES_THIS_YEAR", "sales_this_year"),
        ("SALES_TREND", "sales_trend"),
        ("HEALTH_SCORE", "health_score"),
        ("LAST_SALE_DATE", "last_sale_date"),
        ("MEMBERS", "members"),
    ],
    description="Fields the district list can be sorted by.",
)
