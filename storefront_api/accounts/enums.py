"""Enums of accounts: their error codes and address types."""

from __future__ import annotations

import graphene

from marketplace.accounts import error_codes as account_error_codes
from storefront_api.core.enums import to_graphene_enum

AccountErrorCode = to_graphene_enum(account_error_codes.AccountErrorCode)
SendConfirmationEmailErrorCode = to_graphene_enum(
    account_error_codes.SendConfirmationEmailErrorCode
)


class AddressTypeEnum(graphene.Enum):
    BILLING = "billing"
    SHIPPING = "shipping"
