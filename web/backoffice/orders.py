"""Orders to prepare (Pesanan untuk disiapkan): the cooperative's own lines of open pickup
orders, grouped by hub and pickup point, and "mark ready at the hub", which records a
fulfilment waiting for approval (``orders.services.order_cooperative_lines_ready``) that
the hub's counter shows as ready. Never another cooperative's lines, never the buyer's
name, phone or address."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.orders import selectors, services
from web.backoffice.access import cooperative_for_staff
from web.core.requests import SignedInRequest


@login_required(login_url="web:sign-in")
def orders_to_prepare(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    points = selectors.orders_to_prepare(cooperative)
    context = {
        "cooperative": cooperative,
        "points": points,
        "units_left": sum(item.units_left for point in points for item in point.orders),
        "current": "orders",
    }
    return render(request, "web/backoffice/orders.html", context)


@require_POST
@login_required(login_url="web:sign-in")
def order_ready(request: SignedInRequest, cooperative_id: int, order_id: uuid.UUID) -> HttpResponse:
    """Mark all the cooperative's lines of one order ready at the hub; sent twice, the
    second does nothing and says so."""
    cooperative = cooperative_for_staff(request, cooperative_id)
    back = reverse("web:backoffice-orders", args=[cooperative.pk])
    order = selectors.cooperative_order_to_prepare(cooperative, order_id)
    if order is None:
        raise Http404("No such order to prepare.")
    try:
        fulfillment = services.order_cooperative_lines_ready(
            order=order, cooperative=cooperative, actor=request.user
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return HttpResponseRedirect(back)
    if fulfillment is None:
        messages.info(
            request, _("Order #%(number)s was already ready at the hub.") % {"number": order.number}
        )
    elif order.collection_point_id is None:
        messages.success(
            request,
            _("Order #%(number)s is marked ready at the hub for %(courier)s.")
            % {"number": order.number, "courier": order.shipping_method_name},
        )
    else:
        messages.success(
            request,
            _("Order #%(number)s is marked ready at %(point)s.")
            % {"number": order.number, "point": order.collection_point_name},
        )
    return HttpResponseRedirect(back)
