"""The services reach the payment gateway named by ``settings.PAYMENT_GATEWAY``; the
registry and the Midtrans adapter never import each other (see the import-linter
contract "Payments reach a gateway one way" in pyproject.toml)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from marketplace.payments.gateway import get_gateway
from marketplace.payments.interface import GatewayNotFound


def test_the_configured_gateway_is_midtrans_and_answers_through_the_interfaces_errors(
    fake_midtrans,
):
    gateway = get_gateway()

    assert gateway.name == "midtrans"
    with pytest.raises(GatewayNotFound):
        gateway.fetch_status("lumbung-never-charged")


def test_a_mistyped_gateway_path_stops_with_an_error_naming_the_setting(settings):
    settings.PAYMENT_GATEWAY = "marketplace.payments.midtrans.adapter.MidtransGatewy"

    with pytest.raises(ImproperlyConfigured, match="PAYMENT_GATEWAY"):
        get_gateway()
