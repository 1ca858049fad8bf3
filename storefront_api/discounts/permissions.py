"""Who may see and manage vouchers in the API, answered from per-request scopes.

Platform staff: every voucher. Hub operators: their hubs' vouchers. Cooperative admins
(pengurus): their cooperatives' vouchers. Nobody sees another cooperative's vouchers.
Saleor's permission name for all of this is ``MANAGE_DISCOUNTS``.
"""

from __future__ import annotations

from typing import Any

from marketplace.discounts.models import Voucher
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.village_hubs import access

MANAGE_DISCOUNTS = "MANAGE_DISCOUNTS"


def can_manage_voucher(info: Any, voucher: Voucher) -> bool:
    if access.is_platform_staff(access.viewer(info)):
        return True
    if voucher.village_hub_id is not None:
        return voucher.village_hub_id in access.scope_ids(info.context, "hubs")
    if voucher.cooperative_id is not None:
        return voucher.cooperative_id in access.scope_ids(info.context, "administered")
    return False


def may_manage_vouchers(info: Any) -> bool:
    """Platform staff, hub operators and cooperative admins."""
    if access.is_platform_staff(access.viewer(info)):
        return True
    return bool(
        access.scope_ids(info.context, "hubs") or access.scope_ids(info.context, "administered")
    )


def permission_denied() -> PermissionDenied:
    return PermissionDenied(permissions=[MANAGE_DISCOUNTS])


def require_voucher_manager(info: Any) -> None:
    if not may_manage_vouchers(info):
        raise permission_denied()
