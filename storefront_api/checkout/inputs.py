"""Input objects of the checkout mutations (Saleor's names and fields)."""

from __future__ import annotations

import graphene

from storefront_api.accounts.address import AddressInput
from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.metadata import MetadataInput


class CheckoutAddressValidationRules(graphene.InputObjectType):
    check_required_fields = graphene.Boolean(
        default_value=True,
        description="Determines if an error should be raised when required fields are missing.",
    )
    check_fields_format = graphene.Boolean(
        default_value=True,
        description="Determines if an error should be raised when fields are in a wrong format.",
    )
    enable_fields_normalization = graphene.Boolean(
        default_value=True, description="Determines if fields should be normalized."
    )


class CheckoutValidationRules(graphene.InputObjectType):
    shipping_address = graphene.InputField(
        CheckoutAddressValidationRules, description="The validation rules for the shipping address."
    )
    billing_address = graphene.InputField(
        CheckoutAddressValidationRules, description="The validation rules for the billing address."
    )


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")
    price = PositiveDecimal(
        description="Custom price of the item. Can be set only by apps with `HANDLE_CHECKOUTS` "
        "permission; Lumbung has no such apps, so it is always refused."
    )
    price_override_reason = graphene.String(
        description="Reason explaining why a custom `price` was set on the line. Can be set "
        "only by apps with `HANDLE_CHECKOUTS` permission, as `price`."
    )
    force_new_line = graphene.Boolean(
        default_value=False,
        description="Ignored: Lumbung keeps one line per variant (quantities are summed).",
    )
    metadata = graphene.List(
        graphene.NonNull(MetadataInput),
        description="Fields required to update the object's metadata.",
    )


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(deprecation_reason="Use `lineId` instead.")
    quantity = graphene.Int(description="The number of items purchased; 0 removes the line.")
    line_id = graphene.ID(description="ID of the line.")
    price = PositiveDecimal(
        description="Custom price of the item. Can be set only by apps with `HANDLE_CHECKOUTS` "
        "permission; Lumbung has no such apps, so it is always refused."
    )
    price_override_reason = graphene.String(
        description="Reason explaining why a custom `price` was set on the line. Can be set "
        "only by apps with `HANDLE_CHECKOUTS` permission, as `price`."
    )
    metadata = graphene.List(
        graphene.NonNull(MetadataInput),
        description="Fields required to update the object's metadata.",
    )


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String(
        description="Slug of a channel (village hub) in which to create a checkout."
    )
    lines = graphene.List(
        graphene.NonNull(CheckoutLineInput), description="A list of checkout lines."
    )
    email = graphene.String(description="The customer's email address.")
    save_shipping_address = graphene.Boolean(
        description="Indicates whether the shipping address should be saved to the address book."
    )
    shipping_address = graphene.InputField(AddressInput, description="The mailing address.")
    save_billing_address = graphene.Boolean(
        description="Indicates whether the billing address should be saved to the address book."
    )
    billing_address = graphene.InputField(
        AddressInput, description="Billing address of the customer."
    )
    language_code = LanguageCodeEnum(description="Checkout language code.")
    validation_rules = graphene.InputField(
        CheckoutValidationRules, description="The checkout validation rules that can be changed."
    )
    metadata = graphene.List(
        graphene.NonNull(MetadataInput), description="Checkout public metadata."
    )
    private_metadata = graphene.List(
        graphene.NonNull(MetadataInput),
        description="Checkout private metadata. Requires platform staff.",
    )
