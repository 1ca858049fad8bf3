"""Enums of village hubs, cooperatives and producers (channels and warehouses keep theirs
in :mod:`storefront_api.channels.enums` and :mod:`storefront_api.warehouses.enums`)."""

from __future__ import annotations

import graphene

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


def _choices_enum(
    name: str, members: list[tuple[str, object]], description: str
) -> type[graphene.Enum]:
    return graphene.Enum(name, members, description=description)


CooperativeJenisEnum = _choices_enum(
    "CooperativeJenisEnum",
    [(member.name, member.value) for member in CooperativeJenis],
    "Legal type (jenis) of a cooperative.",
)
CooperativeStaffRoleEnum = _choices_enum(
    "CooperativeStaffRoleEnum",
    [(member.name, member.value) for member in StaffRole],
    "Role of a user working for a cooperative: ADMIN (pengurus) or STAFF.",
)
ProducerSizeClassEnum = _choices_enum(
    "ProducerSizeClassEnum",
    [(member.name, member.value) for member in ProducerSizeClass],
    "Business size of a producer (PP 7/2021).",
)
HubTimeZoneEnum = _choices_enum(
    "HubTimeZoneEnum",
    [(member.name, member.value) for member in HubTimeZone],
    "Indonesian time zone a village hub keeps: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9).",
)
WeekdayEnum = _choices_enum(
    "WeekdayEnum",
    [(member.name, member.value) for member in HubWeekday],
    "Day of the week.",
)
