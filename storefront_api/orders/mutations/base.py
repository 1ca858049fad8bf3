"""Finding the order a mutation acts on."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from marketplace.core.exceptions import field_error
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.models import Order
from storefront_api.core.ids import decode_global_id


def order_from_global_id(value: str, *, field: str = "id") -> Order:
    """The order of an ``Order`` global ID; GRAPHQL_ERROR / NOT_FOUND on ``field``."""
    raw = decode_global_id(value, only_type="Order", field=field)
    try:
        pk = uuid.UUID(raw)
    except ValueError:
        raise field_error(
            field, _("Couldn't resolve id: %(id)s.") % {"id": value}, OrderErrorCode.GRAPHQL_ERROR
        ) from None
    order = Order.objects.filter(pk=pk).first()
    if order is None:
        raise field_error(field, _("Order not found."), OrderErrorCode.NOT_FOUND)
    return order
