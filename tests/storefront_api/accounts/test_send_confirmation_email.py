"""Saleor's ``sendConfirmationEmail`` over HTTP: a signed-in customer who has not
confirmed their e-mail address gets the confirmation e-mail again — at most once per
lock time — and confirms their account with its link; refused cases say why and send
nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.core.models import OutgoingEmail
from marketplace.core.tasks import send_email_task
from tests.factories.accounts import UserFactory
from tests.factories.village_hubs import VillageHubFactory
from tests.storefront_api.accounts.conftest import STOREFRONT, link_params
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

SEND = """
mutation($redirectUrl: String!, $channel: String!) {
  sendConfirmationEmail(redirectUrl: $redirectUrl, channel: $channel) {
    errors { field message code }
  }
}"""
CONFIRM = """
mutation($email: String!, $token: String!) {
  confirmAccount(email: $email, token: $token) { user { isConfirmed } errors { code } }
}"""


@pytest.fixture
def channel(db: None) -> str:
    return VillageHubFactory(slug="desa-pecatu").channel.slug


def send(gql: GraphQLClient, user: User | None, channel: str, **overrides: Any) -> Any:
    variables = {"redirectUrl": f"{STOREFRONT}/akun/konfirmasi", "channel": channel, **overrides}
    token = tokens.create_access_token(user) if user else None
    return gql.execute(SEND, variables, token=token)


def test_unconfirmed_customer_gets_the_email_again_and_confirms_with_it(
    gql: GraphQLClient, channel: str
):
    user = UserFactory(email="wayan@desa.id", is_confirmed=False)

    sent = send(gql, user, channel)["data"]["sendConfirmationEmail"]

    assert sent == {"errors": []}
    email = OutgoingEmail.objects.get()
    assert email.to == "wayan@desa.id"
    send_email_task(email.pk)
    assert [m.to for m in mail.outbox] == [["wayan@desa.id"]]
    params = link_params(email)
    confirmed = gql.execute(CONFIRM, params)["data"]["confirmAccount"]
    assert confirmed == {"user": {"isConfirmed": True}, "errors": []}

    # then, confirmed: nothing more to send
    again = send(gql, user, channel)["data"]["sendConfirmationEmail"]
    assert again["errors"] == [
        {"field": None, "message": "User is already confirmed", "code": "ACCOUNT_CONFIRMED"}
    ]
    assert OutgoingEmail.objects.count() == 1


def test_resending_is_locked_for_a_while(gql: GraphQLClient, channel: str, settings: Any):
    settings.CONFIRMATION_EMAIL_LOCK_TIME = 15 * 60
    user = UserFactory(is_confirmed=False)
    send(gql, user, channel)

    too_soon = send(gql, user, channel)["data"]["sendConfirmationEmail"]
    assert too_soon["errors"] == [
        {
            "field": None,
            "message": "Confirmation email already requested",
            "code": "CONFIRMATION_ALREADY_REQUESTED",
        }  # fmt: skip
    ]
    assert OutgoingEmail.objects.count() == 1

    User.objects.filter(pk=user.pk).update(
        last_confirm_email_request=timezone.now() - timedelta(minutes=16)
    )
    later = send(gql, user, channel)["data"]["sendConfirmationEmail"]
    assert later == {"errors": []}
    assert OutgoingEmail.objects.count() == 2


def test_refusals_send_nothing(gql: GraphQLClient, channel: str):
    user = UserFactory(is_confirmed=False)

    foreign = send(gql, user, channel, redirectUrl="https://evil.example/confirm")
    unknown = send(gql, user, "tidak-ada")
    anonymous = send(gql, None, channel)

    assert foreign["data"]["sendConfirmationEmail"]["errors"] == [
        {
            "field": "redirectUrl",
            "message": "evil.example is not allowed. Please check `ALLOWED_CLIENT_HOSTS` "
            "configuration.",
            "code": "INVALID",
        }  # fmt: skip
    ]
    assert unknown["data"]["sendConfirmationEmail"]["errors"] == [
        {
            "field": "channel",
            "message": "Channel with 'tidak-ada' slug does not exist or is inactive.",
            "code": "INVALID",
        }  # fmt: skip
    ]
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert OutgoingEmail.objects.count() == 0
    user.refresh_from_db()
    assert user.last_confirm_email_request is None
