"""Account root fields: ``me``, the JWT, sign-up, password and address book mutations (Saleor's)."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.accounts.mutations.account_address_create import AccountAddressCreate
from storefront_api.accounts.mutations.account_address_delete import AccountAddressDelete
from storefront_api.accounts.mutations.account_address_update import AccountAddressUpdate
from storefront_api.accounts.mutations.account_register import AccountRegister
from storefront_api.accounts.mutations.account_set_default_address import (
    AccountSetDefaultAddress,
)
from storefront_api.accounts.mutations.account_update import AccountUpdate
from storefront_api.accounts.mutations.confirm_account import ConfirmAccount
from storefront_api.accounts.mutations.password_change import PasswordChange
from storefront_api.accounts.mutations.request_password_reset import RequestPasswordReset
from storefront_api.accounts.mutations.set_password import SetPassword
from storefront_api.accounts.mutations.token_create import CreateToken
from storefront_api.accounts.mutations.token_refresh import RefreshToken
from storefront_api.accounts.mutations.token_verify import VerifyToken
from storefront_api.accounts.mutations.tokens_deactivate_all import DeactivateAllUserTokens
from storefront_api.accounts.types import User


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="Return the currently authenticated user.")

    @staticmethod
    def resolve_me(root: Any, info: graphene.ResolveInfo) -> Any:
        user = info.context.user
        return user if user.is_authenticated else None


class AccountMutations(graphene.ObjectType):
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    tokens_deactivate_all = DeactivateAllUserTokens.Field()
    account_register = AccountRegister.Field()
    confirm_account = ConfirmAccount.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    password_change = PasswordChange.Field()
    account_update = AccountUpdate.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
