"""Shared parts of the voucher mutations: the base with ``DiscountError`` payloads, and
reading a ``VoucherInput`` into the arguments of ``discounts.services``."""

from __future__ import annotations

from enum import Enum
from typing import Any

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from marketplace.catalog.models import Category, Product, ProductVariant
from marketplace.content.models import Collection
from marketplace.core.exceptions import field_error
from marketplace.discounts.error_codes import DiscountErrorCode
from marketplace.discounts.models import Voucher
from marketplace.discounts.selectors import vouchers_manageable_by
from marketplace.discounts.services import VOUCHER_FIELDS
from marketplace.village_hubs.models import Cooperative, VillageHub
from storefront_api.core.ids import decode_int_pk, global_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.discounts.types import VoucherContext

# VoucherInput field -> (model, global ID type) of the objects it names.
CATALOGUE_INPUTS: dict[str, tuple[type[Model], str]] = {
    "products": (Product, "Product"),
    "variants": (ProductVariant, "ProductVariant"),
    "categories": (Category, "Category"),
    "collections": (Collection, "Collection"),
}


def _raw(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def discount_errors(exc: ValidationError) -> ValidationError:
    """The domain's errors as ``DiscountError`` expects them: channel and product primary
    keys as global IDs."""
    error_dict = getattr(exc, "error_dict", None) or {NON_FIELD_ERRORS: exc.error_list}
    result: dict[str, list[ValidationError]] = {}
    for field, errors in error_dict.items():
        for error in errors:
            params = dict(error.params or {})
            if "channels" in params:
                params["channels"] = [global_id("Channel", pk) for pk in params["channels"]]
            if "products" in params:
                params["products"] = [global_id("Product", pk) for pk in params["products"]]
            result.setdefault(field, []).append(
                ValidationError(error.messages[0], code=error.code, params=params)
            )
    return ValidationError(result)


class DiscountBaseMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, exc: ValidationError) -> Any:
        return super().handle_errors(discount_errors(exc))


def voucher_to_manage(info: graphene.ResolveInfo, value: str, *, field: str = "id") -> Voucher:
    """The voucher named by ``value`` if the viewer manages it; NOT_FOUND otherwise (one
    cooperative never learns that another's voucher exists)."""
    pk = decode_int_pk(value, only_type="Voucher", field=field)
    voucher = (
        vouchers_manageable_by(info.context.user)
        .select_related("village_hub", "cooperative")
        .filter(pk=pk)
        .first()
    )
    if voucher is None:
        raise field_error(
            field,
            _("Couldn't resolve to a node: %(id)s") % {"id": value},
            DiscountErrorCode.NOT_FOUND,
        )
    return voucher


def objects_by_ids(
    queryset: QuerySet[Any], values: list[str], *, only_type: str, field: str
) -> list[Any]:
    """The objects named by global IDs, in order; NOT_FOUND on ``field`` for unknown ones,
    DUPLICATED_INPUT_ITEM for one given twice."""
    pks = [decode_int_pk(value, only_type=only_type, field=field) for value in values]
    if len(set(pks)) != len(pks):
        raise field_error(
            field, _("An item is given more than once."), DiscountErrorCode.DUPLICATED_INPUT_ITEM
        )
    found = queryset.in_bulk(pks)
    missing = [value for value, pk in zip(values, pks, strict=True) if pk not in found]
    if missing:
        raise field_error(
            field,
            _("Couldn't resolve to a node: %(id)s") % {"id": missing[0]},
            DiscountErrorCode.NOT_FOUND,
        )
    return [found[pk] for pk in pks]


def catalogue_objects(input: dict[str, Any]) -> dict[str, list[Any]]:
    """``products``/``variants``/``categories``/``collections`` of an input, as objects
    (only the keys given)."""
    result: dict[str, list[Any]] = {}
    for name, (model, type_name) in CATALOGUE_INPUTS.items():
        if input.get(name) is None:
            continue
        queryset = model._default_manager.all()
        if model is ProductVariant:
            queryset = queryset.select_related("product")
        result[name] = objects_by_ids(queryset, input[name], only_type=type_name, field=name)
    return result


def voucher_changes(input: dict[str, Any]) -> dict[str, Any]:
    """The service arguments of a ``VoucherInput``: only the fields given."""
    changes = {name: _raw(input[name]) for name in sorted(VOUCHER_FIELDS) if name in input}
    for name in ("type", "discount_value_type"):
        if name in changes and changes[name] is None:
            del changes[name]  # null for a required choice: keep what it is
    changes.update(catalogue_objects(input))
    if input.get("add_codes") is not None:
        changes["add_codes"] = list(input["add_codes"])
    if input.get("code") is not None:
        changes["code"] = input["code"]
    return changes


def owner_objects(input: dict[str, Any]) -> dict[str, Any]:
    """``villageHub`` / ``cooperative`` of a ``VoucherInput`` as objects."""
    owners: dict[str, Any] = {}
    if input.get("village_hub"):
        [owners["village_hub"]] = objects_by_ids(
            VillageHub.objects.all(), [input["village_hub"]], only_type="VillageHub",
            field="village_hub",
        )  # fmt: skip
    if input.get("cooperative"):
        [owners["cooperative"]] = objects_by_ids(
            Cooperative.objects.all(), [input["cooperative"]], only_type="Cooperative",
            field="cooperative",
        )  # fmt: skip
    return owners


def payload_voucher(voucher: Voucher) -> VoucherContext:
    return VoucherContext(voucher=voucher)
