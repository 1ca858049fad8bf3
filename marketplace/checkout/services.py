"""Write use cases of checkouts: lines with stock reservations, contact, addresses,
delivery, promo codes, completion.

Every service locks the checkout row first (then stock rows by pk), so line changes and
completion of one checkout serialize. Errors are ValidationError with CheckoutErrorCode
values; a refused call changes nothing. After every change the checkout's voucher code
is checked again and dropped when it no longer applies (Saleor's
``recalculate_checkout_discount``).
"""

from __future__ import annotations

import copy
import datetime
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import Address, User
from marketplace.accounts.services import ADDRESS_FIELDS, address_clean
from marketplace.catalog.models import ProductVariant, ProductVariantChannelListing
from marketplace.channels.models import Channel
from marketplace.checkout import complete, validation
from marketplace.checkout.error_codes import (
    CheckoutCreateFromOrderErrorCode,
    CheckoutCreateFromOrderUnavailableVariantErrorCode,
    CheckoutErrorCode,
)
from marketplace.checkout.locks import checkout_lock
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.checkout.selectors import (
    checkout_lines,
    checkout_voucher_apply,
    quantity_available_by_variant,
)
from marketplace.checkout.stock import check_and_reserve
from marketplace.core.exceptions import field_error
from marketplace.discounts.calculations import NotApplicable
from marketplace.discounts.models import Voucher
from marketplace.discounts.selectors import InvalidCode, normalize_code, voucher_code_find
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.placement import order_place
from marketplace.shipping.models import ShippingMethod
from marketplace.warehouses.models import Warehouse

logger = logging.getLogger(__name__)

LineInput = tuple[ProductVariant, int]


def _group_lines(lines: Sequence[LineInput], *, allow_zero: bool) -> dict[ProductVariant, int]:
    """Quantities per variant; a variant given twice has its quantities summed (Saleor)."""
    grouped: dict[int, tuple[ProductVariant, int]] = {}
    for variant, quantity in lines:
        quantity = validation.validate_quantity(quantity, allow_zero=allow_zero)
        previous = grouped.get(variant.pk, (variant, 0))[1]
        grouped[variant.pk] = (variant, previous + quantity)
    result = dict(grouped.values())
    for quantity in result.values():
        validation.validate_quantity(quantity, allow_zero=allow_zero)
    return result


def _lock(checkout: Checkout) -> Checkout:
    locked = checkout_lock(
        checkout,
        joined=("channel", "collection_point", "shipping_method__regency", "shipping_address"),
        needed=("channel", "collection_point", "shipping_method__regency"),
    )
    if locked is None:  # completed (deleted) meanwhile
        raise field_error("id", _("Checkout not found."), CheckoutErrorCode.NOT_FOUND)
    return locked


def voucher_error(
    exc: InvalidCode | NotApplicable, *, field: str = "promo_code"
) -> ValidationError:
    """A voucher refusal as Saleor's checkout error: INVALID for a code that does not
    run here and now, VOUCHER_NOT_APPLICABLE for one that does not apply to this cart."""
    code = (
        CheckoutErrorCode.INVALID
        if isinstance(exc, InvalidCode)
        else CheckoutErrorCode.VOUCHER_NOT_APPLICABLE
    )
    return field_error(field, exc.message, code)


def _priced(checkout: Checkout) -> tuple[list[CheckoutLine], dict[int, int]]:
    lines = list(checkout_lines(checkout=checkout))
    prices = {
        variant_id: int(amount)
        for variant_id, amount in ProductVariantChannelListing.objects.filter(
            channel_id=checkout.channel_id,
            variant_id__in=[line.variant_id for line in lines],
            price_amount__isnull=False,
        ).values_list("variant_id", "price_amount")
    }
    return lines, prices


def _recalculate_voucher(checkout: Checkout) -> None:
    """Drop the voucher code when it no longer applies (lines, delivery, address, buyer,
    dates, channel, minimum spent, usage), as Saleor does after every change."""
    if not checkout.voucher_code:
        return
    lines, prices = _priced(checkout)
    try:
        checkout_voucher_apply(
            checkout=checkout, code=checkout.voucher_code, lines=lines, prices=prices
        )
    except (InvalidCode, NotApplicable) as exc:
        logger.info(
            "checkout_voucher_removed",
            extra={"checkout_id": str(checkout.pk), "reason": exc.reason},
        )
        checkout.voucher_code = ""
        checkout.save(update_fields=["voucher_code", "last_change"])


def _address(data: Mapping[str, Any] | Address | None, *, field: str) -> Address | None:
    """A new address owned by the checkout, validated; errors as ``field.<name>``."""
    address = _address_clean(data, field=field)
    if address is not None:
        address.save()
    return address


def _address_clean(data: Mapping[str, Any] | Address | None, *, field: str) -> Address | None:
    """``_address`` before it is saved: the validated, unsaved copy."""
    if data is None:
        return None
    if isinstance(data, Address):
        source = data
        data = {name: getattr(source, name) for name in ADDRESS_FIELDS if name != "village"}
        data["village"] = source.village_id
        data["metadata"] = dict(source.metadata or {})
    try:
        address = address_clean(data=data)
    except ValidationError as exc:
        raise ValidationError(
            {f"{field}.{name}": errors for name, errors in exc.error_dict.items()}
        ) from None
    return address


def _checkout_addresses(
    shipping: Mapping[str, Any] | Address | None, billing: Mapping[str, Any] | Address | None
) -> tuple[Address | None, Address | None]:
    """Validated, unsaved copies of a new checkout's addresses. A billing address equal to
    the shipping address (the storefront sends one address twice) is validated once:
    the same data passes or fails the same checks, and the shipping one goes first."""
    shipping_address = _address_clean(shipping, field="shipping_address")
    if billing is not None and billing == shipping and shipping_address is not None:
        billing_address = copy.copy(shipping_address)  # unsaved: saving inserts its own row
        billing_address.metadata = dict(shipping_address.metadata or {})
        return shipping_address, billing_address
    return shipping_address, _address_clean(billing, field="billing_address")


def _set_lines(
    checkout: Checkout, wanted: dict[ProductVariant, int], *, add: bool, new_checkout: bool = False
) -> None:
    """Add to (``add``) or set line quantities, validate and reserve; 0 deletes a line.
    ``new_checkout``: the checkout was created in this transaction (no lines, no
    reservations, ``last_change`` just set)."""
    now = timezone.now()
    existing = (
        {}
        if new_checkout
        else {line.variant_id: line for line in checkout.lines.select_related("variant")}
    )
    validation.validate_variants_purchasable(
        channel=checkout.channel,
        variants=[variant for variant, quantity in wanted.items() if quantity > 0],
        now=now,
    )
    final: dict[ProductVariant, int] = {}
    for variant, quantity in wanted.items():
        line = existing.get(variant.pk)
        new_quantity = quantity + (line.quantity if line is not None and add else 0)
        validation.validate_quantity(new_quantity, allow_zero=not add)
        final[variant] = new_quantity
    validation.validate_customer_limits({v: q for v, q in final.items() if q > 0})
    to_delete = [existing[v.pk].pk for v, q in final.items() if q == 0 and v.pk in existing]
    changed: list[CheckoutLine] = []
    for variant, quantity in final.items():
        if quantity == 0:
            continue
        line = existing.get(variant.pk)
        if line is None:
            line = CheckoutLine(checkout=checkout, variant=variant, quantity=quantity)
        else:
            line.quantity = quantity
        changed.append(line)
    if to_delete:
        CheckoutLine.objects.filter(pk__in=to_delete).delete()
    for line in changed:
        line.save()
    check_and_reserve(checkout=checkout, lines=changed, now=now, new_checkout=new_checkout)
    if not new_checkout:
        checkout.save(update_fields=["last_change"])
    _recalculate_voucher(checkout)


def checkout_create(
    *,
    channel: Channel,
    lines: Sequence[LineInput],
    email: str | None = None,
    user: User | None = None,
    shipping_address: Mapping[str, Any] | Address | None = None,
    billing_address: Mapping[str, Any] | Address | None = None,
    language_code: str = "id",
    note: str = "",
    metadata: Mapping[str, str] | None = None,
    private_metadata: Mapping[str, str] | None = None,
) -> Checkout:
    """Start a checkout in a village hub's channel (Saleor's ``checkoutCreate``).

    ``metadata`` / ``private_metadata`` (already cleaned key/value pairs) are stored on the
    checkout and later copied onto its order.

    ``lines`` are (variant, quantity) pairs, a variant given twice is summed; their stock
    is reserved. The e-mail defaults to the user's. Addresses are validated and copied.
    Refused: CHANNEL_INACTIVE, ZERO_QUANTITY/QUANTITY_GREATER_THAN_LIMIT (``quantity``),
    UNAVAILABLE_VARIANT_IN_CHANNEL/PRODUCT_NOT_PUBLISHED/PRODUCT_UNAVAILABLE_FOR_PURCHASE
    (``lines``), INSUFFICIENT_STOCK (``quantity``), INVALID (``email``), address errors on
    ``shipping_address.<field>``/``billing_address.<field>``.
    """
    validation.validate_channel_active(channel)
    wanted = _group_lines(lines, allow_zero=False)
    clean_email = validation.clean_email(email)
    if not clean_email and user is not None:
        clean_email = user.email
    # Validated before the transaction: an address's check constraints are queries, and
    # inside a transaction Django wraps each in a savepoint (two more round trips each).
    shipping, billing = _checkout_addresses(shipping_address, billing_address)
    with transaction.atomic():
        for address in (shipping, billing):
            if address is not None:
                address.save()
        checkout = Checkout.objects.create(
            channel=channel,
            user=user,
            email=clean_email,
            shipping_address=shipping,
            billing_address=billing,
            language_code=language_code or "id",
            note=note or "",
            metadata=dict(metadata or {}),
            private_metadata=dict(private_metadata or {}),
        )
        # No row lock: no other transaction can see the row before this one commits.
        _set_lines(checkout, wanted, add=True, new_checkout=True)
    logger.info(
        "checkout_created",
        extra={"checkout_id": str(checkout.pk), "channel_id": channel.pk, "lines": len(wanted)},
    )
    return checkout


@dataclass(frozen=True)
class UnavailableOrderLine:
    """An order line left out of a reorder: why (a
    ``CheckoutCreateFromOrderUnavailableVariantErrorCode`` value) and a message."""

    line: OrderLine
    code: str
    message: str


def _reorderable_lines(
    order: Order, now: datetime.datetime
) -> tuple[dict[ProductVariant, int], list[UnavailableOrderLine]]:
    """The variants (and summed quantities) of ``order`` that can be bought again in its
    channel now, and the lines that cannot, checked in Saleor's order: the variant is
    gone, has no price in the channel, is not published, not available for purchase,
    over the per-line or per-customer limit, short of stock."""
    codes = CheckoutCreateFromOrderUnavailableVariantErrorCode
    unavailable: list[UnavailableOrderLine] = []
    candidates: list[tuple[OrderLine, ProductVariant]] = []
    for line in order.lines.select_related("variant").order_by("created_at", "pk"):
        if line.variant is None:
            unavailable.append(
                UnavailableOrderLine(line, codes.NOT_FOUND.value, _("Product variant not found."))
            )
            continue
        try:
            validation.validate_variants_purchasable(
                channel=order.channel, variants=[line.variant], now=now
            )
        except ValidationError as exc:
            error = exc.error_dict["lines"][0]
            unavailable.append(UnavailableOrderLine(line, str(error.code), error.messages[0]))
            continue
        limits = [validation.max_line_quantity(), line.variant.quantity_limit_per_customer]
        limit = min(value for value in limits if value is not None)
        if line.quantity > limit:
            message = _("Cannot add more than %(limit)d times this item: %(name)s.") % {
                "limit": limit,
                "name": line.variant,
            }
            unavailable.append(
                UnavailableOrderLine(line, codes.QUANTITY_GREATER_THAN_LIMIT.value, message)
            )
            continue
        candidates.append((line, line.variant))
    wanted: dict[int, int] = {}
    for line, variant in candidates:
        wanted[variant.pk] = wanted.get(variant.pk, 0) + line.quantity
    in_stock = quantity_available_by_variant(channel=order.channel, variant_ids=wanted, now=now)
    lines: dict[ProductVariant, int] = {}
    for line, variant in candidates:
        left = max(in_stock.get(variant.pk, 0), 0)
        if wanted[variant.pk] > left:
            message = _("Could not add items %(name)s. Only %(left)d remaining in stock.") % {
                "name": variant,
                "left": left,
            }
            unavailable.append(UnavailableOrderLine(line, codes.INSUFFICIENT_STOCK.value, message))
            continue
        lines[variant] = lines.get(variant, 0) + line.quantity
    return lines, unavailable


@transaction.atomic
def checkout_create_from_order(
    *, order: Order, user: User
) -> tuple[Checkout, list[UnavailableOrderLine]]:
    """Buy an order again (Saleor's ``checkoutCreateFromOrder``): a new checkout of the
    buyer ``user`` in the order's channel with every line that can be bought now, at
    today's prices, its stock reserved; the other lines are returned with the reason
    they were left out (an order with none available gives an empty checkout).

    Refused (CheckoutCreateFromOrderErrorCode, nothing created): ORDER_NOT_FOUND on
    ``id`` unless ``user`` placed the order; CHANNEL_INACTIVE when its hub's channel does
    not sell now.
    """
    if order.user_id is None or order.user_id != user.pk:
        raise field_error(
            "id",
            _("Couldn't resolve to an order."),
            CheckoutCreateFromOrderErrorCode.ORDER_NOT_FOUND,
        )
    if not order.channel.is_active:
        raise field_error(
            "id",
            _("Cannot perform this action on an inactive channel."),
            CheckoutCreateFromOrderErrorCode.CHANNEL_INACTIVE,
        )
    lines, unavailable = _reorderable_lines(order, timezone.now())
    checkout = checkout_create(
        channel=order.channel,
        lines=list(lines.items()),
        user=user,
        email=user.email or None,
        language_code=order.language_code or "id",
    )
    logger.info(
        "checkout_created_from_order",
        extra={
            "checkout_id": str(checkout.pk),
            "order_id": str(order.pk),
            "unavailable_lines": len(unavailable),
        },
    )
    return checkout, unavailable


@transaction.atomic
def checkout_lines_add(*, checkout: Checkout, lines: Sequence[LineInput]) -> Checkout:
    """Add units (to an existing line of the variant, else a new line) and reserve them
    (Saleor's ``checkoutLinesAdd``). Refusals as ``checkout_create``."""
    checkout = _lock(checkout)
    validation.validate_channel_active(checkout.channel)
    _set_lines(checkout, _group_lines(lines, allow_zero=False), add=True)
    logger.info("checkout_lines_added", extra={"checkout_id": str(checkout.pk)})
    return checkout


@transaction.atomic
def checkout_lines_update(*, checkout: Checkout, lines: Sequence[LineInput]) -> Checkout:
    """Set line quantities (Saleor's ``checkoutLinesUpdate``): 0 removes the line, a
    variant not yet in the checkout gets a line. Negative: ZERO_QUANTITY."""
    checkout = _lock(checkout)
    validation.validate_channel_active(checkout.channel)
    _set_lines(checkout, _group_lines(lines, allow_zero=True), add=False)
    logger.info("checkout_lines_updated", extra={"checkout_id": str(checkout.pk)})
    return checkout


@transaction.atomic
def checkout_lines_delete(*, checkout: Checkout, line_ids: Sequence[object]) -> Checkout:
    """Remove lines (and their reservations). A line id not of this checkout: INVALID on
    ``line_id`` and nothing is removed."""
    checkout = _lock(checkout)
    wanted = {str(line_id) for line_id in line_ids}
    found = {str(pk) for pk in checkout.lines.values_list("pk", flat=True)}
    if not wanted <= found:
        raise field_error(
            "line_id",
            _("Provided line_ids aren't part of checkout."),
            CheckoutErrorCode.INVALID,
        )
    checkout.lines.filter(pk__in=wanted).delete()
    checkout.save(update_fields=["last_change"])
    _recalculate_voucher(checkout)
    logger.info("checkout_lines_deleted", extra={"checkout_id": str(checkout.pk)})
    return checkout


@transaction.atomic
def checkout_email_update(*, checkout: Checkout, email: str) -> Checkout:
    """Set the buyer's e-mail address. Malformed: INVALID; empty: REQUIRED."""
    checkout = _lock(checkout)
    value = validation.clean_email(email)
    if not value:
        raise field_error("email", _("Enter an email address."), CheckoutErrorCode.REQUIRED)
    checkout.email = value
    checkout.save(update_fields=["email", "last_change"])
    _recalculate_voucher(checkout)
    return checkout


@transaction.atomic
def checkout_language_code_update(*, checkout: Checkout, language_code: str) -> Checkout:
    """Set the language the order's e-mails are written in."""
    checkout = _lock(checkout)
    checkout.language_code = language_code
    checkout.save(update_fields=["language_code", "last_change"])
    return checkout


def _replace_address(checkout: Checkout, field: str, data: Mapping[str, Any] | Address) -> None:
    old = getattr(checkout, f"{field}_id")
    setattr(checkout, field, _address(data, field=field))
    checkout.save(update_fields=[field, "last_change"])
    if old is not None:
        Address.objects.filter(pk=old).delete()  # the checkout's own copy


@transaction.atomic
def checkout_shipping_address_update(
    *, checkout: Checkout, address: Mapping[str, Any] | Address
) -> Checkout:
    """Set the shipping address (a copy of ``address``, validated; errors on
    ``shipping_address.<field>`` with ``required``/``invalid``)."""
    checkout = _lock(checkout)
    _replace_address(checkout, "shipping_address", address)
    _recalculate_voucher(checkout)
    return checkout


@transaction.atomic
def checkout_billing_address_update(
    *, checkout: Checkout, address: Mapping[str, Any] | Address
) -> Checkout:
    """Set the billing address (a validated copy, as the shipping address)."""
    checkout = _lock(checkout)
    _replace_address(checkout, "billing_address", address)
    return checkout


@transaction.atomic
def checkout_delivery_method_update(
    *,
    checkout: Checkout,
    collection_point: Warehouse | None = None,
    shipping_method: ShippingMethod | None = None,
) -> Checkout:
    """Choose pickup at one of the hub's collection points, or a flat-rate shipping
    method of the checkout's channel (Saleor's ``checkoutDeliveryMethodUpdate``); neither
    clears the choice.

    Refused on ``delivery_method_id``: both given (INVALID), a warehouse that is not a
    click-and-collect pickup point of this hub (DELIVERY_METHOD_NOT_APPLICABLE), a method
    of another channel, inactive or not delivering to the shipping address
    (SHIPPING_METHOD_NOT_APPLICABLE). Choosing a pickup
    point that serves only its local stock re-checks and re-reserves the lines there
    (INSUFFICIENT_STOCK on ``delivery_method_id``).
    """
    checkout = _lock(checkout)
    if collection_point is not None and shipping_method is not None:
        raise field_error(
            "delivery_method_id",
            _("Choose either a pickup point or a shipping method."),
            CheckoutErrorCode.INVALID,
        )
    if collection_point is not None:
        validation.validate_collection_point(channel=checkout.channel, warehouse=collection_point)
    if shipping_method is not None:
        validation.validate_shipping_method(
            channel=checkout.channel,
            shipping_method=shipping_method,
            address=checkout.shipping_address if checkout.shipping_address_id else None,
        )
    stock_scope_changed = checkout.collection_point_id != (
        collection_point.pk if collection_point else None
    )
    checkout.collection_point = collection_point
    checkout.shipping_method = shipping_method
    checkout.save(update_fields=["collection_point", "shipping_method", "last_change"])
    if stock_scope_changed:
        lines = list(checkout.lines.select_related("variant"))
        check_and_reserve(
            checkout=checkout, lines=lines, now=timezone.now(), field="delivery_method_id"
        )
    _recalculate_voucher(checkout)
    logger.info("checkout_delivery_method_updated", extra={"checkout_id": str(checkout.pk)})
    return checkout


@transaction.atomic
def checkout_note_update(*, checkout: Checkout, note: str) -> Checkout:
    """Set the buyer's note for the hub (Saleor's ``customerNote``)."""
    checkout = _lock(checkout)
    checkout.note = (note or "").strip()
    checkout.save(update_fields=["note", "last_change"])
    return checkout


@transaction.atomic
def checkout_customer_set(*, checkout: Checkout, user: User | None) -> Checkout:
    """Make ``user`` the owner of the checkout, or none (Saleor's
    ``checkoutCustomerAttach``/``checkoutCustomerDetach``); attaching sets the e-mail to
    the user's, as Saleor does, so the order goes out under the account's address (an
    account with only a phone number keeps the e-mail given). Callers check that the
    checkout is free or already the user's."""
    checkout = _lock(checkout)
    checkout.user = user
    fields = ["user", "last_change"]
    if user is not None and user.email:
        checkout.email = user.email
        fields.append("email")
    checkout.save(update_fields=fields)
    _recalculate_voucher(checkout)
    logger.info(
        "checkout_customer_set",
        extra={"checkout_id": str(checkout.pk), "user_id": user.pk if user else None},
    )
    return checkout


@transaction.atomic
def checkout_merge(*, source: Checkout, target: Checkout) -> tuple[Checkout, list[str]]:
    """Move the lines of ``source`` (a guest's cart) into ``target`` (the same hub's cart
    of the account the guest signed in to), quantities added, and delete ``source``.

    A line that cannot join (not sold any more, not enough stock, over a limit) is left
    out; the names of the products left out are returned with the target. Refused with
    INVALID on ``id`` when the two checkouts are of different channels."""
    first, second = sorted([source, target], key=lambda checkout: str(checkout.pk))
    _lock(first)
    _lock(second)
    source, target = _lock(source), _lock(target)
    if source.channel_id != target.channel_id:
        raise field_error(
            "id", _("Carts of different village hubs cannot be merged."), CheckoutErrorCode.INVALID
        )
    moving = [(line.variant, line.quantity) for line in source.lines.select_related("variant")]
    source.delete()  # its lines and reservations go, so their stock is free for the target
    left_out: list[str] = []
    for variant, quantity in moving:
        try:
            with transaction.atomic():
                _set_lines(target, {variant: quantity}, add=True)
        except ValidationError:
            left_out.append(variant.product.name)
    target.save(update_fields=["last_change"])
    logger.info(
        "checkout_merged",
        extra={"checkout_id": str(target.pk), "lines": len(moving), "left_out": len(left_out)},
    )
    return target, left_out


@transaction.atomic
def checkout_add_promo_code(*, checkout: Checkout, promo_code: str) -> Checkout:
    """Apply a voucher code, ignoring case (Saleor's ``checkoutAddPromoCode``); it
    replaces the checkout's previous code.

    Refused on ``promo_code``: INVALID when no voucher runs with the code in this hub's
    channel now (unknown, inactive, not started, ended, not listed here, used up);
    VOUCHER_NOT_APPLICABLE when it does not apply to this cart (minimum spent or
    quantity, nothing it discounts (a cooperative's voucher without its products), a
    shipping voucher without a shipping method, already used by this buyer).
    """
    checkout = _lock(checkout)
    code = voucher_code_find(promo_code)
    if code is None:
        raise voucher_error(InvalidCode("unknown", _("Promo code is invalid.")))
    lines, prices = _priced(checkout)
    try:
        applied = checkout_voucher_apply(checkout=checkout, code=code, lines=lines, prices=prices)
    except (InvalidCode, NotApplicable) as exc:
        raise voucher_error(exc) from None
    checkout.voucher_code = applied.code
    checkout.save(update_fields=["voucher_code", "last_change"])
    logger.info(
        "checkout_voucher_added",
        extra={"checkout_id": str(checkout.pk), "voucher_id": applied.voucher_id},
    )
    return checkout


@transaction.atomic
def checkout_remove_promo_code(
    *, checkout: Checkout, promo_code: str | None = None, voucher_id: int | None = None
) -> Checkout:
    """Take the voucher code off the checkout (Saleor's ``checkoutRemovePromoCode``), by
    the code (ignoring case) or by the voucher's id.

    Refused: a code of another voucher than the checkout's (INVALID on ``promo_code``),
    a code that exists nowhere and is not the checkout's (NOT_FOUND on ``promo_code``),
    a voucher that does not exist or is not the checkout's (NOT_FOUND on
    ``promo_code_id``). A voucher id when the checkout has no code changes nothing.
    """
    checkout = _lock(checkout)
    current = checkout.voucher_code
    if promo_code is not None:
        value = normalize_code(promo_code)
        code = voucher_code_find(value)
        if code is not None:
            attached = bool(current) and code.voucher.codes.filter(code__iexact=current).exists()
            if not attached:
                raise field_error(
                    "promo_code",
                    _("Cannot remove a voucher not attached to this checkout."),
                    CheckoutErrorCode.INVALID,
                )
        elif not current or value.upper() != current.upper():
            raise field_error(
                "promo_code", _("Promo code does not exists."), CheckoutErrorCode.NOT_FOUND
            )
    elif voucher_id is not None:
        if not current:
            return checkout
        voucher = Voucher.objects.filter(pk=voucher_id).first()
        if voucher is None:
            raise field_error(
                "promo_code_id",
                _("Couldn't resolve to a node: %(id)s") % {"id": voucher_id},
                CheckoutErrorCode.NOT_FOUND,
            )
        if not voucher.codes.filter(code__iexact=current).exists():
            raise field_error(
                "promo_code_id",
                _("Couldn't remove a promo code from a checkout."),
                CheckoutErrorCode.NOT_FOUND,
            )
    else:
        raise field_error(
            "promo_code",
            _("Provide the promo code or the voucher's ID."),
            CheckoutErrorCode.GRAPHQL_ERROR,
        )
    checkout.voucher_code = ""
    checkout.save(update_fields=["voucher_code", "last_change"])
    logger.info("checkout_voucher_removed", extra={"checkout_id": str(checkout.pk)})
    return checkout


@transaction.atomic
def checkout_complete(
    *,
    checkout: Checkout,
    payment_mode: str = complete.PAYMENT_MODE_PAY_AT_PICKUP,
    order_metadata: Mapping[str, str] | None = None,
) -> Order:
    """Turn the checkout into an order, exactly once (Saleor's ``checkoutComplete``).

    ``payment_mode``: ``"pay_at_pickup"`` (cash at the hub; the channel must allow unpaid
    orders and the delivery must be a pickup point) or ``"paid"`` (the payment was
    settled by a gateway before this call). Under the checkout's row lock: validates it
    (CheckoutErrorCode: NO_LINES, CHANNEL_INACTIVE, EMAIL_NOT_SET,
    SHIPPING_METHOD_NOT_SET, DELIVERY_METHOD_NOT_APPLICABLE,
    SHIPPING_METHOD_NOT_APPLICABLE, SHIPPING_ADDRESS_NOT_SET, CHECKOUT_NOT_FULLY_PAID
    when the hub takes no cash at pickup, product availability codes,
    VOUCHER_NOT_APPLICABLE on ``voucher_code`` when the checkout's code no longer
    applies or was used up meanwhile, INSUFFICIENT_STOCK on ``lines``), counts one use
    of the voucher code, turns reservations into allocations, snapshots the lines with
    their share of the discount, hands the order's address copies over and deletes the
    checkout (the steps are in ``complete``; the order is written by
    ``orders.placement.order_place``). A checkout already completed (by this or a
    concurrent call) returns its existing order. The order takes over the checkout's
    metadata (public and private, as Saleor does), with ``order_metadata`` added to the
    public part. ``pay_at_pickup`` orders get a pickup code and an expiry; ``paid``
    orders are charged in full now and reported.
    """
    now = timezone.now()
    locked = complete.checkout_lock_for_completion(checkout)
    if locked is None:
        return complete.completed_checkout_order(checkout)
    lines = list(checkout_lines(checkout=locked).select_related("variant__product__category"))
    complete.validate_for_completion(locked, lines, payment_mode, now)
    totals, voucher_use = complete.price_for_completion(locked, lines, now)
    complete.voucher_use_count(locked, totals, voucher_use)
    plan = complete.stock_plan(locked, lines, now)
    draft = complete.order_draft(
        locked, lines, totals, plan, payment_mode=payment_mode, order_metadata=order_metadata
    )
    order = order_place(draft=draft, now=now)
    complete.checkout_delete_completed(locked)
    return order
