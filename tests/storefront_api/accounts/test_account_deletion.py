"""A customer deletes their account through the link e-mailed to them (Saleor's
accountRequestDeletion → accountDelete), over HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from marketplace.accounts import tokens
from marketplace.accounts.models import Address, User
from marketplace.checkout.models import Checkout
from marketplace.core.models import OutgoingEmail
from marketplace.core.tasks import send_email_task
from marketplace.orders.models import Order
from marketplace.village_hubs.models import CooperativeStaff, HubOperator
from storefront_api.core.ids import global_id
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.checkout import CheckoutFactory
from tests.factories.orders import OrderFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)
from tests.storefront_api.accounts.conftest import STOREFRONT, link_params
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

ERRORS = "errors { field message code }"
REQUEST = f"""
mutation Request($url: String!, $channel: String) {{
  accountRequestDeletion(redirectUrl: $url, channel: $channel) {{ {ERRORS} }}
}}"""
DELETE = f"""
mutation Delete($token: String!) {{
  accountDelete(token: $token) {{ user {{ id email }} {ERRORS} }}
}}"""
# @saleor/sdk's documents
SDK_REQUEST = """
mutation accountRequestDeletion($redirectUrl: String!, $channel: String) {
  accountRequestDeletion(redirectUrl: $redirectUrl, channel: $channel) {
    errors { field message code }
  }
}"""
SDK_DELETE = """
mutation deleteAccount($token: String!) {
  accountDelete(token: $token) { errors { field message code } user { id email } }
}"""


def request(gql: GraphQLClient, user: User, **variables: Any) -> dict[str, Any]:
    variables = {"url": f"{STOREFRONT}/akun/hapus", **variables}
    token = tokens.create_access_token(user)
    return gql.execute(REQUEST, variables, token=token)["data"]["accountRequestDeletion"]


def delete(gql: GraphQLClient, user: User, token: str) -> dict[str, Any]:
    access = tokens.create_access_token(user)
    return gql.execute(DELETE, {"token": token}, token=access)["data"]["accountDelete"]


def deletion_token(user: User) -> str:
    return tokens.account_delete_token_generator.make_token(user)


def test_customer_deletes_account_from_the_emailed_link(gql: GraphQLClient, user: User):
    # given: an address book, an open cart and a placed order
    home = AddressFactory()
    user.addresses.add(home)
    user.default_shipping_address = home
    user.save()
    cart_address = AddressFactory()
    cart = CheckoutFactory(user=user, shipping_address=cart_address)
    order = OrderFactory(user=user, user_email=user.email)
    user_id = global_id("User", user.pk)
    access = tokens.create_access_token(user)

    # when: the SDK asks for the deletion link
    asked = gql.execute(
        SDK_REQUEST,
        {"redirectUrl": f"{STOREFRONT}/akun/hapus", "channel": None},
        token=access,
    )["data"]["accountRequestDeletion"]

    # then: an Indonesian e-mail carries a one-time link
    assert asked == {"errors": []}
    email = OutgoingEmail.objects.get(to="siti@desa.id")
    assert email.subject == "Hapus akun Lumbung Anda"
    assert "Halo Siti" in email.body
    assert f"{STOREFRONT}/akun/hapus?token=" in email.body
    params = link_params(email)
    assert set(params) == {"token"}
    # the Celery task sends it through Django's e-mail backend
    send_email_task(email.pk)
    assert [(m.to, m.subject) for m in mail.outbox] == [(["siti@desa.id"], email.subject)]
    assert User.objects.filter(pk=user.pk).exists()

    # when: the storefront page sends the token
    deleted = gql.execute(SDK_DELETE, params, token=access)["data"]["accountDelete"]

    # then: the account, its addresses and its cart are gone; the order stays
    assert deleted == {"errors": [], "user": {"id": user_id, "email": "siti@desa.id"}}
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Address.objects.filter(pk__in=[home.pk, cart_address.pk]).exists()
    assert not Checkout.objects.filter(pk=cart.pk).exists()
    order.refresh_from_db()
    assert order.user_id is None
    assert order.user_email == "siti@desa.id"
    # and the old access token no longer signs anyone in
    me = gql.execute("{ me { email } }", token=access)
    assert me["data"]["me"] is None
    assert me["errors"][0]["extensions"]["exception"]["code"] == "InvalidTokenError"


def test_delete_refuses_a_wrong_token_and_keeps_the_account(gql: GraphQLClient, user: User):
    other = UserFactory()
    for token in ("cc1w2e-abcdef", deletion_token(other)):
        # when
        result = delete(gql, user, token)
        # then
        assert result == {
            "user": None,
            "errors": [
                {"field": "token", "message": "Invalid or expired token.", "code": "INVALID"}
            ],
        }
    assert User.objects.filter(pk__in=[user.pk, other.pk]).count() == 2


def test_token_dies_when_the_password_changes(gql: GraphQLClient, user: User):
    token = deletion_token(user)
    user.set_password("gula-aren-manis-77")
    user.save()
    assert delete(gql, user, token)["errors"][0]["code"] == "INVALID"
    assert User.objects.filter(pk=user.pk).exists()


def test_anonymous_clients_are_refused(gql: GraphQLClient, user: User):
    for document, variables in (
        (REQUEST, {"url": f"{STOREFRONT}/akun/hapus"}),
        (DELETE, {"token": deletion_token(user)}),
    ):
        result = gql.execute(document, variables)
        assert result["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert OutgoingEmail.objects.count() == 0
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize(
    ("variables", "error"),
    [
        ({"url": "https://penipu.example.com/hapus"}, ("redirectUrl", "INVALID")),
        ({"channel": "tidak-ada"}, ("channel", "NOT_FOUND")),
    ],
)
def test_request_refuses_foreign_links_and_unknown_channels(
    gql: GraphQLClient, user: User, variables: dict, error: tuple[str, str]
):
    result = request(gql, user, **variables)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [error]
    assert OutgoingEmail.objects.count() == 0


def test_request_refuses_an_inactive_channel(gql: GraphQLClient, user: User):
    hub = VillageHubFactory(channel__is_active=False)
    result = request(gql, user, channel=hub.channel.slug)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("channel", "CHANNEL_INACTIVE")]


def test_platform_staff_cannot_delete_their_account(gql: GraphQLClient):
    staff = UserFactory(is_staff=True)
    # when
    asked = request(gql, staff)
    deleted = delete(gql, staff, deletion_token(staff))
    # then
    assert [e["code"] for e in asked["errors"]] == ["DELETE_STAFF_ACCOUNT"]
    assert [e["code"] for e in deleted["errors"]] == ["DELETE_STAFF_ACCOUNT"]
    assert OutgoingEmail.objects.count() == 0
    assert User.objects.filter(pk=staff.pk).exists()


def test_only_admin_of_a_cooperative_must_hand_over_first(gql: GraphQLClient, user: User):
    # given: the user is the cooperative's only admin (pengurus)
    cooperative = CooperativeFactory(name="KUD Mina Segara")
    CooperativeStaffFactory(user=user, cooperative=cooperative, role=CooperativeStaff.Role.ADMIN)
    CooperativeStaffFactory(cooperative=cooperative, role=CooperativeStaff.Role.STAFF)
    # when
    asked = request(gql, user)
    deleted = delete(gql, user, deletion_token(user))
    # then
    for result in (asked, deleted):
        assert result["errors"] == [
            {
                "field": None,
                "message": "You are the only administrator of KUD Mina Segara. Make another "
                "member an administrator first.",
                "code": "LEFT_NOT_MANAGEABLE_PERMISSION",
            }
        ]
    assert User.objects.filter(pk=user.pk).exists()

    # when: another member becomes admin
    CooperativeStaff.objects.filter(cooperative=cooperative).exclude(user=user).update(
        role=CooperativeStaff.Role.ADMIN
    )
    deleted = delete(gql, user, deletion_token(user))
    # then: the account goes with its membership; the cooperative keeps its other admin
    assert deleted["errors"] == []
    assert not User.objects.filter(pk=user.pk).exists()
    assert list(CooperativeStaff.objects.filter(cooperative=cooperative).values_list("role")) == [
        ("admin",)
    ]


def test_only_operator_of_an_active_hub_must_hand_over_first(gql: GraphQLClient, user: User):
    hub = VillageHubFactory(name="Gerai Pecatu")
    HubOperatorFactory(user=user, hub=hub)
    # when
    refused = delete(gql, user, deletion_token(user))
    # then
    assert [e["code"] for e in refused["errors"]] == ["LEFT_NOT_MANAGEABLE_PERMISSION"]
    assert "Gerai Pecatu" in refused["errors"][0]["message"]

    # when: the hub closes (or gets another operator)
    hub.is_active = False
    hub.save()
    deleted = delete(gql, user, deletion_token(user))
    # then
    assert deleted["errors"] == []
    assert not HubOperator.objects.filter(hub=hub).exists()


def test_orders_of_a_deleted_customer_stay_for_the_hub(gql: GraphQLClient, user: User):
    order = OrderFactory(user=user, user_email="siti@desa.id", number=424242)
    delete(gql, user, deletion_token(user))
    assert Order.objects.filter(pk=order.pk, user__isnull=True, number=424242).exists()
