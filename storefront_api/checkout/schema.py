"""Checkout queries and mutations (Saleor's names)."""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from storefront_api.checkout.address_validation import AddressValidationData, resolve_rules
from storefront_api.checkout.mutations.checkout_complete import CheckoutComplete
from storefront_api.checkout.mutations.checkout_contact import (
    CheckoutBillingAddressUpdate,
    CheckoutCustomerAttach,
    CheckoutCustomerDetach,
    CheckoutCustomerNoteUpdate,
    CheckoutEmailUpdate,
    CheckoutLanguageCodeUpdate,
    CheckoutShippingAddressUpdate,
)
from storefront_api.checkout.mutations.checkout_create import CheckoutCreate
from storefront_api.checkout.mutations.checkout_create_from_order import CheckoutCreateFromOrder
from storefront_api.checkout.mutations.checkout_delivery import (
    CheckoutDeliveryMethodUpdate,
    CheckoutShippingMethodUpdate,
    DeliveryOptionsCalculate,
)
from storefront_api.checkout.mutations.checkout_line_delete import CheckoutLineDelete
from storefront_api.checkout.mutations.checkout_lines import (
    CheckoutLinesAdd,
    CheckoutLinesDelete,
    CheckoutLinesUpdate,
)
from storefront_api.checkout.mutations.checkout_promo_code import (  # discounts
    CheckoutAddPromoCode,
    CheckoutRemovePromoCode,
)
from storefront_api.checkout.types import Checkout
from storefront_api.checkout.utils import checkout_for_viewer, checkout_pk
from storefront_api.core.enums import CountryCode


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(description="The checkout's ID."),
        token=graphene.UUID(
            description="The checkout's token.", deprecation_reason="Use `id` instead."
        ),
        description="Look up a checkout by id (readable by whoever knows it, as Saleor).",
    )
    address_validation_rules = graphene.Field(
        AddressValidationData,
        country_code=CountryCode(required=True, description="Two-letter ISO 3166-1 country code."),
        country_area=graphene.String(description="Designation for geographical provinces."),
        city=graphene.String(description="City or a town name."),
        city_area=graphene.String(description="Sublocality like a district."),
        description="Returns address validation rules.",
    )

    @staticmethod
    def resolve_checkout(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, token: Any = None
    ) -> Any:
        try:
            pk = checkout_pk(id=id, token=token)
        except ValidationError:
            return None
        return checkout_for_viewer(info, pk)

    @staticmethod
    def resolve_address_validation_rules(
        root: Any, info: graphene.ResolveInfo, country_code: Any, **kwargs: Any
    ) -> Any:
        return resolve_rules(country_code)


class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_create_from_order = CheckoutCreateFromOrder.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_line_delete = CheckoutLineDelete.Field(
        deprecation_reason="Use `checkoutLinesDelete` instead."
    )
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_customer_note_update = CheckoutCustomerNoteUpdate.Field()
    checkout_language_code_update = CheckoutLanguageCodeUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_shipping_method_update = CheckoutShippingMethodUpdate.Field(
        deprecation_reason="Use `checkoutDeliveryMethodUpdate` instead."
    )
    delivery_options_calculate = DeliveryOptionsCalculate.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    checkout_complete = CheckoutComplete.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()  # discounts
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()  # discounts
