"""Shipping methods with Saleor's shape, and pickup at a hub's point shown as one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.shipping.models import ShippingMethod as ShippingMethodModel
from marketplace.warehouses.models import Warehouse as WarehouseModel
from storefront_api.catalog.translations import LanguageDisplay
from storefront_api.content.translatable_content import translatable_content_field
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import Money, money


@dataclass(frozen=True)
class PickupMethod:
    """Pickup at a hub's point shown as a free shipping method, so that a storefront
    reading only ``deliveryOptionsCalculate`` can offer it. Its ids (``ShippingMethod``
    and ``Delivery``: ``pickup-<warehouse pk>``) choose the collection point in
    ``checkoutDeliveryMethodUpdate``."""

    point: WarehouseModel
    currency: str

    PREFIX = "pickup-"

    @property
    def pk(self) -> str:
        return f"{self.PREFIX}{self.point.pk}"

    @property
    def name(self) -> str:
        return _("Pick up at %(point)s (free)") % {"point": self.point.name}

    @property
    def description(self) -> str:
        return self.point.street_address

    price_amount = 0
    is_active = True


def pickup_point_pk(pk: str) -> str | None:
    """``"pickup-7"`` → ``"7"``; None for any other id."""
    return pk[len(PickupMethod.PREFIX) :] if pk.startswith(PickupMethod.PREFIX) else None


ShippingMethodTypeEnum = graphene.Enum(
    "ShippingMethodTypeEnum",
    [("PRICE", "price"), ("WEIGHT", "weight")],
    description="How a shipping method is priced (Lumbung's: a flat price).",
)


class ShippingMethod(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Shipping method name.")
    # Saleor's deprecated limits: a hub's delivery is a flat price, for any order
    type = ShippingMethodTypeEnum(
        description="Type of the shipping method.",
        deprecation_reason="This field will be removed.",
        resolver=lambda root, info: "price",
    )
    minimum_order_price = graphene.Field(
        Money, description="Minimal order price.", deprecation_reason="This field will be removed."
    )
    maximum_order_price = graphene.Field(
        Money, description="Maximal order price.", deprecation_reason="This field will be removed."
    )
    minimum_order_weight = graphene.Field(
        "storefront_api.core.types.Weight",
        description="Minimal order weight.",
        deprecation_reason="This field will be removed.",
    )
    maximum_order_weight = graphene.Field(
        "storefront_api.core.types.Weight",
        description="Maximal order weight.",
        deprecation_reason="This field will be removed.",
    )
    description = graphene.JSONString(description="Description of the shipping method.")
    maximum_delivery_days = graphene.Int(description="Maximum delivery days for this method.")
    minimum_delivery_days = graphene.Int(description="Minimal delivery days for this method.")
    price = graphene.Field(Money, required=True, description="The price of selected shipping.")
    active = graphene.Boolean(
        required=True, description="Describes if this shipping method is active and available."
    )
    message = graphene.String(description="Message connected to this shipping method.")
    translation = graphene.Field(
        lambda: ShippingMethodTranslation,
        language_code=LanguageCodeEnum(
            required=True, description="A language code to return the translation for."
        ),
        description="Returns translated shipping method fields for the given language code.",
    )

    class Meta:
        description = "Shipping methods that can be used as means of shipping."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ShippingMethodModel | PickupMethod)

    @staticmethod
    def resolve_id(
        root: ShippingMethodModel | PickupMethod, info: graphene.ResolveInfo
    ) -> int | str:
        return root.pk

    @staticmethod
    def resolve_description(root: ShippingMethodModel, info: graphene.ResolveInfo) -> Any:
        if not root.description:
            return None
        return {"blocks": [{"type": "paragraph", "data": {"text": root.description}}]}

    @staticmethod
    def resolve_price(root: ShippingMethodModel, info: graphene.ResolveInfo) -> Any:
        return money(int(root.price_amount), _currency_of(root))

    @staticmethod
    def resolve_active(root: ShippingMethodModel, info: graphene.ResolveInfo) -> bool:
        return bool(root.is_active)

    @staticmethod
    def resolve_message(root: ShippingMethodModel, info: graphene.ResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_translation(
        root: ShippingMethodModel, info: graphene.ResolveInfo, language_code: Any
    ) -> None:
        return None  # shipping methods are not translated yet


class ShippingMethodTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(description="Translated shipping method name.")
    description = graphene.JSONString(description="Translated description of the method.")
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.ShippingMethodTranslatableContent"
    )

    class Meta:
        description = "Represents shipping method translations."
        interfaces = (graphene.relay.Node,)


def _currency_of(method: ShippingMethodModel | PickupMethod) -> str:
    if isinstance(method, PickupMethod):
        return method.currency
    channel = method._state.fields_cache.get("channel")  # set by the checkout's resolvers
    return channel.currency_code if channel is not None else "IDR"
