"""Saleor's external authentication mutations (OpenID Connect and other auth plugins).

Lumbung has no authentication plugins. Saleor answers these mutations for a ``pluginId``
that no active plugin has with the plugin manager's defaults, and no error: empty
``authenticationData``/``logoutData``/``verifyData`` (``"{}"``), no tokens, no user,
``isValid: false``. Lumbung answers exactly that, whatever the ``pluginId``, so
@saleor/auth-sdk and @saleor/sdk behave as with a Saleor without plugins.
"""

from __future__ import annotations

import logging
from typing import Any

import graphene

from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation

logger = logging.getLogger(__name__)

PLUGIN_ID_DESCRIPTION = "The ID of the authentication plugin."


def _no_plugin(mutation: str, plugin_id: str) -> None:
    logger.info("external_auth_no_plugin", extra={"mutation": mutation, "plugin_id": plugin_id})


class ExternalAuthenticationUrl(BaseMutation):
    authentication_data = graphene.JSONString(
        description="The data returned by authentication plugin."
    )

    class Arguments:
        plugin_id = graphene.String(required=True, description=PLUGIN_ID_DESCRIPTION)
        input = graphene.JSONString(
            required=True,
            description="The data required by plugin to create external authentication url.",
        )

    class Meta:
        description = "Prepare external authentication URL for user by custom plugin."
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, plugin_id: str, input: Any
    ) -> ExternalAuthenticationUrl:
        _no_plugin("externalAuthenticationUrl", plugin_id)
        return cls(authentication_data={}, errors=[])


class _ExternalTokens(BaseMutation):
    token = graphene.String(description="The token, required to authenticate.")
    refresh_token = graphene.String(
        description="The refresh token, required to re-generate external access token."
    )
    csrf_token = graphene.String(
        description="CSRF token required to re-generate external access token."
    )
    user = graphene.Field(User, description="A user instance.")

    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, plugin_id: str, input: Any
    ) -> Any:
        _no_plugin(cls.__name__, plugin_id)
        return cls(token=None, refresh_token=None, csrf_token=None, user=None, errors=[])


class ExternalObtainAccessTokens(_ExternalTokens):
    class Arguments:
        plugin_id = graphene.String(required=True, description=PLUGIN_ID_DESCRIPTION)
        input = graphene.JSONString(
            required=True,
            description="The data required by plugin to create authentication data.",
        )

    class Meta:
        description = "Obtain external access tokens for user by custom plugin."
        error_type_class = AccountError
        error_type_field = "account_errors"


class ExternalRefresh(_ExternalTokens):
    class Arguments:
        plugin_id = graphene.String(required=True, description=PLUGIN_ID_DESCRIPTION)
        input = graphene.JSONString(
            required=True,
            description="The data required by plugin to proceed the refresh process.",
        )

    class Meta:
        description = "Refresh user's access by custom plugin."
        error_type_class = AccountError
        error_type_field = "account_errors"


class ExternalLogout(BaseMutation):
    logout_data = graphene.JSONString(description="The data returned by authentication plugin.")

    class Arguments:
        plugin_id = graphene.String(required=True, description=PLUGIN_ID_DESCRIPTION)
        input = graphene.JSONString(
            required=True,
            description="The data required by plugin to proceed the logout process.",
        )

    class Meta:
        description = "Logout user by custom plugin."
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, plugin_id: str, input: Any
    ) -> ExternalLogout:
        _no_plugin("externalLogout", plugin_id)
        return cls(logout_data={}, errors=[])


class ExternalVerify(BaseMutation):
    user = graphene.Field(User, description="User assigned to data.")
    is_valid = graphene.Boolean(
        required=True, description="Determine if authentication data is valid or not."
    )
    verify_data = graphene.JSONString(description="External data.")

    class Arguments:
        plugin_id = graphene.String(required=True, description=PLUGIN_ID_DESCRIPTION)
        input = graphene.JSONString(
            required=True, description="The data required by plugin to proceed the verification."
        )

    class Meta:
        description = "Verify external authentication data by plugin."
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, plugin_id: str, input: Any
    ) -> ExternalVerify:
        _no_plugin("externalVerify", plugin_id)
        return cls(user=None, is_valid=False, verify_data={}, errors=[])
