"""The base of checkout mutations: ``CheckoutError`` payloads, checkout arguments."""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from storefront_api.checkout.types import Checkout
from storefront_api.checkout.utils import checkout_errors, checkout_get
from storefront_api.core.mutations import BaseMutation

ID_DESCRIPTION = "The checkout's ID."
TOKEN_DEPRECATION = "Use `id` instead."


class CheckoutTokenArguments:
    """Saleor's ``id`` plus the deprecated ``token``: a mutation's ``Arguments`` inherit it."""

    id = graphene.ID(description=ID_DESCRIPTION)
    token = graphene.UUID(description="Checkout token.", deprecation_reason=TOKEN_DEPRECATION)


class CheckoutIdArguments(CheckoutTokenArguments):
    """``id`` and ``token``, plus the deprecated ``checkoutId`` older clients send."""

    checkout_id = graphene.ID(
        description="The ID of the checkout.", deprecation_reason=TOKEN_DEPRECATION
    )


class CheckoutBaseMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, exc: ValidationError) -> Any:
        return super().handle_errors(checkout_errors(exc))

    @classmethod
    def respond(cls, checkout: Any) -> Any:
        """The payload with the checkout re-read as its type reads it."""
        return cls(checkout=checkout_get(checkout.pk), errors=[])

    @classmethod
    def respond_as_is(cls, checkout: Any) -> Any:
        """The payload with the service's own checkout object, not re-read: for a service
        that returns the row as it wrote it with the relations its type reads (channel,
        addresses, buyer, delivery) already on it."""
        return cls(checkout=checkout, errors=[])


def checkout_field() -> graphene.Field:
    return graphene.Field(Checkout, description="An updated checkout.")
