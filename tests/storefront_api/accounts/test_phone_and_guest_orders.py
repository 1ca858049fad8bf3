"""tokenCreate with a phone number; guest orders joining an account confirmed over the API."""

from __future__ import annotations

import pytest

from marketplace.accounts import services
from marketplace.accounts.tokens import account_confirmation_token_generator
from tests.factories.orders import OrderFactory
from tests.storefront_api.conftest import PASSWORD, GraphQLClient

pytestmark = pytest.mark.django_db

ERRORS = "errors { field message code }"
TOKEN_CREATE = f"""
mutation SignIn($email: String!, $password: String!) {{
  tokenCreate(email: $email, password: $password) {{ token user {{ email }} {ERRORS} }}
}}"""
CONFIRM = f"""
mutation Confirm($email: String!, $token: String!) {{
  confirmAccount(email: $email, token: $token) {{ user {{ email }} {ERRORS} }}
}}"""
MY_ORDERS = "query { me { email orders(first: 10) { edges { node { number } } } } }"


def test_token_create_takes_a_phone_number_and_user_email_is_an_empty_string(gql: GraphQLClient):
    services.user_register(phone="081234567890", password=PASSWORD, first_name="Wayan")
    result = gql.execute(TOKEN_CREATE, {"email": "0812 3456 7890", "password": PASSWORD})
    signed_in = result["data"]["tokenCreate"]
    assert signed_in["errors"] == []
    assert signed_in["user"] == {"email": ""}
    me = gql.execute(MY_ORDERS, token=signed_in["token"])["data"]["me"]
    assert me == {"email": "", "orders": {"edges": []}}


def test_confirming_the_e_mail_brings_earlier_guest_orders(gql: GraphQLClient, settings):
    settings.ACCOUNT_CONFIRMATION_REQUIRED = True
    earlier = OrderFactory(user=None, user_email="made@desa.id")
    user, _ = services.user_register(
        email="made@desa.id", password=PASSWORD, redirect_url="https://toko.lumbung.id/k"
    )
    token = account_confirmation_token_generator.make_token(user)
    confirmed = gql.execute(CONFIRM, {"email": user.email, "token": token})["data"]
    assert confirmed["confirmAccount"]["errors"] == []
    signed_in = gql.execute(TOKEN_CREATE, {"email": user.email, "password": PASSWORD})["data"]
    me = gql.execute(MY_ORDERS, token=signed_in["tokenCreate"]["token"])["data"]["me"]
    assert me["orders"]["edges"] == [{"node": {"number": str(earlier.number)}}]
