"""Saleor's order fields about features Lumbung does not have: draft orders, tax classes,
gift cards, price overrides, promotions (sales) and storefront redirects. They answer
what Saleor answers for an order without them, so clients reading them keep working."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.core.metadata import MetadataItem

OrderOriginEnum = graphene.Enum(
    "OrderOriginEnum",
    [
        ("CHECKOUT", "checkout"),
        ("DRAFT", "draft"),
        ("REISSUE", "reissue"),
        ("BULK_CREATE", "bulk_create"),
    ],
    description="Where an order comes from (every Lumbung order from a checkout).",
)


def _constant(value: Any) -> Any:
    return staticmethod(lambda root, info, **kwargs: value)


def _metadata_list(description: str) -> graphene.List:
    return graphene.List(graphene.NonNull(MetadataItem), required=True, description=description)


class ReasonNotRecorded:
    """Saleor's ``reason`` and ``reasonReference`` (a page explaining a refund or a
    return): Lumbung records refund reasons on the granted refund, not here."""

    reason = graphene.String(description="Reason of the action (none recorded here).")
    reason_reference = graphene.Field(
        "storefront_api.content.types.Page", description="Reason model (none recorded here)."
    )

    resolve_reason = _constant(None)
    resolve_reason_reference = _constant(None)


class OrderFeaturesNotKept:
    """Mixed into ``Order``."""

    origin = OrderOriginEnum(required=True, description="Order origin (always a checkout).")
    original = graphene.ID(description="ID of the order this one was reissued from (none).")
    tracking_client_id = graphene.String(
        required=True, description="Google Analytics tracking client ID (none kept)."
    )
    redirect_url = graphene.String(description="URL to which user should be redirected.")
    can_finalize = graphene.Boolean(
        required=True,
        description="Informs whether a draft order can be finalized (no drafts: true).",
    )
    errors = graphene.List(
        graphene.NonNull("storefront_api.orders.types.OrderError"),
        required=True,
        description="List of errors that occurred during order validation (drafts only).",
    )
    gift_cards = graphene.List(
        graphene.NonNull("storefront_api.giftcards.types.GiftCard"),
        required=True,
        description="List of user gift cards (none: Lumbung sells no gift cards).",
    )
    shipping_tax_class_name = graphene.String(description="Name of the shipping tax class.")
    shipping_tax_class_metadata = _metadata_list("Public metadata of the shipping tax class.")
    shipping_tax_class_private_metadata = _metadata_list(
        "Private metadata of the shipping tax class."
    )

    resolve_origin = _constant("checkout")
    resolve_original = _constant(None)
    resolve_tracking_client_id = _constant("")
    resolve_redirect_url = _constant(None)
    resolve_can_finalize = _constant(True)
    resolve_errors = _constant([])
    resolve_gift_cards = _constant([])
    resolve_shipping_tax_class_name = _constant(None)
    resolve_shipping_tax_class_metadata = _constant([])
    resolve_shipping_tax_class_private_metadata = _constant([])


class OrderLineFeaturesNotKept:
    """Mixed into ``OrderLine``."""

    is_price_overridden = graphene.Boolean(
        description="Returns True, if the line unit price was overridden (never)."
    )
    sale_id = graphene.ID(description="Denormalized sale ID (no promotions: none).")
    tax_class_name = graphene.String(description="Name of the tax class.")
    tax_class_metadata = _metadata_list("Public metadata of the tax class.")
    tax_class_private_metadata = _metadata_list("Private metadata of the tax class.")

    resolve_is_price_overridden = _constant(False)
    resolve_sale_id = _constant(None)
    resolve_tax_class_name = _constant(None)
    resolve_tax_class_metadata = _constant([])
    resolve_tax_class_private_metadata = _constant([])
