"""Midtrans notification signatures: SHA-512 of order_id + status_code + gross_amount +
server key, lowercase hex (https://docs.midtrans.com/reference/handle-notifications)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping


def midtrans_signature(
    *, order_id: str, status_code: str, gross_amount: str, server_key: str
) -> str:
    """The signature Midtrans sends for these raw strings (``gross_amount`` as received,
    e.g. ``"24145.00"``: never re-formatted from an integer)."""
    raw = f"{order_id}{status_code}{gross_amount}{server_key}"
    return hashlib.sha512(raw.encode()).hexdigest()


def signature_is_valid(body: Mapping[str, object], *, server_key: str) -> bool:
    """True when ``body["signature_key"]`` is right for its order_id, status_code and
    gross_amount (compared in constant time). False on any missing or non-text field, or
    when no server key is configured."""
    order_id = body.get("order_id")
    status_code = body.get("status_code")
    gross_amount = body.get("gross_amount")
    given = body.get("signature_key")
    if (
        not server_key
        or not isinstance(given, str)
        or not isinstance(order_id, str)
        or not isinstance(status_code, str)
        or not isinstance(gross_amount, str)
    ):
        return False
    expected = midtrans_signature(
        order_id=order_id,
        status_code=status_code,
        gross_amount=gross_amount,
        server_key=server_key,
    )
    return hmac.compare_digest(expected.encode(), given.encode())
