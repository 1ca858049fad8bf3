"""``checkoutEmailUpdate``, ``checkoutCustomerNoteUpdate``, ``checkoutLanguageCodeUpdate``,
``checkoutShippingAddressUpdate``, ``checkoutBillingAddressUpdate``,
``checkoutCustomerAttach`` and ``checkoutCustomerDetach``."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout import services
from marketplace.checkout.models import Checkout as CheckoutModel
from storefront_api.accounts.address import AddressInput
from storefront_api.checkout.inputs import CheckoutAddressValidationRules
from storefront_api.checkout.mutations.base import (
    CheckoutBaseMutation,
    CheckoutIdArguments,
    CheckoutTokenArguments,
)
from storefront_api.checkout.types import Checkout, CheckoutError
from storefront_api.checkout.utils import address_data, checkout_for_mutation
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import enum_value


class CheckoutEmailUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        email = graphene.String(required=True, description="email.")

    class Meta:
        description = "Updates email address in the existing checkout object."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, email: str, **ids: Any
    ) -> CheckoutEmailUpdate:
        checkout = checkout_for_mutation(info, **ids)
        return cls.respond(services.checkout_email_update(checkout=checkout, email=email))


class CheckoutCustomerNoteUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's ID.")
        customer_note = graphene.String(required=True, description="Note from customer.")

    class Meta:
        description = "Updates customer note in the existing checkout object."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, customer_note: str
    ) -> CheckoutCustomerNoteUpdate:
        checkout = checkout_for_mutation(info, id=id)
        return cls.respond(services.checkout_note_update(checkout=checkout, note=customer_note))


class CheckoutLanguageCodeUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        language_code = LanguageCodeEnum(required=True, description="New language code.")

    class Meta:
        description = "Updates language code in the existing checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, language_code: Any, **ids: Any
    ) -> CheckoutLanguageCodeUpdate:
        checkout = checkout_for_mutation(info, **ids)
        language = enum_value(language_code) or "id"
        return cls.respond(
            services.checkout_language_code_update(checkout=checkout, language_code=language)
        )


class _AddressArguments(CheckoutTokenArguments):
    save_address = graphene.Boolean(
        default_value=True,
        description="Indicates whether the address should be saved to the user's address "
        "book upon checkout completion.",
    )
    validation_rules = CheckoutAddressValidationRules(
        description="The rules for changing validation for received address data."
    )


class CheckoutShippingAddressUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(_AddressArguments):
        shipping_address = AddressInput(required=True, description="The shipping address.")

    class Meta:
        description = "Update shipping address in the existing checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, shipping_address: Any, **args: Any
    ) -> CheckoutShippingAddressUpdate:
        checkout = checkout_for_mutation(info, **_ids(args))
        checkout = services.checkout_shipping_address_update(
            checkout=checkout, address=address_data(shipping_address)
        )
        return cls.respond(checkout)


class CheckoutBillingAddressUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(_AddressArguments):
        billing_address = AddressInput(required=True, description="The billing address.")

    class Meta:
        description = "Update billing address in the existing checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, billing_address: Any, **args: Any
    ) -> CheckoutBillingAddressUpdate:
        checkout = checkout_for_mutation(info, **_ids(args))
        checkout = services.checkout_billing_address_update(
            checkout=checkout, address=address_data(billing_address)
        )
        return cls.respond(checkout)


def _ids(args: dict[str, Any]) -> dict[str, Any]:
    return {key: args.get(key) for key in ("id", "token", "checkout_id") if key in args}


def _owned_or_free(info: graphene.ResolveInfo, checkout: CheckoutModel) -> Any:
    user = access.viewer(info)
    if checkout.user_id is not None and checkout.user_id != user.pk:
        raise PermissionDenied(_("This checkout belongs to another customer."))
    return user


class CheckoutCustomerAttach(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        customer_id = graphene.ID(
            description="ID of customer to attach to checkout. Requires IMPERSONATE_USER "
            "permission; not supported: the signed-in user is attached."
        )

    class Meta:
        description = "Sets the signed-in customer as the owner of the checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, customer_id: str | None = None, **ids: Any
    ) -> CheckoutCustomerAttach:
        if customer_id:
            raise PermissionDenied(permissions=["IMPERSONATE_USER"])
        checkout = checkout_for_mutation(info, **ids)
        user = _owned_or_free(info, checkout)
        return cls.respond(services.checkout_customer_set(checkout=checkout, user=user))


class CheckoutCustomerDetach(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        pass

    class Meta:
        description = "Removes the user assigned as the owner of the checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, **ids: Any
    ) -> CheckoutCustomerDetach:
        checkout = checkout_for_mutation(info, **ids)
        _owned_or_free(info, checkout)
        return cls.respond(services.checkout_customer_set(checkout=checkout, user=None))
