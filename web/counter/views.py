"""The hub's counter (loket): today's pickup queue and the village courier's orders,
finding an order by its pickup code, taking the cash and handing the goods over (to the
buyer, or to the courier with the address), canceling overdue orders, the day's takings.

For the hub's operators (and platform staff) only: anyone else gets 404, a visitor who is
not signed in is sent to the sign-in page. Rules are ``marketplace.permissions``'; every
write is a domain service.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import permissions
from marketplace.core.money import format_rupiah
from marketplace.orders import selectors, services
from marketplace.orders.models import Order
from marketplace.village_hubs.models import VillageHub
from marketplace.village_hubs.selectors import hubs_operated_by
from web.core.forms import add_validation_errors
from web.core.requests import SignedInRequest
from web.counter.forms import CounterActionForm, PickupCodeForm

View = Callable[..., HttpResponse]
ACTIONS = ("bayar", "serahkan", "bayar-serahkan", "batal")


def counter_view(view: View) -> View:
    """Sign-in first; then the hub of ``hub_slug`` for its operators only (else 404)."""

    @wraps(view)
    def wrapper(request: HttpRequest, hub_slug: str, **kwargs: Any) -> HttpResponse:
        if not permissions.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        hub = VillageHub.objects.filter(slug=hub_slug).select_related("channel").first()
        if hub is None or not permissions.can_operate_hub(request.user, hub.pk):
            raise Http404
        return view(request, hub, **kwargs)

    return wrapper


def counter_home(request: HttpRequest) -> HttpResponse:
    """The counter of the one hub the user operates, or the list of their hubs."""
    if not permissions.is_signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    hubs = list(hubs_operated_by(request.user).order_by("name"))
    if not hubs:
        raise Http404
    if len(hubs) == 1:
        return HttpResponseRedirect(reverse("web:counter-queue", args=[hubs[0].slug]))
    return render(request, "web/counter/hubs.html", {"hubs": hubs})


@counter_view
def queue(request: HttpRequest, hub: VillageHub) -> HttpResponse:
    found = selectors.counter_queue(hub)
    courier_sections = [
        ("waiting", _("Waiting for goods"), found.courier["waiting"]),
        ("ready", _("Ready for the courier"), found.courier["ready"]),
        ("collected", _("Sent with the courier today"), found.courier["collected"]),
        ("expired", _("Canceled today"), found.courier["expired"]),
    ]
    return render(
        request,
        "web/counter/queue.html",
        {
            "hub": hub,
            "queue": found,
            "courier_sections": courier_sections,
            "form": PickupCodeForm(),
        },
    )


@counter_view
def find(request: HttpRequest, hub: VillageHub) -> HttpResponse:
    form = PickupCodeForm(request.GET or None)
    if form.is_valid():
        found = selectors.order_by_pickup_code(hub, form.cleaned_data["code"])
        if found is not None:
            return HttpResponseRedirect(_order_url(hub, found))
        form.add_error(
            "code",
            _("No open order of this hub has this code. Check the code with the buyer."),
        )
    return render(
        request,
        "web/counter/find.html",
        {"hub": hub, "form": form},
        status=400 if form.errors else 200,
    )


@counter_view
def takings(request: HttpRequest, hub: VillageHub) -> HttpResponse:
    return render(
        request, "web/counter/takings.html", {"hub": hub, "takings": selectors.counter_takings(hub)}
    )


def _order_url(hub: VillageHub, order: Order) -> str:
    return reverse("web:counter-order", args=[hub.slug, order.pk])


def _counter_order(hub: VillageHub, order_id: uuid.UUID) -> selectors.CounterOrder:
    found = selectors.counter_order(hub, order_id)
    if found is None:
        raise Http404
    return found


def _render_order(
    request: HttpRequest, hub: VillageHub, item: selectors.CounterOrder, form: Any, status: int
) -> HttpResponse:
    return render(
        request,
        "web/counter/order.html",
        {"hub": hub, "item": item, "order": item.order, "form": form},
        status=status,
    )


@counter_view
def order(request: HttpRequest, hub: VillageHub, order_id: uuid.UUID) -> HttpResponse:
    return _render_order(request, hub, _counter_order(hub, order_id), CounterActionForm(), 200)


@require_POST
@counter_view
def order_action(
    request: SignedInRequest, hub: VillageHub, order_id: uuid.UUID, action: str
) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    item = _counter_order(hub, order_id)
    form = CounterActionForm(request.POST)
    found = item.order
    try:
        if action == "bayar":
            was_paid = found.is_paid
            found = services.order_confirm_payment_at_pickup(order=found, operator=request.user)
            if not was_paid:
                messages.success(
                    request,
                    _("Cash recorded: %(amount)s.") % {"amount": format_rupiah(found.total_amount)},
                )
        elif action in ("serahkan", "bayar-serahkan"):
            services.order_hand_over(
                order=found, actor=request.user, take_cash=action == "bayar-serahkan"
            )
            if item.is_courier:
                messages.success(request, _("The goods were handed to the courier."))
            else:
                messages.success(request, _("The goods were handed over."))
        else:
            services.order_cancel_overdue(order=found, actor=request.user)
            messages.success(request, _("The order was canceled; its goods are back in stock."))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        fresh = _counter_order(hub, order_id)
        if action != "batal" and fresh.stage == "collected":
            # A second click after everything was handed over: nothing to do.
            messages.info(request, _("This order was already handed over."))
            return HttpResponseRedirect(_order_url(hub, fresh.order))
        add_validation_errors(form, error)
        return _render_order(request, hub, fresh, form, 400)
    return HttpResponseRedirect(_order_url(hub, found))
