"""Saleor's external authentication mutations answer as a Saleor without auth plugins:
no error, empty data, no tokens (what @saleor/auth-sdk and @saleor/sdk then handle)."""

from __future__ import annotations

import json

import pytest

from marketplace.accounts import tokens
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

OIDC = "mirumee.authentication.openidconnect"
# @saleor/auth-sdk's documents
AUTHENTICATION_URL = """
mutation externalAuthenticationUrl($pluginId: String!, $input: JSONString!) {
  externalAuthenticationUrl(pluginId: $pluginId, input: $input) {
    authenticationData
    errors { code field message }
  }
}"""
OBTAIN_TOKENS = """
mutation externalObtainAccessTokens($pluginId: String!, $input: JSONString!) {
  externalObtainAccessTokens(pluginId: $pluginId, input: $input) {
    token refreshToken csrfToken user { id email }
    errors { field code message }
  }
}"""
# @saleor/sdk's documents
REFRESH = """
mutation externalRefresh($pluginId: String!, $input: JSONString!) {
  externalRefresh(pluginId: $pluginId, input: $input) {
    token refreshToken csrfToken user { id } errors { field message code }
  }
}"""
LOGOUT = """
mutation externalLogout($pluginId: String!, $input: JSONString!) {
  externalLogout(pluginId: $pluginId, input: $input) { logoutData errors { field message code } }
}"""
VERIFY = """
mutation externalVerify($pluginId: String!, $input: JSONString!) {
  externalVerify(pluginId: $pluginId, input: $input) {
    user { id } isValid verifyData errors { field message code }
  }
}"""


@pytest.mark.parametrize("plugin_id", [OIDC, "saleor.app.auth", ""])
def test_answers_as_a_saleor_without_the_plugin(gql: GraphQLClient, plugin_id: str):
    variables = {
        "pluginId": plugin_id,
        "input": json.dumps({"redirectUri": "https://toko.lumbung.id/callback", "code": "x"}),
    }
    # when
    url = gql.execute(AUTHENTICATION_URL, variables)["data"]["externalAuthenticationUrl"]
    obtained = gql.execute(OBTAIN_TOKENS, variables)
    refreshed = gql.execute(REFRESH, variables)["data"]["externalRefresh"]
    logout = gql.execute(LOGOUT, variables)["data"]["externalLogout"]
    verify = gql.execute(VERIFY, variables)["data"]["externalVerify"]
    # then
    assert url == {"authenticationData": "{}", "errors": []}
    assert obtained["data"]["externalObtainAccessTokens"] == {
        "token": None,
        "refreshToken": None,
        "csrfToken": None,
        "user": None,
        "errors": [],
    }
    assert "errors" not in obtained
    assert refreshed == {
        "token": None,
        "refreshToken": None,
        "csrfToken": None,
        "user": None,
        "errors": [],
    }
    assert logout == {"logoutData": "{}", "errors": []}
    assert verify == {"user": None, "isValid": False, "verifyData": "{}", "errors": []}


def test_a_signed_in_customer_gets_no_tokens_either(gql: GraphQLClient, user):
    # given
    access = tokens.create_access_token(user)
    variables = {"pluginId": OIDC, "input": "{}"}
    # when
    response = gql.post(
        {"query": OBTAIN_TOKENS, "variables": variables},
        headers={"Authorization": f"Bearer {access}"},
    )
    # then: no session is made up, no refresh-token cookie set
    assert response.status_code == 200
    assert response.json()["data"]["externalObtainAccessTokens"]["token"] is None
    assert "refreshToken" not in response.cookies


def test_input_must_be_json(gql: GraphQLClient):
    # a variable that is not JSON fails validation: HTTP 400, no data
    body = gql.execute(AUTHENTICATION_URL, {"pluginId": OIDC, "input": "{not json"}, status=400)
    assert "data" not in body
    assert len(body["errors"]) == 1
