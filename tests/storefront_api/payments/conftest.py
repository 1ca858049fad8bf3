"""The payment fixtures of ``tests/marketplace/payments`` (fake Midtrans on 127.0.0.1, the
live notification endpoint, a checkout ready to pay), shared here by import."""

from tests.marketplace.payments.conftest import (  # noqa: F401 - pytest fixtures
    endpoint,
    enqueued,
    fake_midtrans,
    hub,
    make_checkout,
    pay,
    point,
    process,
)
