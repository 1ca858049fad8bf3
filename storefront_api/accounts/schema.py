"""Account root fields: ``me``, the JWT, sign-up, password, e-mail change, account deletion,
address book and (plugin-less) external authentication mutations, as Saleor's."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.accounts.mutations.account_address_create import AccountAddressCreate
from storefront_api.accounts.mutations.account_address_delete import AccountAddressDelete
from storefront_api.accounts.mutations.account_address_update import AccountAddressUpdate
from storefront_api.accounts.mutations.account_delete import AccountDelete, AccountRequestDeletion
from storefront_api.accounts.mutations.account_register import AccountRegister
from storefront_api.accounts.mutations.account_set_default_address import (
    AccountSetDefaultAddress,
)
from storefront_api.accounts.mutations.account_update import AccountUpdate
from storefront_api.accounts.mutations.address_set_default import AddressSetDefault
from storefront_api.accounts.mutations.confirm_account import ConfirmAccount
from storefront_api.accounts.mutations.email_change import ConfirmEmailChange, RequestEmailChange
from storefront_api.accounts.mutations.external_auth import (
    ExternalAuthenticationUrl,
    ExternalLogout,
    ExternalObtainAccessTokens,
    ExternalRefresh,
    ExternalVerify,
)
from storefront_api.accounts.mutations.password_change import PasswordChange
from storefront_api.accounts.mutations.request_password_reset import RequestPasswordReset
from storefront_api.accounts.mutations.send_confirmation_email import SendConfirmationEmail
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
    send_confirmation_email = SendConfirmationEmail.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    password_change = PasswordChange.Field()
    account_update = AccountUpdate.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
    account_request_deletion = AccountRequestDeletion.Field()
    account_delete = AccountDelete.Field()
    request_email_change = RequestEmailChange.Field()
    confirm_email_change = ConfirmEmailChange.Field()
    address_set_default = AddressSetDefault.Field()
    external_authentication_url = ExternalAuthenticationUrl.Field()
    external_obtain_access_tokens = ExternalObtainAccessTokens.Field()
    external_refresh = ExternalRefresh.Field()
    external_logout = ExternalLogout.Field()
    external_verify = ExternalVerify.Field()
