"""Enums of village hubs, cooperatives and producers (channels and warehouses keep theirs
in :mod:`storefront_api.channels.enums` and :mod:`storefront_api.warehouses.enums`)."""

from __future__ import annotations

from marketplace.village_hubs import error_codes as village_hub_error_codes
from marketplace.village_hubs.models import (
    CooperativeJenis,
    HubTimeZone,
    HubWeekday,
    ProducerSizeClass,
    StaffRole,
)
from storefront_api.core.enums import to_graphene_enum

VillageHubErrorCode = to_graphene_enum(
    village_hub_error_codes.VillageHubErrorCode,
    description="Error codes of cooperatives, producers and village hubs.",
)


CooperativeJenisEnum = to_graphene_enum(
    CooperativeJenis,
    name="CooperativeJenisEnum",
    description="Legal type (jenis) of a cooperative.",
)
CooperativeStaffRoleEnum = to_graphene_enum(
    StaffRole,
    name="CooperativeStaffRoleEnum",
    description="Role of a user working for a cooperative: ADMIN (pengurus) or STAFF.",
)
ProducerSizeClassEnum = to_graphene_enum(
    ProducerSizeClass,
    name="ProducerSizeClassEnum",
    description="Business size of a producer (PP 7/2021).",
)
HubTimeZoneEnum = to_graphene_enum(
    HubTimeZone,
    name="HubTimeZoneEnum",
    description="Indonesian time zone a village hub keeps: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9).",
)
WeekdayEnum = to_graphene_enum(HubWeekday, name="WeekdayEnum", description="Day of the week.")
