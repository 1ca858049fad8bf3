"""Saleor's webhook samples, notification plugins, invoices and refund/return settings:
Lumbung has none of them, answers as a Saleor without them, refuses whoever Saleor
refuses, and changes nothing."""

from __future__ import annotations

import pytest
from django.core import mail
from graphql_relay import to_global_id

from marketplace.accounts import tokens
from tests.factories.accounts import UserFactory
from tests.factories.channels import ChannelFactory

pytestmark = pytest.mark.django_db

SAMPLE = "{ webhookSamplePayload(eventType: ORDER_CREATED) }"


def test_webhook_sample_is_null_for_staff_and_refused_to_others(gql):
    staff = tokens.create_access_token(UserFactory(is_staff=True))
    customer = tokens.create_access_token(UserFactory())

    assert gql.execute(SAMPLE, token=staff)["data"] == {"webhookSamplePayload": None}
    for token in (customer, None):
        refused = gql.execute(SAMPLE, token=token)
        assert refused["data"] == {"webhookSamplePayload": None}
        assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


TRIGGER = """
mutation($channel: String!, $input: ExternalNotificationTriggerInput!) {
  externalNotificationTrigger(channel: $channel, input: $input) {
    errors { field message code }
  }
}"""


def test_external_notification_sends_nothing_after_saleors_checks(gql):
    ChannelFactory(slug="gerai-ubud")
    customer = UserFactory()
    staff = tokens.create_access_token(UserFactory(is_staff=True))
    user_id = to_global_id("User", customer.pk)

    def trigger(token, channel="gerai-ubud", ids=(user_id,), event="promo"):
        variables = {"channel": channel, "input": {"ids": list(ids), "externalEventType": event}}
        return gql.execute(TRIGGER, variables, token=token)

    sent = trigger(staff)["data"]["externalNotificationTrigger"]
    unknown = trigger(staff, channel="tidak-ada")["data"]["externalNotificationTrigger"]
    wrong_type = trigger(staff, ids=[to_global_id("Product", 1)])["data"][
        "externalNotificationTrigger"
    ]
    refused = trigger(tokens.create_access_token(customer))

    assert sent == {"errors": []}
    assert mail.outbox == []  # no notification plugin: nothing is sent
    assert unknown["errors"] == [
        {
            "field": "channel",
            "message": "Channel with 'tidak-ada' slug does not exist.",
            "code": "NOT_FOUND",
        }  # fmt: skip
    ]
    assert wrong_type["errors"][0]["code"] == "INVALID_MODEL_TYPE"
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_refund_and_return_settings_name_no_reason_page_type(gql, db):
    data = gql.execute(
        "{ refundSettings { reasonReferenceType { id } } "
        "returnSettings { reasonReferenceType { id } } }"
    )["data"]

    assert data == {
        "refundSettings": {"reasonReferenceType": None},
        "returnSettings": {"reasonReferenceType": None},
    }


def test_bulk_error_policies_are_saleors(gql, db):
    enum = gql.execute('{ __type(name: "ErrorPolicyEnum") { enumValues { name } } }')["data"]

    assert [value["name"] for value in enum["__type"]["enumValues"]] == [
        "IGNORE_FAILED", "REJECT_EVERYTHING", "REJECT_FAILED_ROWS"
    ]  # fmt: skip
