"""Checks shared by checkout services and order creation (checkout completion).

Each raises ValidationError with CheckoutErrorCode values, Saleor's codes and fields.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _

from marketplace.accounts.models import Address
from marketplace.catalog.models import (
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.channels.models import Channel
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.core.exceptions import field_error
from marketplace.shipping.areas import method_serves_address
from marketplace.shipping.models import ShippingMethod
from marketplace.warehouses.models import ClickAndCollectOption, Warehouse

DEFAULT_MAX_CHECKOUT_LINE_QUANTITY = 50  # Saleor's MAX_CHECKOUT_LINE_QUANTITY
# The longest address SMTP can deliver to (RFC 5321) and Django's EmailField stores;
# Django's validator alone lets up to 320 characters through.
EMAIL_MAX_LENGTH = 254


def max_line_quantity() -> int:
    """The most units of one variant a checkout line may hold."""
    return int(getattr(settings, "MAX_CHECKOUT_LINE_QUANTITY", DEFAULT_MAX_CHECKOUT_LINE_QUANTITY))


def _variants_error(
    field: str, message: str, code: CheckoutErrorCode, variant_ids: Sequence[int]
) -> ValidationError:
    return ValidationError(
        {
            field: ValidationError(
                message, code=code.value, params={"variants": sorted(set(variant_ids))}
            )
        }
    )


def validate_channel_active(channel: Channel) -> None:
    """CHANNEL_INACTIVE on ``channel`` when the hub's channel does not sell now."""
    if not channel.is_active:
        raise field_error(
            "channel",
            _("Cannot perform this action on an inactive channel."),
            CheckoutErrorCode.CHANNEL_INACTIVE,
        )


def validate_quantity(quantity: object, *, allow_zero: bool = False) -> int:
    """A whole, positive quantity within the per-line limit.

    ``ZERO_QUANTITY`` for zero (unless ``allow_zero``: updating a line to 0 removes it)
    and negative numbers, ``INVALID`` for anything not a whole number,
    ``QUANTITY_GREATER_THAN_LIMIT`` above ``settings.MAX_CHECKOUT_LINE_QUANTITY``.
    """
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise field_error(
            "quantity", _("Enter a whole number of units."), CheckoutErrorCode.INVALID
        )
    if quantity < 0 or (quantity == 0 and not allow_zero):
        raise field_error(
            "quantity",
            _("The quantity should be higher than zero."),
            CheckoutErrorCode.ZERO_QUANTITY,
        )
    limit = max_line_quantity()
    if quantity > limit:
        raise field_error(
            "quantity",
            _("Cannot add more than %(limit)d units of one product.") % {"limit": limit},
            CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
        )
    return quantity


def validate_customer_limits(variant_quantities: dict[ProductVariant, int]) -> None:
    """QUANTITY_GREATER_THAN_LIMIT when a line exceeds its variant's per-customer limit."""
    over = [
        variant.pk
        for variant, quantity in variant_quantities.items()
        if variant.quantity_limit_per_customer is not None
        and quantity > variant.quantity_limit_per_customer
    ]
    if over:
        raise _variants_error(
            "quantity",
            _("Cannot add more units of this product than allowed per customer."),
            CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
            over,
        )


def validate_variants_purchasable(
    *,
    channel: Channel,
    variants: Sequence[ProductVariant],
    now: datetime.datetime,
    field: str = "lines",
) -> None:
    """The variants can be bought in ``channel`` now, else (on ``field``, with
    ``params["variants"]``): UNAVAILABLE_VARIANT_IN_CHANNEL (no price in the channel),
    PRODUCT_NOT_PUBLISHED (product not listed or not published there),
    PRODUCT_UNAVAILABLE_FOR_PURCHASE (``available_for_purchase_at`` empty or future, as
    Saleor's ``is_available_for_purchase``)."""
    if not variants:
        return
    variant_ids = [variant.pk for variant in variants]
    priced = set(
        ProductVariantChannelListing.objects.filter(
            channel=channel, variant_id__in=variant_ids, price_amount__isnull=False
        ).values_list("variant_id", flat=True)
    )
    missing = [variant.pk for variant in variants if variant.pk not in priced]
    if missing:
        raise _variants_error(
            field,
            _("Cannot add lines for unavailable for purchase variants in given channel."),
            CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL,
            missing,
        )
    listings = {
        listing.product_id: listing
        for listing in ProductChannelListing.objects.filter(
            channel=channel, product_id__in={variant.product_id for variant in variants}
        )
    }
    unpublished = []
    unavailable = []
    for variant in variants:
        listing = listings.get(variant.product_id)
        if (
            listing is None
            or not listing.is_published
            or (listing.published_at is not None and listing.published_at > now)
        ):
            unpublished.append(variant.pk)
        elif listing.available_for_purchase_at is None or listing.available_for_purchase_at > now:
            unavailable.append(variant.pk)
    if unpublished:
        raise _variants_error(
            field,
            _("Cannot add lines with unpublished variants."),
            CheckoutErrorCode.PRODUCT_NOT_PUBLISHED,
            unpublished,
        )
    if unavailable:
        raise _variants_error(
            field,
            _("Cannot add lines for unavailable for purchase variants."),
            CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE,
            unavailable,
        )


def clean_email(email: str | None) -> str:
    """The e-mail address, trimmed and lower-cased; INVALID on ``email`` when malformed."""
    value = (email or "").strip().lower()
    if not value:
        return ""
    try:
        if len(value) > EMAIL_MAX_LENGTH:
            raise ValidationError("too long")
        validate_email(value)
    except ValidationError:
        raise field_error(
            "email", _("Enter a valid email address."), CheckoutErrorCode.INVALID
        ) from None
    return value


def collection_points_for_channel(channel: Channel) -> Q:
    """Filter on Warehouse: the channel's hub pickup points offering click and collect."""
    return Q(
        village_hub__channel=channel,
        channels=channel,
    ) & ~Q(click_and_collect_option=ClickAndCollectOption.DISABLED)


def validate_collection_point(
    *, channel: Channel, warehouse: Warehouse, field: str = "delivery_method_id"
) -> None:
    """DELIVERY_METHOD_NOT_APPLICABLE unless the warehouse is a click-and-collect pickup
    point of the hub selling through ``channel``."""
    if (
        not Warehouse.objects.filter(collection_points_for_channel(channel))
        .filter(pk=warehouse.pk)
        .exists()
    ):
        raise field_error(
            field,
            _("This pickup point is not available for this village hub."),
            CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
        )


def validate_shipping_method(
    *,
    channel: Channel,
    shipping_method: ShippingMethod,
    address: Address | None = None,
    field: str = "delivery_method_id",
) -> None:
    """SHIPPING_METHOD_NOT_APPLICABLE unless the method is an active one of ``channel``
    that delivers to ``address`` (a village courier only inside its regency; without an
    address only a method with no regency)."""
    if (
        shipping_method.channel_id != channel.pk
        or not shipping_method.is_active
        or not method_serves_address(
            method=shipping_method, address=address, country=channel.default_country
        )
    ):
        raise field_error(
            field,
            _("This shipping method is not applicable."),
            CheckoutErrorCode.SHIPPING_METHOD_NOT_APPLICABLE,
        )


def has_contact(checkout: Checkout) -> bool:
    """Whether the hub can reach the buyer: an e-mail address, or a phone number on the
    billing address (many villagers have no e-mail; a phone or WhatsApp number is enough)."""
    if checkout.email:
        return True
    address = checkout.billing_address if checkout.billing_address_id else None
    return bool(address is not None and address.phone)
