"""Who may read private metadata and change metadata, per type (Saleor's rules, scoped).

Saleor asks for a global permission per type; Lumbung scopes it to the objects the
requestor manages:

============== ============================================ ============================
type           public metadata (write)                      private metadata (read/write)
============== ============================================ ============================
User           the user themselves; platform staff          platform staff
               (Saleor: MANAGE_USERS / MANAGE_STAFF)        (MANAGE_USERS / MANAGE_STAFF)
Checkout       whoever knows its id (as Saleor)             platform staff (MANAGE_CHECKOUTS)
Order          platform staff, operators of its hub         the same (MANAGE_ORDERS)
Product,       platform staff, staff of its cooperative     the same (MANAGE_PRODUCTS)
ProductVariant
============== ============================================ ============================

Public metadata is readable by whoever may see the object. A refusal is a top-level
``PermissionDenied`` naming Saleor's permission.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marketplace.accounts.models import User as UserModel
from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductVariant as ProductVariantModel
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.core.models import ModelWithMetadata
from marketplace.orders.models import Order as OrderModel
from storefront_api.checkout.utils import checkout_get
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.village_hubs import access

# (info, the object or None when it does not exist) -> None, or raise PermissionDenied
Check = Callable[[Any, Any], None]


def _user_public(info: Any, user: UserModel | None) -> None:
    viewer = access.viewer(info)
    if user is None or access.is_platform_staff(viewer):
        return
    if access.is_signed_in(viewer) and viewer.pk == user.pk:
        return
    raise PermissionDenied(permissions=["MANAGE_STAFF" if user.is_staff else "MANAGE_USERS"])


def _user_private(info: Any, user: UserModel | None) -> None:
    if not access.is_platform_staff(access.viewer(info)):
        staff = user is not None and user.is_staff
        raise PermissionDenied(permissions=["MANAGE_STAFF" if staff else "MANAGE_USERS"])


def _anyone(info: Any, obj: Any) -> None:
    return None


def _checkout_private(info: Any, checkout: CheckoutModel | None) -> None:
    if not access.is_platform_staff(access.viewer(info)):
        raise PermissionDenied(permissions=["MANAGE_CHECKOUTS"])


def _order_staff(info: Any, order: OrderModel | None) -> None:
    if access.is_platform_staff(access.viewer(info)):
        return
    hub_channels = access.scope_ids(info.context, "hub_channels")
    allowed = bool(hub_channels) if order is None else order.channel_id in hub_channels
    if not allowed:
        raise PermissionDenied(permissions=["MANAGE_ORDERS"])


def _cooperative_of(obj: Any) -> int:
    product = obj.product if isinstance(obj, ProductVariantModel) else obj
    return product.cooperative_id


def _product_staff(info: Any, obj: ProductModel | ProductVariantModel | None) -> None:
    if access.is_platform_staff(access.viewer(info)):
        return
    cooperatives = access.managed_cooperative_ids(info)
    allowed = bool(cooperatives) if obj is None else _cooperative_of(obj) in cooperatives
    if not allowed:
        raise PermissionDenied(permissions=["MANAGE_PRODUCTS"])


def _int_pk(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _uuid_pk(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _get_user(pk: str) -> UserModel | None:
    number = _int_pk(pk)
    return None if number is None else UserModel.objects.filter(pk=number).first()


def _get_checkout(pk: str) -> CheckoutModel | None:
    value = _uuid_pk(pk)
    return None if value is None else checkout_get(value)


def _get_order(pk: str) -> OrderModel | None:
    value = _uuid_pk(pk)
    return None if value is None else OrderModel.objects.filter(pk=value).first()


def _get_product(pk: str) -> ProductModel | None:
    number = _int_pk(pk)
    return None if number is None else ProductModel.objects.filter(pk=number).first()


def _get_variant(pk: str) -> ProductVariantModel | None:
    number = _int_pk(pk)
    if number is None:
        return None
    return ProductVariantModel.objects.select_related("product").filter(pk=number).first()


@dataclass(frozen=True)
class MetadataType:
    """A type with metadata: how to fetch an object and who may change what."""

    model: type[ModelWithMetadata]
    get: Callable[[str], Any]
    public: Check
    private: Check


METADATA_TYPES: dict[str, MetadataType] = {
    "User": MetadataType(UserModel, _get_user, _user_public, _user_private),
    "Checkout": MetadataType(CheckoutModel, _get_checkout, _anyone, _checkout_private),
    "Order": MetadataType(OrderModel, _get_order, _order_staff, _order_staff),
    "Product": MetadataType(ProductModel, _get_product, _product_staff, _product_staff),
    "ProductVariant": MetadataType(
        ProductVariantModel, _get_variant, _product_staff, _product_staff
    ),
}


def check_private_metadata_read(info: Any, obj: Any) -> None:
    """``PermissionDenied`` unless the requestor may read ``obj``'s private metadata."""
    for meta_type in METADATA_TYPES.values():
        if isinstance(obj, meta_type.model):
            meta_type.private(info, obj)
            return
    raise PermissionDenied()
