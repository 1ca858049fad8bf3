"""Bad input through the HTTP endpoint (issue 13 item 6): a NUL byte or a lone surrogate
anywhere, an over-long e-mail, JSON nested 3,000 deep, malformed JSON, a body that is not
UTF-8. Each gets a field error or a GraphQL-shaped HTTP 400, with DEBUG on too: never a
stack trace or Django's debug page, and nothing is written."""

from __future__ import annotations

import json

import pytest

from marketplace.accounts.models import Address, User
from marketplace.catalog.models import Product
from marketplace.checkout.models import Checkout
from tests.storefront_api.checkout.conftest import ADDRESS, gid, token_for

pytestmark = pytest.mark.django_db

NUL = "\u0000"
SURROGATE = "\ud800"

SEARCH = """
query Search($search: String!) {
  products(first: 5, channel: "gerai-pecatu", search: $search) { edges { node { id } } }
}"""
CHECKOUT_CREATE = """
mutation Create($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) { checkout { id email } errors { field code message } }
}"""
PRODUCT_CREATE = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id } errors { field code message } }
}"""
ACCOUNT_REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) { user { email } errors { field code message } }
}"""
ADDRESS_CREATE = """
mutation AddressCreate($input: AddressInput!) {
  accountAddressCreate(input: $input) { address { id } errors { field code message } }
}"""


def checkout_input(shop, **changes) -> dict:
    data = {
        "channel": "gerai-pecatu",
        "email": "made@desa.id",
        "lines": [{"variantId": gid("ProductVariant", shop.beras.pk), "quantity": 1}],
        "shippingAddress": dict(ADDRESS),
    }
    data.update(changes)
    return data


def assert_refused_without_trace(response) -> dict:
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["exception"] == {"code": "UnsupportedCharacter"}
    assert "Traceback" not in response.content.decode()
    return error


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings) -> bool:
    settings.DEBUG = request.param
    return request.param


@pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "surrogate"])
def test_bad_character_in_a_search_is_400(gql, shop, bad, debug):
    response = gql.post({"query": SEARCH, "variables": {"search": f"beras{bad}merah"}})
    error = assert_refused_without_trace(response)
    code = "U+0000" if bad == NUL else "U+D800"
    assert error["message"] == (
        f"Invalid character {code} in variables.search: text may not contain NUL "
        "characters or unpaired surrogates."
    )


@pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "surrogate"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "made{}@desa.id"),
        ("shippingAddress", {**ADDRESS, "streetAddress1": "Jl. Uluwatu{} No. 12"}),
        ("shippingAddress", {**ADDRESS, "firstName": "Ma{}de"}),
    ],
    ids=["email", "address", "customer-name"],
)
def test_bad_character_in_a_checkout_is_400_and_creates_nothing(gql, shop, bad, field, value):
    if isinstance(value, dict):
        value = {key: text.format(bad) for key, text in value.items()}
    else:
        value = value.format(bad)
    response = gql.post(
        {"query": CHECKOUT_CREATE, "variables": {"input": checkout_input(shop, **{field: value})}}
    )
    error = assert_refused_without_trace(response)
    assert error["message"].startswith(f"Invalid character U+{ord(bad):04X} in variables.input.")
    assert not Checkout.objects.exists()


@pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "surrogate"])
def test_bad_character_in_a_product_name_is_400_and_creates_nothing(gql, shop, bad):
    product_type = shop.beras.product.product_type
    response = gql.post(
        {
            "query": PRODUCT_CREATE,
            "variables": {
                "input": {
                    "name": f"Beras{bad}hitam",
                    "productType": gid("ProductType", product_type.pk),
                    "cooperative": gid("Cooperative", shop.coop_a.pk),
                }
            },
        },
        headers={"Authorization": f"Bearer {token_for(shop.staff_a)}"},
    )
    assert_refused_without_trace(response)
    assert not Product.objects.filter(name__startswith="Beras").exclude(pk=shop.beras.product_id)


@pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "surrogate"])
def test_bad_character_in_a_customer_name_or_address_is_400(gql, shop, bad):
    register = gql.post(
        {
            "query": ACCOUNT_REGISTER,
            "variables": {
                "input": {
                    "email": "wayan@desa.id",
                    "password": "kopi-tubruk-2024",
                    "firstName": f"Wa{bad}yan",
                    "channel": "gerai-pecatu",
                }
            },
        }
    )
    assert_refused_without_trace(register)
    assert not User.objects.filter(email="wayan@desa.id").exists()

    address = gql.post(
        {"query": ADDRESS_CREATE, "variables": {"input": {**ADDRESS, "city": f"Badung{bad}"}}},
        headers={"Authorization": f"Bearer {token_for(shop.operator)}"},
    )
    assert_refused_without_trace(address)
    assert not Address.objects.exists()


@pytest.mark.parametrize(
    ("escape", "code"), [("\\u0000", "U+0000"), ("\\uD800", None)], ids=["nul", "surrogate"]
)
def test_bad_character_written_in_the_query_itself_is_400(gql, shop, escape, code):
    query = (
        f'{{ products(first: 5, channel: "gerai-pecatu", search: "beras{escape}") '
        "{ edges { node { id } } } }"
    )
    response = gql.post({"query": query})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    if code:  # GraphQL reads the escape, the guard refuses the character
        assert error["message"].startswith(f"Invalid character {code} in a string of the query")
    else:  # GraphQL's own parser refuses a lone surrogate escape
        assert error["extensions"]["exception"]["code"] == "GraphQLSyntaxError"


def test_raw_bad_characters_in_the_query_text_are_400(gql, shop):
    response = gql.post({"query": "{ shop { name } }" + NUL})
    assert_refused_without_trace(response)


def test_long_email_in_checkout_create_is_a_field_error(gql, shop, debug):
    email = "a" * 300 + "@desa.id.com"
    assert len(email) == 312
    result = gql.execute(CHECKOUT_CREATE, {"input": checkout_input(shop, email=email)})
    assert result["data"]["checkoutCreate"] == {
        "checkout": None,
        "errors": [
            {"field": "email", "code": "INVALID", "message": "Enter a valid email address."}
        ],
    }
    assert not Checkout.objects.exists()


def test_long_email_in_checkout_email_update_is_a_field_error(gql, shop):
    created = gql.execute(CHECKOUT_CREATE, {"input": checkout_input(shop)})
    checkout_id = created["data"]["checkoutCreate"]["checkout"]["id"]
    result = gql.execute(
        """mutation E($id: ID!, $email: String!) {
          checkoutEmailUpdate(id: $id, email: $email) { errors { field code } }
        }""",
        {"id": checkout_id, "email": "b" * 250 + "@desa.id"},
    )
    assert result["data"]["checkoutEmailUpdate"]["errors"] == [
        {"field": "email", "code": "INVALID"}
    ]
    assert Checkout.objects.get().email == "made@desa.id"


def nested_json(depth: int) -> bytes:
    return (
        b'{"query": "{ shop { name } }", "variables": {"a": ' + b"[" * depth + b"]" * depth + b"}}"
    )


@pytest.mark.parametrize(
    "body",
    [
        nested_json(3_000),
        b"[" * 3_000 + b"]" * 3_000,
        b'{"query": "{ shop { name } }"',
        b'{"query": "{ shop { name } }", "variables": {"a": "\xff\xfe"}}',
        '{"query": "{ shop { name } }"}'.encode("utf-16")[:-1],
    ],
    ids=["nested-variables", "nested-array", "malformed", "not-utf8", "broken-utf16"],
)
def test_unreadable_json_is_a_graphql_shaped_400(client, body, debug):
    response = client.post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "message": "Unable to parse query.",
                "extensions": {"exception": {"code": "GraphQLError"}, "code": "GraphQLError"},
            }
        ]
    }


def test_graphql_body_that_is_not_utf8_is_400(client, debug):
    response = client.post(
        "/graphql/", data=b"{ shop { name \xff } }", content_type="application/graphql"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Unable to parse query."


def test_deeply_nested_query_text_is_400(gql, debug):
    response = gql.post({"query": "{" + "a{" * 3_000 + "b" + "}" * 3_001})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["exception"]["code"] == "GraphQLSyntaxError"
    assert "stacktrace" not in error["extensions"]["exception"]


def test_json_nested_within_reason_still_answers(client):
    body = json.dumps({"query": "{ shop { name } }", "variables": {"a": [[[[1]]]]}})
    response = client.post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["data"] == {"shop": {"name": "Lumbung"}}


def test_search_of_twenty_thousand_words_answers_without_error(gql, shop, debug):
    # PostgreSQL's tsquery parser ran out of stack on this ("stack depth limit exceeded").
    response = gql.post({"query": SEARCH, "variables": {"search": "kopi " * 20_000}})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body
    assert body["data"]["products"]["edges"] == []
