"""``checkoutDeliveryMethodUpdate``, ``checkoutShippingMethodUpdate`` (deprecated) and
``deliveryOptionsCalculate``."""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from marketplace.checkout import services
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.selectors import checkout_shipping_methods, pickup_points_for_channel
from marketplace.core.exceptions import field_error
from marketplace.shipping.models import ShippingMethod as ShippingMethodModel
from marketplace.warehouses.models import Warehouse as WarehouseModel
from storefront_api.checkout.enums import DeliveryOptionsCalculateErrorCode
from storefront_api.checkout.mutations.base import (
    CheckoutBaseMutation,
    CheckoutIdArguments,
    CheckoutTokenArguments,
)
from storefront_api.checkout.types import Checkout, CheckoutError, Delivery
from storefront_api.checkout.utils import (
    CHECKOUT_PREFETCHED_FOR_LOCK,
    checkout_for_mutation,
    checkout_get,
    checkout_pk,
    require_checkout_owner,
)
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import Error
from storefront_api.shipping.types import PickupMethod, pickup_point_pk


def _decode(value: str, field: str) -> tuple[str, str]:
    try:
        type_name, pk = from_global_id(value)
    except (TypeError, ValueError, UnicodeDecodeError):
        type_name, pk = "", ""
    if not type_name or not pk:
        raise field_error(
            field,
            _("Couldn't resolve id: %(id)s.") % {"id": value},
            CheckoutErrorCode.GRAPHQL_ERROR,
        )
    return type_name, pk


def _int(pk: str, field: str) -> int:
    try:
        return int(pk)
    except ValueError:
        raise field_error(
            field, _("Couldn't resolve id: %(id)s.") % {"id": pk}, CheckoutErrorCode.GRAPHQL_ERROR
        ) from None


def resolve_delivery_method(
    value: str | None, field: str
) -> tuple[WarehouseModel | None, ShippingMethodModel | None]:
    """A Warehouse (pickup point), ShippingMethod or Delivery id → the domain objects."""
    if not value:
        return None, None
    type_name, pk = _decode(value, field)
    if type_name in ("ShippingMethod", "Delivery") and pickup_point_pk(pk) is not None:
        type_name, pk = "Warehouse", str(pickup_point_pk(pk))  # pickup shown as a delivery
    if type_name == "Warehouse":
        warehouse = WarehouseModel.objects.filter(pk=_int(pk, field)).first()
        if warehouse is None:
            raise field_error(field, _("Pickup point not found."), CheckoutErrorCode.NOT_FOUND)
        return warehouse, None
    if type_name in ("ShippingMethod", "Delivery"):
        method = ShippingMethodModel.objects.filter(pk=_int(pk, field)).first()
        if method is None:
            raise field_error(field, _("Shipping method not found."), CheckoutErrorCode.NOT_FOUND)
        return None, method
    raise field_error(
        field,
        _("Must receive a Warehouse, ShippingMethod or Delivery id."),
        CheckoutErrorCode.GRAPHQL_ERROR,
    )


class CheckoutDeliveryMethodUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutTokenArguments):
        delivery_method_id = graphene.ID(
            description="Delivery Method ID (`Warehouse` ID of a pickup point, `ShippingMethod` "
            "ID or `Delivery` ID)."
        )

    class Meta:
        description = (
            "Updates the delivery method (pickup at the village hub or a shipping method) of "
            "the checkout."
        )
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        delivery_method_id: str | None = None,
        **ids: Any,
    ) -> CheckoutDeliveryMethodUpdate:
        checkout = checkout_for_mutation(info, prefetched=CHECKOUT_PREFETCHED_FOR_LOCK, **ids)
        point, method = resolve_delivery_method(delivery_method_id, "delivery_method_id")
        checkout = services.checkout_delivery_method_update(
            checkout=checkout, collection_point=point, shipping_method=method
        )
        return cls.respond_as_is(checkout)


class CheckoutShippingMethodUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        shipping_method_id = graphene.ID(description="Shipping method.")

    class Meta:
        description = "Updates the shipping method of the checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        shipping_method_id: str | None = None,
        **ids: Any,
    ) -> CheckoutShippingMethodUpdate:
        checkout = checkout_for_mutation(info, prefetched=CHECKOUT_PREFETCHED_FOR_LOCK, **ids)
        point, method = resolve_delivery_method(shipping_method_id, "shipping_method")
        try:
            checkout = services.checkout_delivery_method_update(
                checkout=checkout, collection_point=point, shipping_method=method
            )
        except ValidationError as exc:
            errors = exc.error_dict.pop("delivery_method_id", None)
            if errors is not None:
                exc.error_dict["shipping_method"] = errors
            raise
        return cls.respond_as_is(checkout)


class DeliveryOptionsCalculateError(Error):
    code = DeliveryOptionsCalculateErrorCode(required=True, description="The error code.")


class DeliveryOptionsCalculate(BaseMutation):
    deliveries = graphene.List(
        graphene.NonNull(Delivery), required=True, description="List of the available deliveries."
    )

    class Arguments:
        id = graphene.ID(required=True, description="The ID of the checkout.")

    class Meta:
        description = (
            "The ways the checkout's order can reach the buyer, as deliveries: first pickup "
            "at each of the village hub's points (free; its id chooses that collection point "
            "in `checkoutDeliveryMethodUpdate`), then the shipping methods that deliver to "
            "the shipping address (a village courier only inside its hub's regency)."
        )
        error_type_class = DeliveryOptionsCalculateError

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> DeliveryOptionsCalculate:
        checkout = checkout_get(checkout_pk(id=id))
        require_checkout_owner(info, checkout)
        if checkout is None:
            raise field_error("id", _("Couldn't find the checkout."), CheckoutErrorCode.NOT_FOUND)
        currency = checkout.channel.currency_code
        pickups: list[Any] = [
            PickupMethod(point, currency)
            for point in pickup_points_for_channel(channel=checkout.channel)
        ]
        methods = checkout_shipping_methods(checkout=checkout)
        for method in methods:
            method.channel = checkout.channel
        return cls(deliveries=pickups + methods, errors=[])
