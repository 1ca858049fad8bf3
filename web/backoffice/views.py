"""The cooperative's back office: home and products.

Every page takes the cooperative from the address and checks it with
``web.backoffice.access.cooperative_for_staff`` (404 for anyone who does not manage it);
pages read through the domain's selectors.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from coop_reporting.rat import selectors as rat_selectors
from coop_reporting.sales import selectors as sales_selectors
from marketplace.catalog.models import Product, ProductChannelListing, ProductVariant
from marketplace.catalog.search import products_search
from marketplace.orders.models import OPEN_STATUSES, OrderLine
from marketplace.orders.selectors import orders_for_cooperative
from marketplace.village_hubs.selectors import cooperatives_managed_by
from web.backoffice.access import cooperative_for_staff

PRODUCTS_PER_PAGE = 20
ORDERS_ON_HOME = 20


@login_required(login_url="web:sign-in")
def choose(request: HttpRequest) -> HttpResponse:
    """Straight to the one cooperative a staff member works for; a list when several."""
    cooperatives = list(cooperatives_managed_by(request.user).order_by("name")[:201])
    if not cooperatives:
        raise Http404("No cooperative.")
    if len(cooperatives) == 1:
        return HttpResponseRedirect(reverse("web:backoffice-home", args=[cooperatives[0].pk]))
    return render(request, "web/backoffice/choose.html", {"cooperatives": cooperatives[:200]})


@login_required(login_url="web:sign-in")
def home(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    today = timezone.localdate()
    months = sales_selectors.cooperative_sales_by_month(cooperative, today.year)
    this_month = next((m for m in months if m.month.month == today.month), None)
    status = rat_selectors.cooperative_status(cooperative, today)
    waiting = (
        orders_for_cooperative(request.user)
        .filter(
            status__in=OPEN_STATUSES,
            pk__in=OrderLine.objects.filter(cooperative=cooperative).values("order_id"),
        )
        .select_related("channel")
    )
    orders = [
        # cooperative_lines: a Prefetch(to_attr=...) of orders_for_cooperative, which the
        # Django stubs cannot see
        (
            order,
            [
                line
                for line in order.cooperative_lines  # type: ignore[attr-defined]
                if line.cooperative_id == cooperative.pk
            ],
        )
        for order in waiting[:ORDERS_ON_HOME]
    ]
    context = {
        "orders": orders,
        "orders_waiting": waiting.count() if len(orders) == ORDERS_ON_HOME else len(orders),
        "cooperative": cooperative,
        "this_month": this_month,
        "flags": [
            (sales_selectors.flag_label(flag.kind), flag)
            for flag in sales_selectors.cooperative_open_flags(cooperative)
        ],
        "status": status,
        "current": "home",
    }
    return render(request, "web/backoffice/home.html", context)


@login_required(login_url="web:sign-in")
def products(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    query = request.GET.get("q", "").strip()[:100]
    queryset = (
        Product.objects.filter(cooperative=cooperative)
        .select_related("product_type")
        .only("pk", "name", "slug", "product_type__name", "cooperative_id")
        .prefetch_related(
            Prefetch(
                "variants",
                queryset=ProductVariant.objects.order_by("sort_order", "pk").prefetch_related(
                    "channel_listings__channel", "stocks"
                ),
            ),
            Prefetch(
                "channel_listings",
                queryset=ProductChannelListing.objects.select_related("channel"),
            ),
        )
    )
    if query:
        queryset = products_search(queryset, query)
    queryset = queryset.order_by("name", "pk")
    page = Paginator(queryset, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for product in page.object_list:
        variants = list(product.variants.all())
        rows.append(
            {
                "product": product,
                "variants": [
                    {
                        "name": variant.name,
                        "prices": [
                            (listing.channel.name, listing.price_amount)
                            for listing in variant.channel_listings.all()
                        ],
                        "stock": sum(stock.quantity for stock in variant.stocks.all()),
                    }
                    for variant in variants
                ],
                "published": [
                    (listing.channel.name, listing.is_published)
                    for listing in product.channel_listings.all()
                ],
            }
        )
    context = {
        "cooperative": cooperative,
        "page": page,
        "rows": rows,
        "query": query,
        "current": "products",
    }
    return render(request, "web/backoffice/products.html", context)
