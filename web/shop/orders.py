"""What the order and payment pages show: status, pickup code as a QR code (segno, inline
SVG), the hub's address and hours, a map link and a WhatsApp message with the summary."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import segno
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from marketplace.core.money import format_rupiah
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import TransactionItem
from marketplace.payments.statuses import FAILED, PAID
from marketplace.village_hubs.models import VillageHub

PENDING = "pending"


def qr_svg(text: str, *, title: str) -> SafeString:
    """``text`` as a QR code: an inline SVG (no request, no script), scaled by CSS."""
    svg = segno.make(text, error="m").svg_inline(
        scale=4, border=2, title=title, svgclass="qr", lineclass=None, omitsize=True
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the title is escaped by it


def payment_state(tx: TransactionItem) -> str:
    """``paid`` once Midtrans settled it, ``failed`` when it cannot be paid any more,
    else ``pending``."""
    if tx.order_id is not None or tx.status in PAID:
        return "paid"
    if tx.status in FAILED or tx.status == "cancel":
        return "failed"
    return PENDING


def _address(hub: VillageHub) -> str:
    parts = [hub.address, hub.name]
    village = hub.village
    if village is not None:
        parts += [
            village.name,
            village.district.name,
            village.district.regency.name,
            village.district.regency.province.name,
        ]
    return ", ".join(part for part in parts if part)


def whatsapp_link(order: Order, hub: VillageHub, lines: list[Any], url: str) -> str:
    """A wa.me link with the order's summary: to the hub's number when it has one, else
    WhatsApp asks whom to send it to. No WhatsApp business account is needed."""
    text = [
        _("Order #%(number)s at %(hub)s") % {"number": order.number, "hub": hub.name},
        *(
            f"- {line.quantity} × {line.product_name} {line.variant_name}".rstrip()
            for line in lines
        ),
        _("Total: %(total)s") % {"total": format_rupiah(order.total_amount)},
    ]
    if order.pickup_code:
        text.append(_("Pickup code: %(code)s") % {"code": order.pickup_code})
    text.append(url)
    number = "".join(ch for ch in (hub.phone or "") if ch.isdigit())
    return f"https://wa.me/{number}?text={quote(chr(10).join(text))}"


def order_page_context(request: HttpRequest, hub: VillageHub, order: Order) -> dict[str, Any]:
    lines = list(order.lines.order_by("pk"))
    address = _address(hub)
    url = request.build_absolute_uri()
    open_order = order.status in (
        OrderStatus.UNCONFIRMED,
        OrderStatus.UNFULFILLED,
        OrderStatus.PARTIALLY_FULFILLED,
    )
    return {
        "hub": hub,
        "order": order,
        "lines": lines,
        "paid": order.is_paid,
        "open_order": open_order,
        "pickup_qr": (
            qr_svg(order.pickup_code, title=_("Pickup code %(code)s") % {"code": order.pickup_code})
            if order.pickup_code
            else None
        ),
        "hub_address": address,
        "opening_hours": list(hub.opening_hours.order_by("weekday", "opens")),
        "map_url": "https://www.openstreetmap.org/search?query=" + quote(address),
        "whatsapp_url": whatsapp_link(order, hub, lines, url),
    }
