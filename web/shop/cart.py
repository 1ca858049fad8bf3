"""The visitor's cart in each hub: one domain Checkout per hub, its id kept in the session.

``request.session["carts"]`` maps a hub's slug to its checkout's id. The session cookie
lasts ``SESSION_COOKIE_AGE`` (30 days by default), so a guest's cart survives closing the
browser. A signed-in buyer's cart is also found from the account (their latest checkout
in the hub's channel), so it follows them to another phone. A checkout that belongs to
another account is never used.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_get
from marketplace.checkout.services import checkout_customer_set, checkout_merge
from marketplace.village_hubs.models import VillageHub

SESSION_KEY = "carts"


def _carts(request: HttpRequest) -> dict[str, str]:
    carts = request.session.get(SESSION_KEY)
    return carts if isinstance(carts, dict) else {}


def _remember(request: HttpRequest, hub_slug: str, checkout: Checkout | None) -> None:
    carts = dict(_carts(request))
    before = carts.get(hub_slug)
    if checkout is None:
        carts.pop(hub_slug, None)
    else:
        carts[hub_slug] = str(checkout.pk)
    if carts.get(hub_slug) != before:  # a visitor without a cart gets no session row
        request.session[SESSION_KEY] = carts


def _account_cart(user: User | AnonymousUser, hub: VillageHub) -> Checkout | None:
    if not user.is_authenticated:
        return None
    return (
        Checkout.objects.select_related("channel")
        .filter(user=user, channel_id=hub.channel_id)
        .order_by("-last_change")
        .first()
    )


def _usable(checkout: Checkout | None, user: User | AnonymousUser, hub: VillageHub) -> bool:
    if checkout is None or checkout.channel_id != hub.channel_id:
        return False
    if checkout.user_id is None:
        return True
    return bool(user.is_authenticated and checkout.user_id == user.pk)


def cart_get(request: HttpRequest, hub: VillageHub) -> Checkout | None:
    """The visitor's cart in this hub, or None (a stale or foreign id is forgotten)."""
    token = _carts(request).get(hub.slug)
    checkout = checkout_get(checkout_id=token) if token else None
    if not _usable(checkout, request.user, hub):
        checkout = _account_cart(request.user, hub)
        _remember(request, hub.slug, checkout)
    return checkout


def cart_remember(request: HttpRequest, hub: VillageHub, checkout: Checkout | None) -> None:
    """Keep (or, with None, forget) the checkout as the visitor's cart in this hub."""
    _remember(request, hub.slug, checkout)


def merge_guest_carts(request: HttpRequest) -> None:
    """Right after sign-in: each guest cart of the session joins the account's cart in
    the same hub (``checkout_merge``), or becomes the account's cart when it has none
    (``checkout_customer_set``). Products that could not join are named in a message."""
    user = request.user
    if not user.is_authenticated:
        return
    for hub_slug, token in list(_carts(request).items()):
        guest = checkout_get(checkout_id=token)
        if guest is None or (guest.user_id is not None and guest.user_id != user.pk):
            _remember(request, hub_slug, None)
            continue
        if guest.user_id == user.pk:
            continue
        own = (
            Checkout.objects.filter(user=user, channel_id=guest.channel_id)
            .order_by("-last_change")
            .first()
        )
        if own is None:
            checkout = checkout_customer_set(checkout=guest, user=user)
        else:
            checkout, left_out = checkout_merge(source=guest, target=own)
            if left_out:
                messages.warning(
                    request,
                    _("Not added to your cart (not enough stock): %(names)s")
                    % {"names": ", ".join(left_out)},
                )
        _remember(request, hub_slug, checkout)
