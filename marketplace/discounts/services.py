"""Write use cases of vouchers: managing them (Saleor's ``voucherCreate``,
``voucherUpdate``, ``voucherDelete``, ``voucherChannelListingUpdate``,
``voucherCataloguesAdd/Remove``, ``voucherCodeBulkDelete``) and counting their use when
orders are placed, canceled or expire.

Who may: platform staff any voucher; a hub's operators the hub's vouchers, listed only in
the hub's channel; a cooperative's admins (pengurus) the cooperative's vouchers, listed
only in channels of hubs the cooperative supplies and discounting only its products.
Anyone else gets ``PermissionDenied``. Refusals are ValidationError with
DiscountErrorCode values and change nothing.

Locking: counting a use locks the voucher row (``SELECT … FOR UPDATE``), so two orders
placed at once with a voucher of usage limit 1 serialize and only one gets it. Callers
placing orders lock their checkout first, then the voucher, then stock.
"""

from __future__ import annotations

import datetime
import logging
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest, Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.catalog.models import Category, Product, ProductVariant
from marketplace.channels.models import Channel
from marketplace.content.models import Collection
from marketplace.core.exceptions import field_error, reject_unknown_keys
from marketplace.core.money import parse_rupiah_amount
from marketplace.discounts.calculations import NotApplicable
from marketplace.discounts.error_codes import DiscountErrorCode
from marketplace.discounts.models import (
    CODE_MAX_LENGTH,
    DiscountValueType,
    Voucher,
    VoucherChannelListing,
    VoucherCode,
    VoucherCustomer,
    VoucherTranslation,
    VoucherType,
)
from marketplace.discounts.selectors import (
    normalize_code,
    user_can_manage_voucher,
    voucher_time_zone,
    voucher_used_count,
)
from marketplace.village_hubs.models import Cooperative, HubSupply, VillageHub
from marketplace.village_hubs.selectors import (
    cooperatives_administered_by,
    hubs_operated_by,
    user_can_administer_cooperative,
    user_can_operate_hub,
)

logger = logging.getLogger(__name__)

VOUCHER_FIELDS = frozenset(
    {
        "name",
        "type",
        "discount_value_type",
        "usage_limit",
        "start_date",
        "end_date",
        "apply_once_per_order",
        "apply_once_per_customer",
        "single_use",
        "min_checkout_items_quantity",
        "countries",
    }
)
CATALOGUE_FIELDS = ("products", "variants", "categories", "collections")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
PERCENT_MAX = Decimal(100)


@dataclass(frozen=True)
class VoucherListingInput:
    """One channel to list a voucher in; None leaves a value as it is (or, for a new
    listing, is refused for ``discount_value`` and means "no minimum" for ``min_spent``)."""

    channel: Channel
    discount_value: Any = None
    min_spent: Any = None
    min_spent_given: bool = False


# --- helpers -----------------------------------------------------------------------------


_is_platform_staff = permissions.is_platform_staff


def _require_manager(actor: User | AnonymousUser, voucher: Voucher) -> None:
    if not user_can_manage_voucher(actor, voucher):
        raise PermissionDenied(_("You cannot manage this voucher."))


def generate_promo_code() -> str:
    """A fresh random code, ``ABCD-EF12-3456`` (as Saleor generates them)."""
    while True:
        raw = secrets.token_hex(6).upper()
        code = "-".join(raw[index : index + 4] for index in range(0, len(raw), 4))
        if not VoucherCode.objects.filter(code__iexact=code).exists():
            return code


def _clean_new_codes(values: Sequence[str], *, field: str) -> list[str]:
    """Trimmed codes (an empty one gets a generated code); DUPLICATED_INPUT_ITEM when the
    input repeats one (ignoring case), ALREADY_EXISTS when one is taken."""
    codes = [normalize_code(value) for value in values]
    too_long = [code for code in codes if len(code) > CODE_MAX_LENGTH]
    if too_long:
        raise ValidationError(
            {
                field: ValidationError(
                    _("A promo code can have at most %(max)d characters.")
                    % {"max": CODE_MAX_LENGTH},
                    code=DiscountErrorCode.INVALID.value,
                    params={"voucher_codes": too_long},
                )
            }
        )
    counts = Counter(code.upper() for code in codes if code)
    duplicated = sorted({code for code in codes if code and counts[code.upper()] > 1})
    if duplicated:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Duplicated promo codes provided."),
                    code=DiscountErrorCode.DUPLICATED_INPUT_ITEM.value,
                    params={"voucher_codes": duplicated},
                )
            }
        )
    wanted = [code for code in codes if code]
    taken = set()
    if wanted:
        taken = set(
            VoucherCode.objects.annotate(upper=Upper("code"))
            .filter(upper__in=[code.upper() for code in wanted])
            .values_list("upper", flat=True)
        )
    existing = [code for code in wanted if code.upper() in taken]
    if existing:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Promo code already exists."),
                    code=DiscountErrorCode.ALREADY_EXISTS.value,
                    params={"voucher_codes": existing},
                )
            }
        )
    return [code or generate_promo_code() for code in codes]


def _aware(value: datetime.datetime | None, zone: datetime.tzinfo) -> datetime.datetime | None:
    """A date as given, or read in the voucher's zone when it names none."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, zone)


def _clean_fields(voucher: Voucher, changes: Mapping[str, Any]) -> list[str]:
    """Copy the given fields onto ``voucher`` (unsaved) after checking them."""
    zone = voucher_time_zone(voucher)
    fields: list[str] = []
    for name in VOUCHER_FIELDS & set(changes):
        value = changes[name]
        if name in ("apply_once_per_order", "apply_once_per_customer", "single_use"):
            value = bool(value)
        elif name == "name":
            value = (value or "").strip()
            if len(value) > 255:
                raise field_error(
                    "name", _("Use at most 255 characters."), DiscountErrorCode.INVALID
                )
        elif name == "type":
            if value not in VoucherType.values:
                raise field_error("type", _("Unknown voucher type."), DiscountErrorCode.INVALID)
        elif name == "discount_value_type":
            if value not in DiscountValueType.values:
                raise field_error(
                    "discount_value_type", _("Unknown discount type."), DiscountErrorCode.INVALID
                )
        elif name in ("usage_limit", "min_checkout_items_quantity"):
            if value is not None and (isinstance(value, bool) or value < 0):
                raise field_error(
                    name, _("Enter a whole number, 0 or more."), DiscountErrorCode.INVALID
                )
        elif name in ("start_date", "end_date"):
            value = _aware(value, zone)
            if name == "start_date" and value is None:
                value = timezone.now()
        elif name == "countries":
            value = sorted({(code or "").strip().upper() for code in (value or [])})
            if any(not COUNTRY_RE.match(code) for code in value):
                raise field_error(
                    "countries", _("Enter two-letter country codes."), DiscountErrorCode.INVALID
                )
        setattr(voucher, name, value)
        fields.append(name)
    if voucher.end_date is not None and voucher.end_date < voucher.start_date:
        raise field_error(
            "end_date", _("End date cannot be before the start date."), DiscountErrorCode.INVALID
        )
    if voucher.cooperative_id is not None and voucher.type == VoucherType.SHIPPING:
        raise field_error(
            "type",
            _("A cooperative's voucher cannot discount the delivery fee."),
            DiscountErrorCode.INVALID,
        )
    return fields


def _check_catalogue(voucher: Voucher, catalogue: Mapping[str, Sequence[Any]]) -> None:
    """A cooperative's voucher may list only that cooperative's products and variants."""
    if voucher.cooperative_id is None:
        return
    foreign = [
        product.pk
        for product in catalogue.get("products") or []
        if product.cooperative_id != voucher.cooperative_id
    ]
    foreign += [
        variant.product_id
        for variant in catalogue.get("variants") or []
        if variant.product.cooperative_id != voucher.cooperative_id
    ]
    if foreign:
        raise ValidationError(
            {
                "products": ValidationError(
                    _("A cooperative's voucher can only discount its own products."),
                    code=DiscountErrorCode.INVALID.value,
                    params={"products": sorted(set(foreign))},
                )
            }
        )


def _is_used(voucher: Voucher) -> bool:
    return voucher_used_count(voucher) > 0 or voucher.orders.exists()


def _owner_for(
    actor: User | AnonymousUser,
    village_hub: VillageHub | None,
    cooperative: Cooperative | None,
) -> tuple[VillageHub | None, Cooperative | None]:
    """Who gives a new voucher, checked against the actor; defaults to the actor's only
    hub or only administered cooperative."""
    if village_hub is not None and cooperative is not None:
        raise field_error(
            "cooperative",
            _("A voucher belongs to a village hub or a cooperative, not both."),
            DiscountErrorCode.INVALID,
        )
    if _is_platform_staff(actor):
        return village_hub, cooperative
    if village_hub is not None:
        if not user_can_operate_hub(actor, village_hub):
            raise PermissionDenied(_("You are not an operator of this village hub."))
        return village_hub, None
    if cooperative is not None:
        if not user_can_administer_cooperative(actor, cooperative):
            raise PermissionDenied(_("You are not an admin of this cooperative."))
        return None, cooperative
    hubs = list(hubs_operated_by(actor)[:2])
    cooperatives = list(cooperatives_administered_by(actor)[:2])
    if len(hubs) + len(cooperatives) == 0:
        raise PermissionDenied(_("You cannot manage vouchers."))
    if len(hubs) == 1 and not cooperatives:
        return hubs[0], None
    if len(cooperatives) == 1 and not hubs:
        return None, cooperatives[0]
    raise field_error(
        "village_hub",
        _("Choose the village hub or the cooperative that gives this voucher."),
        DiscountErrorCode.REQUIRED,
    )


# --- management --------------------------------------------------------------------------


@transaction.atomic
def voucher_create(
    *,
    actor: User | AnonymousUser,
    village_hub: VillageHub | None = None,
    cooperative: Cooperative | None = None,
    add_codes: Sequence[str] | None = None,
    code: str | None = None,
    **changes: Any,
) -> Voucher:
    """Create a voucher with its codes (Saleor's ``voucherCreate``).

    ``add_codes`` (or the deprecated single ``code``; not both) are trimmed, unique
    ignoring case (ALREADY_EXISTS, DUPLICATED_INPUT_ITEM on ``codes``/``code``); an
    empty code gets a generated one. One of them is REQUIRED. Dates without a zone are
    read in the voucher's zone (its hub's, its cooperative's province's, else WIB).
    ``products``/``variants``/``categories``/``collections`` set what it applies to;
    a cooperative's voucher may list only its own products (INVALID on ``products``)
    and cannot be a shipping voucher (INVALID on ``type``).
    """
    reject_unknown_keys(changes, VOUCHER_FIELDS | set(CATALOGUE_FIELDS))
    village_hub, cooperative = _owner_for(actor, village_hub, cooperative)
    if add_codes is not None and code is not None:
        raise field_error(
            "code", _("Use either code or addCodes, not both."), DiscountErrorCode.INVALID
        )
    if add_codes is None and code is None:
        raise field_error(
            "add_codes", _("Add at least one promo code."), DiscountErrorCode.REQUIRED
        )
    codes = (
        _clean_new_codes(add_codes, field="codes")
        if add_codes is not None
        else _clean_new_codes([code or ""], field="code")
    )
    voucher = Voucher(village_hub=village_hub, cooperative=cooperative)
    _clean_fields(voucher, changes)
    catalogue = {name: changes[name] for name in CATALOGUE_FIELDS if changes.get(name) is not None}
    _check_catalogue(voucher, catalogue)
    voucher.save()
    VoucherCode.objects.bulk_create([VoucherCode(voucher=voucher, code=value) for value in codes])
    for name, objects in catalogue.items():
        getattr(voucher, name).set(objects)
    logger.info(
        "voucher_created",
        extra={
            "voucher_id": voucher.pk,
            "actor_id": getattr(actor, "pk", None),
            "village_hub_id": voucher.village_hub_id,
            "cooperative_id": voucher.cooperative_id,
        },
    )
    return voucher


@transaction.atomic
def voucher_update(
    *,
    voucher: Voucher,
    actor: User | AnonymousUser,
    add_codes: Sequence[str] | None = None,
    code: str | None = None,
    **changes: Any,
) -> Voucher:
    """Change a voucher (Saleor's ``voucherUpdate``): the given fields only; catalogue
    lists given replace the old ones; ``add_codes`` adds codes; the deprecated ``code``
    renames the voucher's only code (INVALID when it has several).

    ``single_use`` and ``usage_limit`` cannot change once an order used the voucher
    (VOUCHER_ALREADY_USED); switching to a percentage while a channel's value is above
    100 is INVALID on ``discount_value_type``.
    """
    reject_unknown_keys(changes, VOUCHER_FIELDS | set(CATALOGUE_FIELDS))
    _require_manager(actor, voucher)
    voucher = Voucher.objects.select_for_update(of=("self",)).get(pk=voucher.pk)
    for name in ("single_use", "usage_limit"):
        if name in changes and changes[name] != getattr(voucher, name) and _is_used(voucher):
            raise field_error(
                name,
                _("Cannot change this setting when a voucher code has already been used."),
                DiscountErrorCode.VOUCHER_ALREADY_USED,
            )
    fields = _clean_fields(voucher, changes)
    if (
        "discount_value_type" in fields
        and voucher.discount_value_type == DiscountValueType.PERCENTAGE
        and voucher.channel_listings.filter(discount_value__gt=PERCENT_MAX).exists()
    ):
        raise field_error(
            "discount_value_type",
            _("A percentage cannot be more than 100; change the channels' values first."),
            DiscountErrorCode.INVALID,
        )
    catalogue = {name: changes[name] for name in CATALOGUE_FIELDS if changes.get(name) is not None}
    _check_catalogue(voucher, catalogue)
    new_codes: list[str] = []
    if add_codes:
        new_codes = _clean_new_codes(add_codes, field="codes")
    renamed = None
    if code is not None:
        existing = list(voucher.codes.all()[:2])
        if len(existing) != 1:
            raise field_error(
                "code",
                _("Cannot update code when multiple codes exists."),
                DiscountErrorCode.INVALID,
            )
        renamed = existing[0]
        if normalize_code(code).upper() != renamed.code.upper():
            [renamed.code] = _clean_new_codes([code], field="code")
        else:
            renamed.code = normalize_code(code)
    voucher.save()
    if renamed is not None:
        renamed.save(update_fields=["code"])
    VoucherCode.objects.bulk_create(
        [VoucherCode(voucher=voucher, code=value) for value in new_codes]
    )
    for name, objects in catalogue.items():
        getattr(voucher, name).set(objects)
    logger.info(
        "voucher_updated",
        extra={"voucher_id": voucher.pk, "actor_id": getattr(actor, "pk", None)},
    )
    return voucher


@transaction.atomic
def voucher_delete(*, voucher: Voucher, actor: User | AnonymousUser) -> None:
    """Delete a voucher and its codes (Saleor's ``voucherDelete``). Orders keep the code
    and the discount they got; checkouts holding a code lose it on their next change."""
    _require_manager(actor, voucher)
    pk = voucher.pk
    Voucher.objects.filter(pk=pk).delete()
    logger.info("voucher_deleted", extra={"voucher_id": pk, "actor_id": getattr(actor, "pk", None)})


def _allowed_channel_ids(voucher: Voucher) -> set[int] | None:
    """Channels the voucher may be listed in; None for any (a platform voucher)."""
    if voucher.village_hub is not None:
        return {voucher.village_hub.channel_id}
    if voucher.cooperative_id is not None:
        return set(
            HubSupply.objects.filter(cooperative_id=voucher.cooperative_id).values_list(
                "hub__channel_id", flat=True
            )
        )
    return None


def _discount_value(voucher: Voucher, value: Any) -> Decimal:
    if voucher.discount_value_type == DiscountValueType.FIXED:
        amount = parse_rupiah_amount(value, field="discount_value")
        if amount <= 0:
            raise field_error(
                "discount_value", _("Enter an amount above Rp0."), DiscountErrorCode.INVALID
            )
        return Decimal(amount)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if (
        isinstance(value, bool)
        or not number.is_finite()
        or number <= 0
        or number > PERCENT_MAX
        or number != number.quantize(Decimal("0.01"))
    ):
        raise field_error(
            "discount_value",
            _("Enter a percentage above 0 and at most 100."),
            DiscountErrorCode.INVALID,
        )
    return number


# 85 lines: every refusal (repeats, foreign channels, missing values) is checked against
# the one locked voucher before any listing is written, so a refused call changes nothing.
def _refuse_repeated_channels(
    add: Sequence[VoucherListingInput], remove: Sequence[Channel]
) -> None:
    """A channel given twice, or both added and removed: DUPLICATED_INPUT_ITEM."""
    channel_ids = [item.channel.pk for item in add] + [channel.pk for channel in remove]
    repeated = sorted({pk for pk, count in Counter(channel_ids).items() if count > 1})
    if repeated:
        raise ValidationError(
            {
                "input": ValidationError(
                    _("A channel can be added or removed only once."),
                    code=DiscountErrorCode.DUPLICATED_INPUT_ITEM.value,
                    params={"channels": repeated},
                )
            }
        )


def _refuse_foreign_channels(voucher: Voucher, add: Sequence[VoucherListingInput]) -> None:
    """A hub's voucher only in the hub's channel, a cooperative's only in channels of hubs
    it supplies: INVALID on ``add_channels``."""
    allowed = _allowed_channel_ids(voucher)
    if allowed is None:
        return
    refused = sorted({item.channel.pk for item in add} - allowed)
    if refused:
        raise ValidationError(
            {
                "add_channels": ValidationError(
                    _("This voucher can only be listed in its own village hubs' channels."),
                    code=DiscountErrorCode.INVALID.value,
                    params={"channels": refused},
                )
            }
        )


def _refuse_new_listings_without_value(
    add: Sequence[VoucherListingInput], existing: Mapping[int, VoucherChannelListing]
) -> None:
    """A new listing needs a value: REQUIRED on ``discount_value``."""
    missing_value = [
        item.channel.pk
        for item in add
        if item.discount_value is None and item.channel.pk not in existing
    ]
    if missing_value:
        raise ValidationError(
            {
                "discount_value": ValidationError(
                    _("Value is required for voucher."),
                    code=DiscountErrorCode.REQUIRED.value,
                    params={"channels": missing_value},
                )
            }
        )


def _save_listing(
    voucher: Voucher, item: VoucherListingInput, listing: VoucherChannelListing | None
) -> None:
    """Create or change the voucher's listing in ``item.channel`` with what ``item`` gives."""
    listing = listing or VoucherChannelListing(voucher=voucher, channel=item.channel)
    listing.currency = item.channel.currency_code
    if item.discount_value is not None:
        listing.discount_value = _discount_value(voucher, item.discount_value)
    if item.min_spent_given:
        listing.min_spent_amount = (
            None
            if item.min_spent is None
            else parse_rupiah_amount(item.min_spent, field="min_amount_spent") or None
        )
    listing.save()


@transaction.atomic
def voucher_channel_listing_update(
    *,
    voucher: Voucher,
    actor: User | AnonymousUser,
    add: Sequence[VoucherListingInput] = (),
    remove: Sequence[Channel] = (),
) -> Voucher:
    """List the voucher in channels with its value and minimum spent, or unlist it
    (Saleor's ``voucherChannelListingUpdate``).

    Fixed values and minimums are whole rupiah; percentages are above 0 and at most 100
    (INVALID on ``discount_value``/``min_amount_spent``). A new listing needs a value
    (REQUIRED on ``discount_value``). A channel given twice or both added and removed:
    DUPLICATED_INPUT_ITEM. A hub's voucher only in the hub's channel, a cooperative's
    only in channels of hubs it supplies: INVALID on ``add_channels`` with ``channels``.
    """
    _require_manager(actor, voucher)
    voucher = Voucher.objects.select_for_update(of=("self",)).get(pk=voucher.pk)
    _refuse_repeated_channels(add, remove)
    _refuse_foreign_channels(voucher, add)
    existing = {listing.channel_id: listing for listing in voucher.channel_listings.all()}
    _refuse_new_listings_without_value(add, existing)
    for item in add:
        _save_listing(voucher, item, existing.get(item.channel.pk))
    if remove:
        voucher.channel_listings.filter(channel__in=list(remove)).delete()
    voucher.save(update_fields=["updated_at"])
    logger.info(
        "voucher_channel_listing_updated",
        extra={
            "voucher_id": voucher.pk,
            "added": sorted(item.channel.pk for item in add),
            "removed": sorted(channel.pk for channel in remove),
        },
    )
    return voucher


@transaction.atomic
def voucher_catalogues_change(
    *,
    voucher: Voucher,
    actor: User | AnonymousUser,
    add: bool,
    products: Iterable[Product] = (),
    variants: Iterable[ProductVariant] = (),
    categories: Iterable[Category] = (),
    collections: Iterable[Collection] = (),
) -> Voucher:
    """Add (``add``) or remove products, variants, categories and collections
    (Saleor's ``voucherCataloguesAdd``/``voucherCataloguesRemove``)."""
    _require_manager(actor, voucher)
    # a different model per key, as _check_catalogue takes it
    catalogue: dict[str, Sequence[Any]] = {
        "products": list(products),
        "variants": list(variants),
        "categories": list(categories),
        "collections": list(collections),
    }
    if add:
        _check_catalogue(voucher, catalogue)
    for name, objects in catalogue.items():
        if not objects:
            continue
        if add:
            getattr(voucher, name).add(*objects)
        else:
            getattr(voucher, name).remove(*objects)
    voucher.save(update_fields=["updated_at"])
    return voucher


@transaction.atomic
def voucher_codes_delete(*, codes: Sequence[VoucherCode], actor: User | AnonymousUser) -> int:
    """Delete codes (Saleor's ``voucherCodeBulkDelete``); every code must be of a
    voucher the actor manages, else PermissionDenied and nothing is deleted."""
    vouchers = {code.voucher_id: code.voucher for code in codes}
    for voucher in vouchers.values():
        _require_manager(actor, voucher)
    VoucherCode.objects.filter(pk__in=[code.pk for code in codes]).delete()
    logger.info("voucher_codes_deleted", extra={"count": len(codes)})
    return len(codes)


@transaction.atomic
def voucher_translate(
    *, voucher: Voucher, actor: User | AnonymousUser, language_code: str, name: str | None
) -> VoucherTranslation:
    """Set the voucher's name in another language (Saleor's ``voucherTranslate``)."""
    _require_manager(actor, voucher)
    translation, _created = VoucherTranslation.objects.update_or_create(
        voucher=voucher,
        language_code=language_code.lower(),
        defaults={"name": (name or "").strip()[:255]},
    )
    return translation


# --- counting uses -----------------------------------------------------------------------


def voucher_customer_email(*, user: User | None, email: str) -> str:
    """Whose use of a once-per-customer voucher this is: the user's e-mail, else the
    e-mail given (Saleor's ``get_customer_email_for_voucher_usage``)."""
    return user.email if user is not None else email


def voucher_lock(code: str) -> tuple[Voucher, VoucherCode] | None:
    """Lock the voucher of ``code`` (ignoring case) for counting a use; None when the code
    no longer exists. Call inside a transaction, after locking the checkout."""
    value = normalize_code(code)
    voucher_id = (
        VoucherCode.objects.filter(code__iexact=value).values_list("voucher_id", flat=True).first()
        if value
        else None
    )
    if voucher_id is None:
        return None
    voucher = Voucher.objects.select_for_update(of=("self",)).filter(pk=voucher_id).first()
    found = VoucherCode.objects.filter(voucher_id=voucher_id, code__iexact=value).first()
    if voucher is None or found is None:
        return None
    found.voucher = voucher
    return voucher, found


def voucher_usage_increase(*, voucher: Voucher, code: VoucherCode, customer_email: str) -> None:
    """Count one order placed with ``code`` (the voucher locked by ``voucher_lock``):
    ``used`` + 1, the buyer remembered for once-per-customer vouchers, a single-use code
    deactivated. Raises NotApplicable when the buyer already used a once-per-customer
    voucher."""
    email = (customer_email or "").strip().lower()
    if voucher.apply_once_per_customer:
        if not email:
            raise NotApplicable(
                "once_per_customer",
                _("Unable to apply voucher as customer details are missing."),
            )
        if VoucherCustomer.objects.filter(
            voucher_code__voucher=voucher, customer_email=email
        ).exists():
            raise NotApplicable(
                "once_per_customer", _("This offer is valid only once per customer.")
            )
        VoucherCustomer.objects.create(voucher_code=code, customer_email=email)
    updates: dict[str, Any] = {"used": F("used") + 1}
    if voucher.single_use:
        updates["is_active"] = False
    VoucherCode.objects.filter(pk=code.pk).update(**updates)
    logger.info("voucher_used", extra={"voucher_id": voucher.pk, "voucher_code_id": str(code.pk)})


def voucher_usage_release(*, code: str, customer_email: str) -> bool:
    """Give back one use of ``code`` (an unpaid order canceled or expired): ``used`` − 1
    (never below 0), the buyer forgotten, a single-use code active again. Returns False
    when the code no longer exists."""
    locked = voucher_lock(code)
    if locked is None:
        return False
    voucher, found = locked
    updates: dict[str, Any] = {"used": Greatest(F("used") - 1, 0)}
    if voucher.single_use:
        updates["is_active"] = True
    VoucherCode.objects.filter(pk=found.pk).update(**updates)
    email = (customer_email or "").strip().lower()
    if email:
        VoucherCustomer.objects.filter(voucher_code=found, customer_email=email).delete()
    logger.info(
        "voucher_use_released", extra={"voucher_id": voucher.pk, "voucher_code_id": str(found.pk)}
    )
    return True
