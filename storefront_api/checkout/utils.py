"""Helpers of the checkout mutations: finding the checkout, reading inputs, and shaping the
domain's errors as Saleor's ``CheckoutError``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.catalog.models import ProductVariant
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.core.exceptions import field_error
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.ids import decode_global_id, global_id
from storefront_api.core.metadata import metadata_input_items
from storefront_api.village_hubs.utils import enum_value

# A checkout is read with its channel joined and its other relations (often empty)
# prefetched, one small query each when set. Joining all six made PostgreSQL search join
# orders for 5–7 ms on every lookup (3 per checkout mutation), against 0.2–0.4 ms per
# prefetch query (benchmarks/storefront.py, checkout scenario).
CHECKOUT_JOINED = ("channel",)
CHECKOUT_PREFETCHED = (
    "user",
    "shipping_address",
    "billing_address",
    "collection_point",
    "shipping_method",
)
# What a checkout service's row lock takes over from the mutation's read of the checkout
# (``marketplace.checkout.locks``) besides the channel; the addresses are read when used.
CHECKOUT_PREFETCHED_FOR_LOCK = ("user", "collection_point", "shipping_method__regency")
# AddressInput field → accounts.services.address_clean field.
_ADDRESS_INPUT_FIELDS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "company_name": "company_name",
    "street_address1": "street_address_1",
    "street_address2": "street_address_2",
    "city": "city",
    "city_area": "city_area",
    "postal_code": "postal_code",
    "country": "country",
    "country_area": "country_area",
    "phone": "phone",
}
_ADDRESS_MODEL_TO_INPUT = {value: key for key, value in _ADDRESS_INPUT_FIELDS.items()}


def checkouts_with_relations(
    prefetched: Sequence[str] = CHECKOUT_PREFETCHED,
) -> QuerySet[Checkout]:
    """Checkouts with what their type reads: the channel joined, the rest (or only the
    ``prefetched`` relations) prefetched."""
    return Checkout.objects.select_related(*CHECKOUT_JOINED).prefetch_related(*prefetched)


def checkout_get(
    pk: uuid.UUID | str, prefetched: Sequence[str] = CHECKOUT_PREFETCHED
) -> Checkout | None:
    """The checkout with what its type reads (or only the ``prefetched`` relations
    besides its channel), or None (also for a malformed ``pk``)."""
    try:
        found = list(checkouts_with_relations(prefetched).filter(pk=pk).order_by())
    except (ValueError, ValidationError):
        return None
    return found[0] if found else None


def checkout_pk(
    *, id: str | None = None, token: Any = None, checkout_id: str | None = None
) -> uuid.UUID:
    """The UUID named by ``id`` (or the deprecated ``token`` / ``checkoutId``)."""
    if id or checkout_id:
        field = "id" if id else "checkout_id"
        raw = decode_global_id(id or checkout_id or "", only_type="Checkout", field=field)
        try:
            return uuid.UUID(raw)
        except ValueError:
            raise field_error(
                field,
                _("Couldn't resolve to a node: %(id)s") % {"id": id or checkout_id},
                CheckoutErrorCode.GRAPHQL_ERROR,
            ) from None
    if token:
        return token if isinstance(token, uuid.UUID) else uuid.UUID(str(token))
    raise field_error("id", _("Provide the ID of the checkout."), CheckoutErrorCode.GRAPHQL_ERROR)


def checkout_for_viewer(info: Any, pk: uuid.UUID | str) -> Checkout | None:
    """The checkout if the viewer may read it (``marketplace.permissions.can_use_checkout``:
    a signed-in user's checkout is theirs only), else None, as Saleor's ``checkout``."""
    checkout = checkout_get(pk)
    if checkout is None or not permissions.can_use_checkout(info.context.user, checkout):
        return None
    return checkout


def require_checkout_owner(info: Any, checkout: Checkout | None) -> None:
    """Top-level ``PermissionDenied`` when the checkout belongs to another signed-in user."""
    if checkout is not None and not permissions.can_use_checkout(info.context.user, checkout):
        raise PermissionDenied()


def checkout_for_mutation(
    info: Any,
    *,
    id: str | None = None,
    token: Any = None,
    checkout_id: str | None = None,
    prefetched: Sequence[str] = CHECKOUT_PREFETCHED,
) -> Checkout:
    """The checkout named by the arguments (with its channel and the ``prefetched``
    relations); NOT_FOUND on ``id`` if there is none; ``PermissionDenied`` when it is
    another signed-in user's."""
    checkout = checkout_get(checkout_pk(id=id, token=token, checkout_id=checkout_id), prefetched)
    if checkout is None:
        raise field_error("id", _("Couldn't find the checkout."), CheckoutErrorCode.NOT_FOUND)
    require_checkout_owner(info, checkout)
    return checkout


def address_data(address_input: Any) -> dict[str, Any]:
    """The fields of a Saleor ``AddressInput`` for ``accounts.services.address_clean``."""
    data = dict(address_input or {})
    fields = {
        target: enum_value(data[source])
        for source, target in _ADDRESS_INPUT_FIELDS.items()
        if source in data
    }
    if data.get("metadata"):
        fields["metadata"] = metadata_input_items(data["metadata"])
    return fields


def refuse_price_override(lines: Sequence[Any]) -> None:
    """Saleor lets only apps with ``HANDLE_CHECKOUTS`` set a line's ``price`` (and its
    ``priceOverrideReason``); Lumbung has no such apps: a line with either is refused."""
    if any(
        line.get("price") is not None or line.get("price_override_reason") is not None
        for line in lines
    ):
        raise PermissionDenied(permissions=["HANDLE_CHECKOUTS"])


def variants_for_lines(lines: Sequence[Any], *, field: str = "variant_id") -> list[tuple]:
    """``[(ProductVariant, quantity)]`` for line inputs with ``variant_id`` and ``quantity``
    (a line with a custom price is refused: :func:`refuse_price_override`)."""
    refuse_price_override(lines)
    pks = [
        int(decode_global_id(line["variant_id"], only_type="ProductVariant", field=field))
        for line in lines
    ]
    variants = ProductVariant.objects.select_related("product").in_bulk(set(pks))
    missing = [pk for pk in pks if pk not in variants]
    if missing:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Couldn't find the product variant."),
                    code=CheckoutErrorCode.NOT_FOUND.value,
                    params={"variants": missing},
                )
            }
        )
    return [(variants[pk], line["quantity"]) for pk, line in zip(pks, lines, strict=True)]


def checkout_errors(exc: ValidationError) -> ValidationError:
    """The domain's errors as ``CheckoutError`` expects them: address errors
    (``shipping_address.postal_code``) on the input field with ``addressType``, and
    variant primary keys as ProductVariant global IDs."""
    error_dict = getattr(exc, "error_dict", None) or {NON_FIELD_ERRORS: exc.error_list}
    result: dict[str, list[ValidationError]] = {}
    for field, errors in error_dict.items():
        address_type = None
        name = field
        if "." in field:
            prefix, name = field.split(".", 1)
            address_type = {"shipping_address": "shipping", "billing_address": "billing"}.get(
                prefix
            )
            name = _ADDRESS_MODEL_TO_INPUT.get(name, name)
        for error in errors:
            params = dict(error.params or {})
            if "variants" in params:
                params["variants"] = [global_id("ProductVariant", pk) for pk in params["variants"]]
            if address_type:
                params["address_type"] = address_type
            result.setdefault(name, []).append(
                ValidationError(error.messages[0], code=error.code, params=params)
            )
    return ValidationError(result)
