"""The village shop for villagers: hubs, a hub's catalogue, cart, checkout, orders.

Views are thin: they read through the domain's selectors, write through its services
(the same ones the GraphQL API calls) and render. Every form posts, then redirects.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from marketplace.accounts.models import Address
from marketplace.catalog.models import ProductVariant
from marketplace.catalog.search import did_you_mean, search_facets, suggestions
from marketplace.checkout import services as checkout_services
from marketplace.checkout.selectors import (
    checkout_totals,
    pickup_points_for_channel,
    quantity_available_by_variant,
)
from marketplace.core.money import format_rupiah
from marketplace.orders.models import Order
from marketplace.payments.interface import GatewayError
from marketplace.payments.models import TransactionItem
from marketplace.payments.services.checkout_payments import (
    transaction_initialize,
    transaction_process,
)
from marketplace.shipping.models import ShippingMethod
from marketplace.shipping.selectors import shipping_methods_for_address
from marketplace.village_hubs.selectors import hubs_search
from marketplace.warehouses.models import Warehouse
from web.core.forms import add_validation_errors
from web.shop import access
from web.shop.cart import cart_get, cart_remember
from web.shop.catalog import (
    categories_for_shop,
    hub_for_shop,
    product_cards,
    product_for_shop,
    products_for_shop,
    search_filters,
    shop_facets,
    shop_url,
)
from web.shop.forms import (
    PAY_AT_PICKUP,
    PICKUP,
    AddToCartForm,
    CheckoutForm,
    HubSearchForm,
    LineRemoveForm,
    LineUpdateForm,
    ShopFilterForm,
    ShopSearchForm,
)
from web.shop.orders import order_page_context, payment_state, qr_svg

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """``/``: the village hubs, found by province, regency or village name."""
    form = HubSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    hubs = list(hubs_search(query=query))
    return render(request, "web/shop/home.html", {"form": form, "hubs": hubs, "query": query})


@require_GET
def search_suggestions(request: HttpRequest, hub_slug: str) -> JsonResponse:
    """``/<hub>/cari/saran/?q=…``: completions of a partly typed search, for the search
    box's small script (the page works without it)."""
    hub_for_shop(slug=hub_slug, user=request.user)
    form = ShopSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return JsonResponse({"suggestions": suggestions(query, limit=8) if query else []})


def hub(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """``/<hub>/``: the hub's shop: a search box, facet filters with their counts (links
    that keep the search and each other) and a page of products."""
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    form = ShopSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    categories = list(categories_for_shop(hub=shop, user=request.user))
    category = None
    if request.GET.get("kategori"):
        category = next((c for c in categories if c.slug == request.GET["kategori"]), None)
        if category is None:
            raise Http404("No such category in this shop.")
    chosen = ShopFilterForm(request.GET).filters()
    filters = search_filters(chosen, category)
    products = products_for_shop(
        hub=shop, user=request.user, query=query, category=category, filters=filters
    )
    current = {name: str(value) for name, value in chosen.items()}
    current.update(q=query, kategori=category.slug if category else "")
    facets = shop_facets(
        hub=shop,
        facets=search_facets(products, channel=shop.channel, text=query),
        current=current,
        categories=categories,
    )
    corrected = did_you_mean(query) if query else None
    page = Paginator(products, settings.SHOP_PAGE_SIZE).get_page(request.GET.get("halaman"))
    cards = product_cards(list(page.object_list), hub=shop)
    checkout = cart_get(request, shop)
    return render(
        request,
        "web/shop/hub.html",
        {
            "hub": shop,
            "form": form,
            "query": query,
            "did_you_mean": corrected,
            "did_you_mean_url": shop_url(shop, current, q=corrected) if corrected else "",
            "categories": categories,
            "category": category,
            "facets": facets,
            "page": page,
            "cards": cards,
            "cart_count": _cart_count(checkout),
        },
    )


def _cart_count(checkout: Any) -> int:
    if checkout is None:
        return 0
    return sum(checkout.lines.values_list("quantity", flat=True))


def _variant_choices(card: Any) -> list[tuple[int, str]]:
    return [(view.variant.pk, view.label or card.product.name) for view in card.variants]


def product(request: HttpRequest, hub_slug: str, product_slug: str) -> HttpResponse:
    """The product page: photo, price, producer, permits, stock, choice and quantity."""
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    card = product_for_shop(hub=shop, user=request.user, slug=product_slug)
    form = AddToCartForm(variants=_variant_choices(card))
    checkout = cart_get(request, shop)
    return render(
        request,
        "web/shop/product.html",
        {"hub": shop, "card": card, "form": form, "cart_count": _cart_count(checkout)},
    )


@require_POST
def cart_add(request: HttpRequest, hub_slug: str, product_slug: str) -> HttpResponse:
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    card = product_for_shop(hub=shop, user=request.user, slug=product_slug)
    form = AddToCartForm(request.POST, variants=_variant_choices(card))
    if form.is_valid():
        variant = ProductVariant.objects.get(pk=form.cleaned_data["variant"])
        lines = [(variant, form.cleaned_data["quantity"])]
        checkout = cart_get(request, shop)
        try:
            if checkout is None:
                user = request.user if request.user.is_authenticated else None
                checkout = checkout_services.checkout_create(
                    channel=shop.channel,
                    lines=lines,
                    user=user,
                    language_code=get_language() or "id",
                )
            else:
                checkout = checkout_services.checkout_lines_add(checkout=checkout, lines=lines)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            cart_remember(request, shop, checkout)
            messages.success(request, _("%(name)s is in your cart.") % {"name": card.product.name})
            return HttpResponseRedirect(reverse("web:product", args=[shop.slug, product_slug]))
    return render(
        request,
        "web/shop/product.html",
        {"hub": shop, "card": card, "form": form, "cart_count": 0},
        status=400,
    )


def _cart_context(request: HttpRequest, shop: Any, checkout: Any) -> dict[str, Any]:
    totals = checkout_totals(checkout=checkout) if checkout is not None else None
    lines = []
    if totals is not None:
        available = quantity_available_by_variant(
            channel=shop.channel, variant_ids=[price.line.variant_id for price in totals.lines]
        )
        for price in totals.lines:
            lines.append(
                {
                    "price": price,
                    "line": price.line,
                    "available": available.get(price.line.variant_id, 0) + price.line.quantity,
                }
            )
    return {"hub": shop, "checkout": checkout, "totals": totals, "lines": lines}


def cart(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """``/<hub>/keranjang/``: the cart's lines, their quantities and the total."""
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    checkout = cart_get(request, shop)
    context = _cart_context(request, shop, checkout)
    errors = request.session.pop("cart_line_errors", {})
    for item in context["lines"]:
        item["error"] = errors.get(str(item["line"].pk), "")
    return render(request, "web/shop/cart.html", context)


@require_POST
def cart_update(request: HttpRequest, hub_slug: str) -> HttpResponse:
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    checkout = cart_get(request, shop)
    target = HttpResponseRedirect(reverse("web:cart", args=[shop.slug]))
    remove = "remove" in request.POST
    form: Any = LineRemoveForm(request.POST) if remove else LineUpdateForm(request.POST)
    if checkout is None or not form.is_valid():
        messages.error(request, _("Enter a quantity of 0 or more."))
        return target
    line = checkout.lines.select_related("variant").filter(pk=form.cleaned_data["line"]).first()
    if line is None:
        return target
    try:
        if remove or form.cleaned_data["quantity"] == 0:
            checkout_services.checkout_lines_delete(checkout=checkout, line_ids=[line.pk])
        else:
            checkout_services.checkout_lines_update(
                checkout=checkout, lines=[(line.variant, form.cleaned_data["quantity"])]
            )
    except ValidationError as error:
        request.session["cart_line_errors"] = {str(line.pk): error.messages[0]}
    return target


def _hub_courier(shop: Any) -> ShippingMethod | None:
    """The cheapest method delivering in the hub's own village, where the page's delivery
    address lies (a village courier serves only its hub's regency)."""
    place = Address(country=shop.channel.default_country, village_id=shop.village_id)
    methods = shipping_methods_for_address(channel=shop.channel, address=place)
    return methods[0] if methods else None


def _checkout_form(
    request: HttpRequest, shop: Any, data: Any = None, initial: Any = None
) -> CheckoutForm:
    points = list(pickup_points_for_channel(channel=shop.channel))
    method = _hub_courier(shop)
    shipping_label = None
    if method is not None:
        shipping_label = _("Delivery by the hub: %(name)s, %(price)s") % {
            "name": method.name,
            "price": format_rupiah(method.price_amount),
        }
    return CheckoutForm(
        data,
        initial=initial,
        pickup_points=[(point.pk, point.name) for point in points],
        shipping_label=shipping_label,
        pay_at_pickup=bool(shop.channel.allow_unpaid_orders and points),
        online=bool(settings.MIDTRANS_SERVER_KEY),
    )


def _checkout_initial(request: HttpRequest, shop: Any) -> dict[str, Any]:
    village = shop.village
    initial: dict[str, Any] = {"place_token": uuid.uuid4()}
    if village is not None:
        initial.update(
            city_area=village.district.name,
            city=village.district.regency.name,
            country_area=village.district.regency.province.name,
            postal_code=village.postal_code,
        )
    user = request.user
    if user.is_authenticated:
        initial.update(
            name=user.get_full_name(), email=user.email, phone=getattr(user, "phone", "")
        )
    return initial


def checkout(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """``/<hub>/pesan/``: name and phone, pickup or delivery, payment; places the order."""
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    cart_checkout = cart_get(request, shop)
    placed = request.session.get("placed", {})
    if request.method == "POST":
        token = request.POST.get("place_token", "")
        if token in placed:  # a double submit or a retry: where the first one went
            return HttpResponseRedirect(placed[token])
    if cart_checkout is None or not cart_checkout.lines.exists():
        return HttpResponseRedirect(reverse("web:cart", args=[shop.slug]))
    if request.method != "POST":
        form = _checkout_form(request, shop, initial=_checkout_initial(request, shop))
        return render(request, "web/shop/checkout.html", _checkout_page(request, shop, form))
    form = _checkout_form(request, shop, data=request.POST)
    if form.is_valid():
        if _rate_limited(request):
            form.add_error(
                None,
                _("Too many orders in a short time. Wait a while and try again."),
            )
            return render(
                request, "web/shop/checkout.html", _checkout_page(request, shop, form), status=429
            )
        try:
            target = _place(request, shop, cart_checkout, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, _field_names(error))
        else:
            placed = dict(request.session.get("placed", {}))
            placed[str(form.cleaned_data["place_token"])] = target
            request.session["placed"] = dict(list(placed.items())[-20:])
            return HttpResponseRedirect(target)
    return render(
        request, "web/shop/checkout.html", _checkout_page(request, shop, form), status=400
    )


def _checkout_page(request: HttpRequest, shop: Any, form: CheckoutForm) -> dict[str, Any]:
    context = _cart_context(request, shop, cart_get(request, shop))
    context["form"] = form
    return context


def _rate_limited(request: HttpRequest) -> bool:
    if not request.session.session_key:
        request.session.save()
    by_session = is_ratelimited(
        request,
        group="shop-place-order-session",
        key=lambda group, req: req.session.session_key or "",
        rate=settings.SHOP_ORDER_RATE_PER_SESSION,
        method="POST",
        increment=True,
    )
    by_ip = is_ratelimited(
        request,
        group="shop-place-order-ip",
        key="ip",
        rate=settings.SHOP_ORDER_RATE_PER_IP,
        method="POST",
        increment=True,
    )
    if by_session or by_ip:
        logger.warning("shop_order_rate_limited", extra={"by_session": by_session})
    return bool(by_session or by_ip)


def _field_names(error: ValidationError) -> ValidationError:
    """The domain's ``billing_address.phone`` / ``shipping_address.city`` as the form's
    ``phone`` / ``city``; ``delivery_method_id`` as ``delivery``."""
    if not hasattr(error, "error_dict"):
        return error
    renamed: dict[str, list[ValidationError]] = {}
    for name, errors in error.error_dict.items():
        field = name.split(".", 1)[1] if "." in name else name
        field = {
            "first_name": "name",
            "delivery_method_id": "delivery",
            "delivery_method": "delivery",
            "shipping_method": "delivery",
            "payment_method": "payment",
        }.get(field, field)
        renamed.setdefault(field, []).extend(errors)
    return ValidationError(renamed)


def _place(request: HttpRequest, shop: Any, checkout: Any, data: dict[str, Any]) -> str:
    """Set the buyer, the delivery and the payment on the cart's checkout, then place the
    order (pay at pickup) or start the payment (Midtrans); returns where to go next."""
    pickup = data["delivery"] == PICKUP
    point: Warehouse | None = None
    if pickup:
        point = (
            pickup_points_for_channel(channel=shop.channel).filter(pk=data["pickup_point"]).first()
        )
        if point is None:
            raise ValidationError({"pickup_point": _("Choose a pickup point.")})
        address = {
            "street_address_1": point.street_address or shop.address or shop.name,
            "village": point.village_id,
            "postal_code": point.postal_code or point.village.postal_code,
        }
    else:
        address = {name: data[name] for name in CheckoutForm.ADDRESS_FIELDS}
        address["village"] = shop.village_id if shop.village_id else None
    name = data["name"].strip()
    first, _space, last = name.partition(" ")
    address.update(first_name=first, last_name=last, phone=data["phone"])
    with transaction.atomic():
        if data["email"]:
            checkout = checkout_services.checkout_email_update(
                checkout=checkout, email=data["email"]
            )
        checkout = checkout_services.checkout_billing_address_update(
            checkout=checkout, address=address
        )
        if pickup:
            checkout = checkout_services.checkout_delivery_method_update(
                checkout=checkout, collection_point=point
            )
        else:
            method = _hub_courier(shop)
            checkout = checkout_services.checkout_shipping_address_update(
                checkout=checkout, address=address
            )
            checkout = checkout_services.checkout_delivery_method_update(
                checkout=checkout, shipping_method=method
            )
        if data["payment"] == PAY_AT_PICKUP:
            order = checkout_services.checkout_complete(
                checkout=checkout, payment_mode="pay_at_pickup"
            )
            access.remember_order(request, order)
            cart_remember(request, shop, None)
            return reverse("web:order", args=[shop.slug, order.pk])
    return_url = request.build_absolute_uri(
        reverse("web:payment-return", args=[shop.slug, data["place_token"]])
    )
    try:
        tx = transaction_initialize(
            checkout=checkout,
            method=data["payment"],
            redirect_url=return_url,
            idempotency_key=f"shop-{data['place_token']}",
        )
    except GatewayError:  # pragma: no cover - the service turns these into errors
        raise ValidationError({"payment": _("The payment could not be started.")}) from None
    access.remember_payment(request, tx)
    page = reverse("web:payment", args=[shop.slug, tx.pk])
    if tx.method == "snap" and tx.data.get("redirect_url"):
        return str(tx.data["redirect_url"])
    return page


def _transaction_for(request: HttpRequest, shop: Any, transaction_id: uuid.UUID) -> Any:
    tx = TransactionItem.objects.filter(pk=transaction_id).first()
    if tx is None or not access.can_see_payment(request, tx):
        raise Http404("No such payment.")
    return tx


def payment(request: HttpRequest, hub_slug: str, transaction_id: uuid.UUID) -> HttpResponse:
    """``/<hub>/bayar/<id>/``: the QRIS code or the VA number, until the payment settles;
    each load asks Midtrans (Get Status) about a payment still waiting."""
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    tx = _transaction_for(request, shop, transaction_id)
    if tx.order_id is None and tx.status in ("", "pending"):
        try:
            tx = transaction_process(transaction=tx)
        except ValidationError:
            logger.info("shop_payment_status_unavailable", extra={"transaction_id": str(tx.pk)})
    state = payment_state(tx)
    if tx.order_id is not None:
        order = Order.objects.get(pk=tx.order_id)
        access.remember_order(request, order)
        cart_remember(request, shop, None)
        return HttpResponseRedirect(reverse("web:order", args=[shop.slug, order.pk]))
    qr_string = tx.data.get("qr_string") if isinstance(tx.data, dict) else None
    return render(
        request,
        "web/shop/payment.html",
        {
            "hub": shop,
            "tx": tx,
            "state": state,
            "qris_svg": qr_svg(qr_string, title=_("QRIS code")) if qr_string else None,
        },
    )


@require_GET
def payment_return(request: HttpRequest, hub_slug: str, place_token: uuid.UUID) -> HttpResponse:
    """Where Midtrans' Snap page sends the buyer back: the payment started with this
    form's token (the buyer's own), whose page asks Get Status."""
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    tx = (
        TransactionItem.objects.filter(idempotency_key=f"shop-{place_token}")
        .order_by("-created_at")
        .first()
    )
    if tx is None or not access.can_see_payment(request, tx):
        raise Http404("No such payment.")
    return HttpResponseRedirect(reverse("web:payment", args=[shop.slug, tx.pk]))


@require_GET
def payment_status(request: HttpRequest, hub_slug: str, transaction_id: uuid.UUID) -> JsonResponse:
    """What the payment page's script polls: ``{"state": "pending"|"paid"|"failed",
    "next": url}``; reads only."""
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    tx = _transaction_for(request, shop, transaction_id)
    state = payment_state(tx)
    next_url = reverse("web:payment", args=[shop.slug, tx.pk])
    return JsonResponse({"state": state, "next": next_url})


def order(request: HttpRequest, hub_slug: str, order_id: uuid.UUID) -> HttpResponse:
    """``/<hub>/pesanan/<token>/``: the buyer's order: status, pickup code (large and as a
    QR code), the hub's address, opening hours, a map link, a WhatsApp link."""
    shop = hub_for_shop(slug=hub_slug, user=request.user)
    found = access.order_for_visitor(request, order_id=order_id, hub=shop)
    return render(request, "web/shop/order.html", order_page_context(request, shop, found))
