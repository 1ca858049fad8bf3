"""The payment gateway registry: services call ``get_gateway()`` and talk to what it
returns through the ``PaymentGateway`` protocol of ``marketplace.payments.interface``.

The gateway is named by its import path in ``settings.PAYMENT_GATEWAY`` (the Midtrans
adapter, the only one for now), so this module never imports an adapter and an adapter
never imports this module: both depend on the interface alone.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from marketplace.payments.interface import PaymentGateway


def get_gateway() -> PaymentGateway:
    """A new instance of the configured gateway (reads settings on each call)."""
    path = settings.PAYMENT_GATEWAY
    try:
        gateway_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"PAYMENT_GATEWAY {path!r} does not name an importable gateway class: {exc}"
        ) from exc
    return cast(PaymentGateway, gateway_class())
