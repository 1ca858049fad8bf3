"""What Lumbung answers where Saleor has apps, permission groups and stored payment
methods and Lumbung has none: Saleor's shapes with the truthful answer, Saleor's error
when no payment app handles a request, and nothing changed."""

from __future__ import annotations

import pytest

from marketplace.accounts import tokens
from marketplace.payments.models import TransactionItem
from tests.factories.accounts import UserFactory
from tests.factories.channels import ChannelFactory
from tests.factories.village_hubs import HubOperatorFactory, VillageHubFactory

pytestmark = pytest.mark.django_db

TOKENIZE = """
mutation($channel: String!) {
  gateway: paymentGatewayInitializeTokenization(id: "app.saleor.stripe", channel: $channel) {
    result data errors { field message code }
  }
  init: paymentMethodInitializeTokenization(
    id: "app.saleor.stripe", channel: $channel, paymentFlowToSupport: INTERACTIVE
  ) { result id data errors { field message code } }
  process: paymentMethodProcessTokenization(id: "pm_1", channel: $channel) {
    result id errors { field message code }
  }
  remove: storedPaymentMethodRequestDelete(id: "pm_1", channel: $channel) {
    result errors { field message code }
  }
}"""


def test_tokenization_answers_saleors_no_payment_app_error_and_stores_nothing(gql):
    channel = ChannelFactory(slug="gerai-ubud")
    token = tokens.create_access_token(UserFactory())

    data = gql.execute(TOKENIZE, {"channel": channel.slug}, token=token)["data"]

    error = {"field": None, "message": "No active payment app to handle requested action.",
             "code": "NOT_FOUND"}  # fmt: skip
    assert data["gateway"] == {"result": "FAILED_TO_DELIVER", "data": None, "errors": [error]}
    assert data["init"] == {"result": "FAILED_TO_DELIVER", "id": None, "data": None,
                            "errors": [error]}  # fmt: skip
    assert data["process"] == {"result": "FAILED_TO_DELIVER", "id": None, "errors": [error]}
    assert data["remove"] == {"result": "FAILED_TO_DELIVER", "errors": [error]}
    assert TransactionItem.objects.count() == 0


def test_tokenization_checks_the_channel_first(gql):
    ChannelFactory(slug="tutup", is_active=False)
    token = tokens.create_access_token(UserFactory())

    unknown = gql.execute(TOKENIZE, {"channel": "tidak-ada"}, token=token)["data"]
    closed = gql.execute(TOKENIZE, {"channel": "tutup"}, token=token)["data"]

    assert unknown["gateway"]["errors"] == [
        {
            "field": "channel",
            "message": "Channel with 'tidak-ada' slug does not exist.",
            "code": "NOT_FOUND",
        }  # fmt: skip
    ]
    assert closed["remove"]["errors"] == [
        {
            "field": "channel",
            "message": "Channel with 'tutup' is inactive.",
            "code": "CHANNEL_INACTIVE",
        }  # fmt: skip
    ]


def test_tokenization_needs_a_signed_in_customer(gql):
    ChannelFactory(slug="gerai-ubud")

    answer = gql.execute(TOKENIZE, {"channel": "gerai-ubud"})

    assert answer["data"]["gateway"] is None
    assert {error["extensions"]["exception"]["code"] for error in answer["errors"]} == {
        "PermissionDenied"
    }


def test_customer_has_no_stored_payment_methods_groups_or_staff_channels(gql):
    channel = ChannelFactory(slug="gerai-ubud")
    user = UserFactory()

    me = gql.execute(
        """query($channel: String!) { me {
          storedPaymentMethods(channel: $channel) { id }
          storedPaymentSources(channel: $channel) { gateway }
          permissionGroups { id } editableGroups { id }
          accessibleChannels { slug } restrictedAccessToChannels externalReference
        } }""",
        {"channel": channel.slug},
        token=tokens.create_access_token(user),
    )["data"]["me"]

    assert me == {
        "storedPaymentMethods": [], "storedPaymentSources": [], "permissionGroups": [],
        "editableGroups": [], "accessibleChannels": [], "restrictedAccessToChannels": True,
        "externalReference": None,
    }  # fmt: skip


def test_staff_see_the_channels_they_work_in(gql):
    operated = VillageHubFactory(slug="gerai-ubud").channel
    ChannelFactory(slug="gerai-lain")
    operator = HubOperatorFactory(hub=operated.village_hub).user
    staff = UserFactory(is_staff=True)
    query = "{ me { accessibleChannels { slug } restrictedAccessToChannels } }"

    as_operator = gql.execute(query, token=tokens.create_access_token(operator))["data"]["me"]
    as_staff = gql.execute(query, token=tokens.create_access_token(staff))["data"]["me"]

    assert as_operator == {
        "accessibleChannels": [{"slug": "gerai-ubud"}], "restrictedAccessToChannels": True
    }  # fmt: skip
    assert as_staff == {
        "accessibleChannels": [{"slug": "gerai-lain"}, {"slug": "gerai-ubud"}],
        "restrictedAccessToChannels": False,
    }


def test_app_token_is_never_valid(gql):
    data = gql.execute('mutation { appTokenVerify(token: "abcd1234") { valid errors { code } } }')[
        "data"
    ]["appTokenVerify"]

    assert data == {"valid": False, "errors": []}


LEGACY = """
mutation($channel: String!, $gateway: String!, $currency: String!) {
  paymentInitialize(gateway: $gateway, channel: $channel) {
    initializedPayment { gateway } errors { field message code }
  }
  paymentCheckBalance(input: {gatewayId: $gateway, method: "givex", channel: $channel,
                              card: {code: "1234", money: {amount: 10, currency: $currency}}}) {
    data errors { field message code }
  }
}"""


def test_legacy_initialize_and_balance_check_answer_as_saleor_without_such_gateway(gql):
    ChannelFactory(slug="gerai-ubud")

    ok = gql.execute(
        LEGACY,
        {"channel": "gerai-ubud", "gateway": "lumbung.payments.midtrans", "currency": "IDR"},
    )["data"]
    unknown = gql.execute(
        LEGACY, {"channel": "gerai-ubud", "gateway": "mirumee.payments.adyen", "currency": "IDR"}
    )["data"]
    dollars = gql.execute(
        LEGACY,
        {"channel": "gerai-ubud", "gateway": "lumbung.payments.midtrans", "currency": "USD"},
    )["data"]

    assert ok["paymentInitialize"] == {"initializedPayment": None, "errors": []}
    assert ok["paymentCheckBalance"] == {"data": None, "errors": []}
    assert unknown["paymentCheckBalance"]["errors"] == [
        {
            "field": "gatewayId",
            "message": "The gateway_id mirumee.payments.adyen is not available.",
            "code": "NOT_SUPPORTED_GATEWAY",
        }  # fmt: skip
    ]
    assert dollars["paymentCheckBalance"]["errors"] == [
        {
            "field": "currency",
            "message": "The currency USD is not available for lumbung.payments.midtrans.",
            "code": "NOT_SUPPORTED_GATEWAY",
        }  # fmt: skip
    ]
