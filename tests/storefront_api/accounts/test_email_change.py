"""A signed-in customer moves to a new e-mail address (Saleor's requestEmailChange →
confirmEmailChange), over HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import jwt
import pytest
from django.core import mail

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.core.models import OutgoingEmail
from marketplace.core.tasks import send_email_task
from tests.factories.accounts import UserFactory
from tests.storefront_api.accounts.conftest import STOREFRONT, link_params
from tests.storefront_api.conftest import PASSWORD, GraphQLClient

pytestmark = pytest.mark.django_db

ERRORS = "errors { field message code }"
# @saleor/sdk's documents
REQUEST = f"""
mutation requestEmailChange(
  $channel: String!, $newEmail: String!, $password: String!, $redirectUrl: String!
) {{
  requestEmailChange(
    channel: $channel, newEmail: $newEmail, password: $password, redirectUrl: $redirectUrl
  ) {{ {ERRORS} user {{ id email }} }}
}}"""
CONFIRM = f"""
mutation confirmEmailChange($channel: String, $token: String!) {{
  confirmEmailChange(channel: $channel, token: $token) {{ {ERRORS} user {{ id email }} }}
}}"""
SIGN_IN = f"""
mutation SignIn($email: String!, $password: String!) {{
  tokenCreate(email: $email, password: $password) {{ token {ERRORS} }}
}}"""
NEW = "siti.aminah@desa.id"


@pytest.fixture
def channel(db: None) -> str:
    from tests.factories.village_hubs import VillageHubFactory

    return VillageHubFactory(slug="desa-pecatu").channel.slug


def ask(gql: GraphQLClient, user: User, slug: str, **overrides: Any) -> dict[str, Any]:
    variables = {
        "channel": slug,
        "newEmail": NEW,
        "password": PASSWORD,
        "redirectUrl": f"{STOREFRONT}/akun/email",
        **overrides,
    }
    token = tokens.create_access_token(user)
    return gql.execute(REQUEST, variables, token=token)["data"]["requestEmailChange"]


def confirm(gql: GraphQLClient, user: User, token: str) -> dict[str, Any]:
    access = tokens.create_access_token(user)
    return gql.execute(CONFIRM, {"token": token}, token=access)["data"]["confirmEmailChange"]


def test_change_email_through_the_link_sent_to_the_new_address(
    gql: GraphQLClient, user: User, channel: str
):
    # when
    asked = ask(gql, user, channel)
    # then: nothing changes yet; the new address gets an Indonesian e-mail with the link
    assert asked == {"errors": [], "user": {"id": asked["user"]["id"], "email": "siti@desa.id"}}
    user.refresh_from_db()
    assert user.email == "siti@desa.id"
    email = OutgoingEmail.objects.get()
    assert email.to == NEW
    assert email.subject == "Konfirmasi alamat e-mail baru Anda untuk Lumbung"
    assert "Halo Siti" in email.body
    assert "siti.aminah@desa.id dipakai menggantikan siti@desa.id" in email.body
    params = link_params(email)
    assert set(params) == {"token"}
    send_email_task(email.pk)
    assert [m.to for m in mail.outbox] == [[NEW]]

    # when: the storefront page sends the token
    confirmed = confirm(gql, user, params["token"])
    # then
    assert confirmed == {"errors": [], "user": {"id": asked["user"]["id"], "email": NEW}}
    user.refresh_from_db()
    assert user.email == NEW
    notice = OutgoingEmail.objects.exclude(pk=email.pk).get()
    assert notice.to == "siti@desa.id"
    assert notice.subject == "Alamat e-mail akun Lumbung Anda telah diubah"
    assert "dari siti@desa.id menjadi siti.aminah@desa.id" in notice.body
    # sign in with the new address only
    new = gql.execute(SIGN_IN, {"email": NEW, "password": PASSWORD})["data"]["tokenCreate"]
    old = gql.execute(SIGN_IN, {"email": "siti@desa.id", "password": PASSWORD})
    assert new["errors"] == []
    assert old["data"]["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    # and the link is spent
    again = confirm(gql, user, params["token"])
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("token", "JWT_INVALID_TOKEN")]


def test_wrong_password_sends_nothing(gql: GraphQLClient, user: User, channel: str):
    result = ask(gql, user, channel, password="salah-sandi-123")
    assert result == {
        "user": None,
        "errors": [
            {"field": "password", "message": "Password isn't valid.", "code": "INVALID_CREDENTIALS"}
        ],
    }
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"newEmail": "bukan-email"}, ("newEmail", "INVALID")),
        ({"redirectUrl": "https://penipu.example.com/x"}, ("redirectUrl", "INVALID")),
        ({"channel": "tidak-ada"}, ("channel", "NOT_FOUND")),
    ],
)
def test_request_refuses_bad_input(
    gql: GraphQLClient, user: User, channel: str, overrides: dict, error: tuple[str, str]
):
    result = ask(gql, user, channel, **overrides)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [error]
    assert OutgoingEmail.objects.count() == 0


def test_address_taken_meanwhile_is_refused_on_confirmation(
    gql: GraphQLClient, user: User, channel: str
):
    # given: the request does not tell whether the address has an account (as Saleor)
    token = tokens.create_email_change_token(user, new_email=NEW)
    UserFactory(email=NEW)
    # when
    result = confirm(gql, user, token)
    # then
    assert result == {
        "user": None,
        "errors": [
            {"field": "newEmail", "message": "Email is used by other user.", "code": "UNIQUE"}
        ],
    }
    user.refresh_from_db()
    assert user.email == "siti@desa.id"


def test_confirmation_refuses_tokens_that_are_not_this_users_change(
    gql: GraphQLClient, user: User, settings: Any
):
    other = UserFactory()
    settings.JWT_TTL_REQUEST_EMAIL_CHANGE = timedelta(seconds=-1)
    expired = tokens.create_email_change_token(user, new_email=NEW)
    settings.JWT_TTL_REQUEST_EMAIL_CHANGE = timedelta(hours=1)
    forged = jwt.encode(
        {"type": "change_email", "user_id": "VXNlcjox", "old_email": user.email, "exp": 9e9},
        "not-our-secret-but-long-enough-for-hs256",
    )
    for token in (
        "not.a.jwt",
        forged,
        expired,
        tokens.create_access_token(user),  # a token of another kind
        tokens.create_email_change_token(other, new_email=NEW),  # another user's change
    ):
        result = confirm(gql, user, token)
        assert [(e["field"], e["code"]) for e in result["errors"]] == [
            ("token", "JWT_INVALID_TOKEN")
        ], token
    user.refresh_from_db()
    assert user.email == "siti@desa.id"


def test_token_for_an_address_the_user_no_longer_has_is_refused(gql: GraphQLClient, user: User):
    token = tokens.create_email_change_token(user, new_email=NEW)
    user.email = "siti.baru@desa.id"
    user.save()
    result = confirm(gql, user, token)
    assert [e["code"] for e in result["errors"]] == ["JWT_INVALID_TOKEN"]


def test_anonymous_clients_are_refused(gql: GraphQLClient, user: User, channel: str):
    token = tokens.create_email_change_token(user, new_email=NEW)
    for document, variables in (
        (
            REQUEST,
            {
                "channel": channel,
                "newEmail": NEW,
                "password": PASSWORD,
                "redirectUrl": f"{STOREFRONT}/akun/email",
            },
        ),
        (CONFIRM, {"token": token}),
    ):
        result = gql.execute(document, variables)
        assert result["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert User.objects.get(pk=user.pk).email == "siti@desa.id"
    assert OutgoingEmail.objects.count() == 0
