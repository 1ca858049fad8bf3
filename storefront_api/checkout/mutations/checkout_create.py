from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.channels.models import Channel
from marketplace.checkout import services
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.core.exceptions import field_error
from marketplace.core.metadata import metadata_clean
from storefront_api.checkout.inputs import CheckoutCreateInput
from storefront_api.checkout.mutations.base import CheckoutBaseMutation
from storefront_api.checkout.types import Checkout, CheckoutError
from storefront_api.checkout.utils import address_data, variants_for_lines
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.metadata import metadata_input_items
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import enum_value


class CheckoutCreate(CheckoutBaseMutation):
    created = graphene.Boolean(deprecation_reason="Always returns `true`.")
    checkout = graphene.Field(Checkout)

    class Arguments:
        input = CheckoutCreateInput(
            required=True, description="Fields required to create checkout."
        )

    class Meta:
        description = (
            "Create a new checkout in a village hub's channel; the lines' stock is reserved."
        )
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> CheckoutCreate:
        slug = (input.get("channel") or "").strip()
        if not slug:
            raise field_error(
                "channel",
                _("You need to provide channel slug."),
                CheckoutErrorCode.MISSING_CHANNEL_SLUG,
            )
        channel = Channel.objects.filter(slug=slug).first()
        if channel is None:
            raise field_error(
                "channel", _("Channel with this slug does not exist."), CheckoutErrorCode.NOT_FOUND
            )
        lines = variants_for_lines(input.get("lines") or [])
        user = access.viewer(info)
        metadata = metadata_clean(
            items=metadata_input_items(input.get("metadata")), field="metadata"
        )
        private_metadata = metadata_clean(
            items=metadata_input_items(input.get("private_metadata")), field="privateMetadata"
        )
        if private_metadata and not access.is_platform_staff(user):
            raise PermissionDenied(permissions=["MANAGE_CHECKOUTS", "HANDLE_CHECKOUTS"])
        language = enum_value(input.get("language_code")) or "id"
        checkout = services.checkout_create(
            channel=channel,
            lines=lines,
            email=input.get("email"),
            user=user if access.is_signed_in(user) else None,
            shipping_address=(
                address_data(input["shipping_address"])
                if input.get("shipping_address") is not None
                else None
            ),
            billing_address=(
                address_data(input["billing_address"])
                if input.get("billing_address") is not None
                else None
            ),
            language_code=language,
            metadata=metadata,
            private_metadata=private_metadata,
        )
        payload = cls.respond_as_is(checkout)
        payload.created = True
        return payload
