"""@saleor/sdk 0.7.0's own documents (login, user details, register) run unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.accounts import services
from marketplace.accounts.models import User
from tests.storefront_api.accounts.conftest import STOREFRONT
from tests.storefront_api.conftest import PASSWORD, GraphQLClient

pytestmark = pytest.mark.django_db

ACCOUNT_ERROR = "fragment AccountErrorFragment on AccountError { code field message }"
# Fragments as @saleor/sdk 0.7.0 declares them (src/apollo/fragments.ts).
FRAGMENTS = """
fragment AddressFragment on Address {
  id firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode
  country { code country } countryArea phone isDefaultBillingAddress isDefaultShippingAddress
}
fragment UserBaseFragment on User {
  id email firstName lastName isStaff userPermissions { code name }
}
fragment UserDetailsFragment on User {
  ...UserBaseFragment
  metadata { key value }
  defaultShippingAddress { ...AddressFragment }
  defaultBillingAddress { ...AddressFragment }
  addresses { ...AddressFragment }
}
"""
LOGIN = (
    """
mutation login($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    csrfToken token refreshToken
    errors { ...AccountErrorFragment }
    user { ...UserDetailsFragment }
  }
}"""
    + FRAGMENTS
    + ACCOUNT_ERROR
)
USER_DETAILS = "query UserDetails { user: me { ...UserDetailsFragment } }" + FRAGMENTS
REGISTER = (
    """
mutation register($input: AccountRegisterInput!) {
  accountRegister(input: $input) { requiresConfirmation errors { ...AccountErrorFragment } }
}"""
    + ACCOUNT_ERROR
)
SET_PASSWORD = (
    """
mutation setPassword($token: String!, $email: String!, $password: String!) {
  setPassword(token: $token, email: $email, password: $password) {
    errors { ...AccountErrorFragment } token refreshToken csrfToken
    user { ...UserDetailsFragment }
  }
}"""
    + FRAGMENTS
    + ACCOUNT_ERROR
)


def _address(user: User) -> None:
    services.address_create(
        user=user,
        data={
            "first_name": "Siti",
            "street_address_1": "Jl. Raya Uluwatu No. 10",
            "city": "Kabupaten Badung",
            "city_area": "Kuta Selatan",
            "country_area": "Bali",
            "postal_code": "80362",
            "phone": "081234567890",
        },
    )


def test_sdk_login_and_user_details(gql: GraphQLClient, user: User):
    # given
    _address(user)
    # when
    login: dict[str, Any] = gql.execute(LOGIN, {"email": user.email, "password": PASSWORD})
    # then
    assert "errors" not in login
    payload = login["data"]["tokenCreate"]
    assert payload["errors"] == []
    details = payload["user"]
    assert details["email"] == user.email
    assert details["isStaff"] is False
    assert details["userPermissions"] == []
    assert details["metadata"] == []
    [address] = details["addresses"]
    assert address["isDefaultShippingAddress"] is True
    assert address["country"] == {"code": "ID", "country": "Indonesia"}
    assert details["defaultShippingAddress"] == address
    assert details["defaultBillingAddress"] == address

    # when: the SDK reads the user with its Authorization-Bearer header
    me = gql.execute(USER_DETAILS, headers={"Authorization-Bearer": payload["token"]})
    # then
    assert "errors" not in me
    assert me["data"]["user"] == details


def test_sdk_login_of_platform_staff_lists_saleor_permissions(gql: GraphQLClient):
    User.objects.create_user(email="admin@lumbung.id", password=PASSWORD, is_staff=True)
    login = gql.execute(LOGIN, {"email": "admin@lumbung.id", "password": PASSWORD})
    assert "errors" not in login
    codes = [p["code"] for p in login["data"]["tokenCreate"]["user"]["userPermissions"]]
    assert "MANAGE_PRODUCTS" in codes
    assert "MANAGE_ORDERS" in codes


def test_sdk_register_and_set_password_documents(gql: GraphQLClient, user: User):
    registered = gql.execute(
        REGISTER,
        {
            "input": {
                "email": "baru@desa.id",
                "password": PASSWORD,
                "redirectUrl": f"{STOREFRONT}/konfirmasi",
                "channel": "desa-pecatu",
                "languageCode": "ID",
                "metadata": [{"key": "sumber", "value": "pasar"}],
            }
        },
    )
    assert "errors" not in registered
    assert registered["data"]["accountRegister"] == {"requiresConfirmation": True, "errors": []}
    result = gql.execute(
        SET_PASSWORD, {"token": "salah", "email": user.email, "password": "x-y-z-baru-1"}
    )
    assert "errors" not in result
    assert result["data"]["setPassword"]["errors"][0]["code"] == "INVALID"
