"""``addressSetDefault``: platform staff (Saleor's MANAGE_USERS) set a customer's default
address; nobody else may."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from storefront_api.core.ids import global_id
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.village_hubs import CooperativeStaffFactory, HubOperatorFactory
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

SET_DEFAULT = """
mutation SetDefault($addressId: ID!, $type: AddressTypeEnum!, $userId: ID!) {
  addressSetDefault(addressId: $addressId, type: $type, userId: $userId) {
    user { email defaultShippingAddress { id } defaultBillingAddress { id } }
    errors { field message code }
  }
}"""


def set_default(gql: GraphQLClient, requestor: User | None, **variables: Any) -> dict[str, Any]:
    token = tokens.create_access_token(requestor) if requestor else None
    return gql.execute(SET_DEFAULT, variables, token=token)


def test_platform_staff_set_a_customers_default_billing_address(gql: GraphQLClient, user: User):
    # given: a customer with two addresses, the first the default of both kinds
    first, second = AddressFactory(), AddressFactory(street_address_1="Jl. Pantai Suluban 3")
    user.addresses.add(first, second)
    user.default_shipping_address = user.default_billing_address = first
    user.save()
    staff = UserFactory(is_staff=True)
    # when
    result = set_default(
        gql,
        staff,
        addressId=global_id("Address", second.pk),
        type="BILLING",
        userId=global_id("User", user.pk),
    )["data"]["addressSetDefault"]
    # then
    assert result == {
        "user": {
            "email": "siti@desa.id",
            "defaultShippingAddress": {"id": global_id("Address", first.pk)},
            "defaultBillingAddress": {"id": global_id("Address", second.pk)},
        },
        "errors": [],
    }
    user.refresh_from_db()
    assert user.default_billing_address_id == second.pk


def test_address_of_another_user_is_refused(gql: GraphQLClient, user: User):
    other = UserFactory()
    theirs = AddressFactory()
    other.addresses.add(theirs)
    result = set_default(
        gql,
        UserFactory(is_staff=True),
        addressId=global_id("Address", theirs.pk),
        type="SHIPPING",
        userId=global_id("User", user.pk),
    )["data"]["addressSetDefault"]
    assert result == {
        "user": None,
        "errors": [
            {
                "field": "addressId",
                "message": "The address doesn't belong to that user.",
                "code": "INVALID",
            }
        ],
    }
    assert User.objects.get(pk=user.pk).default_shipping_address_id is None


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("addressId", global_id("Address", 999_999), "NOT_FOUND"),
        ("userId", global_id("User", 999_999), "NOT_FOUND"),
        ("addressId", global_id("Product", 1), "GRAPHQL_ERROR"),
    ],
)
def test_unknown_ids_are_refused(gql: GraphQLClient, user: User, field: str, value: str, code: str):
    address = AddressFactory()
    user.addresses.add(address)
    variables = {
        "addressId": global_id("Address", address.pk),
        "type": "SHIPPING",
        "userId": global_id("User", user.pk),
        field: value,
    }
    result = set_default(gql, UserFactory(is_staff=True), **variables)["data"]["addressSetDefault"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]


@pytest.mark.parametrize("role", ["anonymous", "customer", "self", "coop_staff", "operator"])
def test_only_platform_staff_may(gql: GraphQLClient, user: User, role: str):
    address = AddressFactory()
    user.addresses.add(address)
    requestor = {
        "anonymous": None,
        "customer": UserFactory(),
        "self": user,
        "coop_staff": CooperativeStaffFactory().user,
        "operator": HubOperatorFactory().user,
    }[role]
    result = set_default(
        gql,
        requestor,
        addressId=global_id("Address", address.pk),
        type="SHIPPING",
        userId=global_id("User", user.pk),
    )
    assert result["data"]["addressSetDefault"] is None
    assert result["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert "MANAGE_USERS" in result["errors"][0]["message"]
    assert User.objects.get(pk=user.pk).default_shipping_address_id is None
