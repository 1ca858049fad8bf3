"""Input objects of the account mutations, as Saleor's."""

from __future__ import annotations

import graphene

from storefront_api.accounts.address import AddressInput
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.metadata import MetadataInput

METADATA_DESCRIPTION = "Fields required to update the user metadata."


class AccountRegisterInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = LanguageCodeEnum(description="User language code.")
    email = graphene.String(required=True, description="The email address of the user.")
    password = graphene.String(required=True, description="Password.")
    redirect_url = graphene.String(
        description=(
            "Base of frontend URL that will be needed to create confirmation URL. "
            "Required when account confirmation is enabled."
        )
    )
    metadata = graphene.List(graphene.NonNull(MetadataInput), description=METADATA_DESCRIPTION)
    channel = graphene.String(
        description=(
            "Slug of a channel which will be used to notify users. Optional when only one "
            "channel exists."
        )
    )

    class Meta:
        description = "Fields required to create a user."


class AccountInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = LanguageCodeEnum(description="User language code.")
    default_billing_address = graphene.InputField(
        AddressInput, description="Billing address of the customer."
    )
    default_shipping_address = graphene.InputField(
        AddressInput, description="Shipping address of the customer."
    )
    metadata = graphene.List(graphene.NonNull(MetadataInput), description=METADATA_DESCRIPTION)

    class Meta:
        description = "Fields required to update the user."
