"""Locking a checkout's row for a write: every checkout service and completion do it
first, so changes to one checkout serialize.

The row is always re-read under ``SELECT … FOR UPDATE``, so a service decides on the
checkout as it is once locked. Its related rows (channel, buyer, addresses, delivery)
are not locked either way: reading them with the row or a moment earlier, with the
caller's read of the checkout, sees the same committed data. So when the caller's
object already holds them, the row is locked alone and those objects are put on the
locked one wherever it still points at the same rows (a relation that changed
meanwhile is read when used). The lock joined to four tables cost about 1.5 ms to
compile in Django and 0.5 ms to plan in PostgreSQL, against 0.4 ms and 0.03 ms for the
row alone (measured on a loaded machine, demo data), on every checkout write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import ForeignKey

from marketplace.checkout.models import Checkout

# Every relation a checkout's lock can take over from the caller's object.
RELATIONS = (
    "channel",
    "user",
    "shipping_address",
    "billing_address",
    "collection_point",
    "shipping_method",
)


def checkout_lock(
    checkout: Checkout, *, joined: Sequence[str], needed: Sequence[str] | None = None
) -> Checkout | None:
    """The checkout's row, locked and re-read, with the ``joined`` relations (Django
    ``select_related`` paths) on it: taken over from ``checkout`` when it holds the
    ``needed`` ones (default: all ``joined``; any other is then read if used), else read
    with the row. None once the checkout is gone."""
    required = joined if needed is None else needed
    if not all(_holds(checkout, path.split("__")) for path in required):
        return (
            Checkout.objects.select_for_update(of=("self",))
            .select_related(*joined)
            .filter(pk=checkout.pk)
            .first()
        )
    locked = Checkout.objects.select_for_update().filter(pk=checkout.pk).first()
    if locked is not None:
        for name in RELATIONS:
            field = Checkout._meta.get_field(name)
            assert isinstance(field, ForeignKey)
            same_row = getattr(locked, field.attname) == getattr(checkout, field.attname)
            if same_row and field.is_cached(checkout):
                field.set_cached_value(locked, field.get_cached_value(checkout))
    return locked


def _holds(obj: Any, path: list[str]) -> bool:
    """Whether ``obj`` has the relation ``path`` loaded (a relation that is null counts
    as loaded: reading it costs no query)."""
    if obj is None or not path:
        return True
    field = obj._meta.get_field(path[0])
    if getattr(obj, field.attname) is None:
        return True
    if not field.is_cached(obj):
        return False
    return _holds(field.get_cached_value(obj), path[1:])
