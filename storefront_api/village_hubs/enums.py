"""Enums of village hubs, cooperatives and producers, and of channels and warehouses.

Channels and warehouses are served from this area today; their enums move with their types.
"""

from __future__ import annotations

import graphene

from marketplace.channels import error_codes as channel_error_codes
from marketplace.channels.models import AllocationStrategy, MarkAsPaidStrategy
from marketplace.village_hubs import error_codes as village_hub_error_codes
from marketplace.village_hubs.models import (
    CooperativeJenis,
    HubTimeZone,
    HubWeekday,
    ProducerSizeClass,
    StaffRole,
)
from marketplace.warehouses import error_codes as warehouse_error_codes
from marketplace.warehouses.models import ClickAndCollectOption
from storefront_api.core.enums import to_graphene_enum

ChannelErrorCode = to_graphene_enum(channel_error_codes.ChannelErrorCode)
WarehouseErrorCode = to_graphene_enum(warehouse_error_codes.WarehouseErrorCode)
VillageHubErrorCode = to_graphene_enum(
    village_hub_error_codes.VillageHubErrorCode,
    description="Error codes of cooperatives, producers and village hubs.",
)


def _choices_enum(
    name: str, members: list[tuple[str, object]], description: str
) -> type[graphene.Enum]:
    return graphene.Enum(name, members, description=description)


AllocationStrategyEnum = _choices_enum(
    "AllocationStrategyEnum",
    [
        ("PRIORITIZE_SORTING_ORDER", AllocationStrategy.PRIORITIZE_SORTING_ORDER.value),
        ("PRIORITIZE_HIGH_STOCK", AllocationStrategy.PRIORITIZE_HIGH_STOCK.value),
    ],
    "Determine the allocation strategy for the channel.",
)
MarkAsPaidStrategyEnum = _choices_enum(
    "MarkAsPaidStrategyEnum",
    [
        ("TRANSACTION_FLOW", MarkAsPaidStrategy.TRANSACTION_FLOW.value),
        ("PAYMENT_FLOW", MarkAsPaidStrategy.PAYMENT_FLOW.value),
    ],
    "Determine the mark as paid strategy for the channel.",
)
WarehouseClickAndCollectOptionEnum = _choices_enum(
    "WarehouseClickAndCollectOptionEnum",
    [
        ("DISABLED", ClickAndCollectOption.DISABLED.value),
        ("LOCAL", ClickAndCollectOption.LOCAL_STOCK.value),
        ("ALL", ClickAndCollectOption.ALL_WAREHOUSES.value),
    ],
    "Whether the warehouse is a click-and-collect pickup point, and for which stock.",
)
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
