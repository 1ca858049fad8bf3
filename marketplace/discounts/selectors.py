"""Reads of vouchers: finding a code, whether it runs now in a channel, what it takes off
a cart (``voucher_apply``), and which vouchers a user may see and manage.

Who manages a voucher: platform staff every one; the operators of a village hub the
hub's vouchers; the admins (pengurus) of a cooperative the cooperative's vouchers. One
cooperative never sees another's.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.content.models import CollectionProduct
from marketplace.discounts.calculations import (
    DiscountLine,
    NotApplicable,
    VoucherDiscount,
    VoucherTerms,
    voucher_discount,
)
from marketplace.discounts.models import (
    Voucher,
    VoucherChannelListing,
    VoucherCode,
    VoucherCustomer,
    VoucherTranslation,
    VoucherType,
)
from marketplace.village_hubs.selectors import (
    cooperatives_administered_by,
    hubs_operated_by,
)
from marketplace.village_hubs.time_zones import DEFAULT_TIME_ZONE, time_zone_for_province


class InvalidCode(Exception):  # noqa: N818 - Saleor's InvalidPromoCode
    """No voucher runs with this code here and now (``reason``: ``unknown``,
    ``inactive``, ``channel``, ``not_started``, ``ended``, ``used_up``)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class AppliedVoucher:
    """A voucher code applied to a cart: who gives it and what it takes off."""

    voucher_id: int
    code_id: object
    code: str
    name: str
    translated_name: str
    type: str
    value_type: str
    value: Decimal
    cooperative_id: int | None
    discount: VoucherDiscount


_signed_in = permissions.is_signed_in
_platform_staff = permissions.is_platform_staff


# --- codes and running vouchers ----------------------------------------------------------


def normalize_code(code: str | None) -> str:
    """A code as typed, trimmed (lookups ignore case)."""
    return (code or "").strip()


def voucher_code_find(code: str) -> VoucherCode | None:
    """The code ``code`` (ignoring case), with its voucher, or None."""
    value = normalize_code(code)
    if not value:
        return None
    return VoucherCode.objects.select_related("voucher").filter(code__iexact=value).first()


def voucher_used_count(voucher: Voucher) -> int:
    """Orders placed with any of the voucher's codes (and not released)."""
    return int(voucher.codes.aggregate(total=Sum("used"))["total"] or 0)


def voucher_listing_usable(
    code: VoucherCode, *, channel: Channel, now: datetime.datetime
) -> VoucherChannelListing:
    """The voucher's listing in ``channel`` if the code runs there now: active code,
    started, not ended, listed in the (active) channel, usage limit not reached. Else
    InvalidCode (Saleor answers all of these "Promo code is invalid")."""
    voucher = code.voucher
    if not code.is_active:
        raise InvalidCode("inactive", _("This promo code can no longer be used."))
    if voucher.start_date > now:
        raise InvalidCode("not_started", _("This promo code is not valid yet."))
    if voucher.end_date is not None and voucher.end_date < now:
        raise InvalidCode("ended", _("This promo code has expired."))
    listing = (
        VoucherChannelListing.objects.filter(voucher=voucher, channel=channel).first()
        if channel.is_active
        else None
    )
    if listing is None:
        raise InvalidCode("channel", _("This promo code is not valid in this shop."))
    if voucher.usage_limit is not None and voucher_used_count(voucher) >= voucher.usage_limit:
        raise InvalidCode("used_up", _("This promo code has been used up."))
    return listing


def voucher_terms(voucher: Voucher, listing: VoucherChannelListing) -> VoucherTerms:
    """The voucher's rules in the listing's channel (catalogue ids loaded only for
    vouchers of specific products)."""
    catalogue: dict[str, frozenset[int]] = {}
    if voucher.type == VoucherType.SPECIFIC_PRODUCT:
        catalogue = {
            "product_ids": frozenset(voucher.products.values_list("pk", flat=True)),
            "variant_ids": frozenset(voucher.variants.values_list("pk", flat=True)),
            "category_ids": frozenset(voucher.categories.values_list("pk", flat=True)),
            "collection_ids": frozenset(voucher.collections.values_list("pk", flat=True)),
        }
    return VoucherTerms(
        type=voucher.type,
        value_type=voucher.discount_value_type,
        value=Decimal(listing.discount_value),
        min_spent=int(listing.min_spent_amount) if listing.min_spent_amount else None,
        min_quantity=voucher.min_checkout_items_quantity,
        apply_once_per_order=voucher.apply_once_per_order,
        cooperative_id=voucher.cooperative_id,
        countries=frozenset(country.upper() for country in voucher.countries),
        **catalogue,
    )


def voucher_used_by_customer(voucher: Voucher, email: str) -> bool:
    """Whether ``email`` already placed an order with one of the voucher's codes."""
    value = (email or "").strip().lower()
    return (
        bool(value)
        and VoucherCustomer.objects.filter(
            voucher_code__voucher=voucher, customer_email=value
        ).exists()
    )


def voucher_translated_name(voucher: Voucher, language_code: str | None) -> str:
    """The name in ``language_code`` when translated differently, else ``""`` (Saleor's
    ``translatedDiscountName``)."""
    if not language_code:
        return ""
    translation = (
        VoucherTranslation.objects.filter(voucher=voucher, language_code=language_code.lower())
        .values_list("name", flat=True)
        .first()
    )
    return translation if translation and translation != voucher.name else ""


def _with_collections(lines: Sequence[DiscountLine]) -> list[DiscountLine]:
    product_ids = {line.product_id for line in lines}
    by_product: dict[int, set[int]] = {}
    for product_id, collection_id in CollectionProduct.objects.filter(
        product_id__in=product_ids
    ).values_list("product_id", "collection_id"):
        by_product.setdefault(product_id, set()).add(collection_id)
    return [
        dataclasses.replace(line, collection_ids=frozenset(by_product.get(line.product_id, ())))
        for line in lines
    ]


def voucher_apply(
    code: str | VoucherCode,
    *,
    channel: Channel,
    lines: Sequence[DiscountLine],
    shipping_price: int | None,
    country: str | None,
    customer_email: str | Callable[[], str],
    language_code: str | None,
    now: datetime.datetime,
) -> AppliedVoucher:
    """What the code takes off a cart in ``channel`` now.

    Raises InvalidCode (no such code, inactive, not started, ended, not in this channel,
    used up) or NotApplicable (a once-per-customer voucher ``customer_email`` already
    used, minimum spent or quantity not reached, nothing it discounts, no shipping).
    ``customer_email`` may be a function, called only for once-per-customer vouchers.
    """
    found = code if isinstance(code, VoucherCode) else voucher_code_find(code)
    if found is None:
        raise InvalidCode("unknown", _("Promo code is invalid."))
    voucher = found.voucher
    listing = voucher_listing_usable(found, channel=channel, now=now)
    terms = voucher_terms(voucher, listing)
    if voucher.apply_once_per_customer and voucher_used_by_customer(
        voucher, customer_email() if callable(customer_email) else customer_email
    ):
        raise NotApplicable("once_per_customer", _("This offer is valid only once per customer."))
    if terms.collection_ids:
        lines = _with_collections(lines)
    discount = voucher_discount(terms, lines, shipping_price=shipping_price, country=country)
    return AppliedVoucher(
        voucher_id=voucher.pk,
        code_id=found.pk,
        code=found.code,
        name=voucher.name,
        translated_name=voucher_translated_name(voucher, language_code),
        type=voucher.type,
        value_type=voucher.discount_value_type,
        value=terms.value,
        cooperative_id=voucher.cooperative_id,
        discount=discount,
    )


# --- who sees and manages vouchers -------------------------------------------------------


def vouchers_manageable_by(user: User | AnonymousUser) -> QuerySet[Voucher]:
    """Vouchers the user may see and change: all for platform staff; their hubs' and
    their administered cooperatives' for hub operators and cooperative admins."""
    if _platform_staff(user):
        return Voucher.objects.all()
    if not _signed_in(user):
        return Voucher.objects.none()
    return Voucher.objects.filter(
        Q(village_hub__in=hubs_operated_by(user).values("pk"))
        | Q(cooperative__in=cooperatives_administered_by(user).values("pk"))
    )


def user_can_manage_voucher(user: User | AnonymousUser, voucher: Voucher) -> bool:
    """Whether the user may see and change this voucher."""
    if _platform_staff(user):
        return True
    return vouchers_manageable_by(user).filter(pk=voucher.pk).exists()


def user_may_manage_vouchers(user: User | AnonymousUser) -> bool:
    """Whether the user may manage any voucher at all (staff, hub operator or
    cooperative admin)."""
    if _platform_staff(user):
        return True
    if not _signed_in(user):
        return False
    return hubs_operated_by(user).exists() or cooperatives_administered_by(user).exists()


def voucher_time_zone(voucher: Voucher) -> ZoneInfo:
    """The zone the voucher's dates are read in: its hub's, its cooperative's province's,
    else WIB (Asia/Jakarta)."""
    # None without a query when the id is None
    hub, cooperative = voucher.village_hub, voucher.cooperative
    if hub is not None:
        return ZoneInfo(hub.time_zone)
    if cooperative is not None:
        return ZoneInfo(time_zone_for_province(cooperative.province_code))
    return ZoneInfo(DEFAULT_TIME_ZONE)
