"""Creating and editing a product in four steps, one section per page:

1. details (name, kind, category, producer, description) — the product is created here,
   unpublished, so leaving midway keeps the work as a draft;
2. sizes (for a type with the size/weight attribute: tick the sizes, a price per hub for
   each) or, for other types, one price per hub;
3. photos, through ``catalog.services.product_media_create`` (Pillow checks, EXIF gone);
4. where it is sold: published per hub, stock per pickup point.

Every write goes through the catalog and warehouse services; their refusals are shown
next to the field they concern and nothing is changed (each step is one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalog import images
from marketplace.catalog.attributes import AttributeInput
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Product,
    ProductChannelListing,
    ProductVariant,
)
from marketplace.catalog.platform_types import SIZE_ATTRIBUTE_SLUG
from marketplace.catalog.services import (
    ProductChannelListingInput,
    VariantChannelListingInput,
    product_channel_listing_update,
    product_create,
    product_media_create,
    product_update,
    product_variant_channel_listing_update,
    product_variant_create,
    product_variant_delete,
)
from marketplace.imports.products import description_document
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import product_variant_stocks_update
from web.backoffice.access import cooperative_for_staff
from web.backoffice.forms import PhotoForm, PriceField, ProductDetailsForm, QuantityField
from web.core.forms import add_validation_errors

THUMBNAIL_SIZE = 256


def _product(cooperative: Cooperative, product_id: int) -> Product:
    """The cooperative's product; another cooperative's is a 404."""
    product = (
        Product.objects.select_related("product_type", "category", "producer")
        .filter(pk=product_id, cooperative=cooperative)
        .first()
    )
    if product is None:
        raise Http404("No such product.")
    return product


def _hubs(cooperative: Cooperative) -> list[VillageHub]:
    """The village hubs the cooperative supplies (where its products may be sold)."""
    return list(
        VillageHub.objects.filter(supplies__cooperative=cooperative)
        .select_related("channel")
        .order_by("name", "pk")
    )


def _step_url(name: str, cooperative: Cooperative, product: Product) -> str:
    return reverse(name, args=[cooperative.pk, product.pk])


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    context.setdefault("current", "products")
    return render(request, f"web/backoffice/{template}", context)


# --- 1. details --------------------------------------------------------------------------


@login_required(login_url="web:sign-in")
def details(
    request: HttpRequest, cooperative_id: int, product_id: int | None = None
) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    product = _product(cooperative, product_id) if product_id is not None else None
    initial = {}
    if product is not None:
        initial = {
            "name": product.name,
            "category": product.category,
            "producer": product.producer,
            "description": product.description_plaintext,
        }
    form = ProductDetailsForm(
        request.POST or None, initial=initial, cooperative=cooperative, creating=product is None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "category": data["category"],
            "producer": data["producer"],
            "description": description_document(data["description"]),
        }
        try:
            if product is None:
                product = product_create(
                    product_type=data["product_type"], cooperative=cooperative, **fields
                )
            else:
                product = product_update(product=product, **fields)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Saved. Next: the sizes and prices."))
            return HttpResponseRedirect(
                _step_url("web:backoffice-product-sizes", cooperative, product)
            )
    return _render(
        request,
        "product_details.html",
        {"cooperative": cooperative, "product": product, "form": form, "step": 1},
    )


# --- 2. sizes and prices -----------------------------------------------------------------


@dataclass
class _SizeRow:
    key: str  # the size value's id, or "0" for a product type without sizes
    label: str
    value: AttributeValue | None
    variant: ProductVariant | None
    tick: forms.BoundField | None
    prices: list[tuple[VillageHub, forms.BoundField]]


def _size_attribute(product: Product) -> Attribute | None:
    return product.product_type.variant_attributes.filter(slug=SIZE_ATTRIBUTE_SLUG).first()


def _variants_by_size(product: Product) -> dict[int, ProductVariant]:
    """The product's variants by the id of their size value."""
    found: dict[int, ProductVariant] = {}
    for variant in product.variants.prefetch_related("attribute_values", "channel_listings"):
        for assignment in variant.attribute_values.all():
            found.setdefault(assignment.value_id, variant)
    return found


@login_required(login_url="web:sign-in")
def sizes(request: HttpRequest, cooperative_id: int, product_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    product = _product(cooperative, product_id)
    hubs = _hubs(cooperative)
    attribute = _size_attribute(product)
    choices: list[tuple[str, str, AttributeValue | None, ProductVariant | None]]
    if attribute is not None:
        by_size = _variants_by_size(product)
        choices = [
            (str(value.pk), value.name, value, by_size.get(value.pk))
            for value in attribute.values.order_by("sort_order", "pk")
        ]
    else:
        first = product.variants.prefetch_related("channel_listings").first()
        choices = [("0", product.name, None, first)]
    form = forms.Form(request.POST or None)
    for key, label, _value, variant in choices:
        prices = {}
        if variant is not None:
            prices = {
                listing.channel_id: int(listing.price_amount)
                for listing in variant.channel_listings.all()
            }
        if attribute is not None:
            form.fields[f"size_{key}"] = forms.BooleanField(
                label=label, required=False, initial=variant is not None
            )
        for hub in hubs:
            form.fields[f"price_{key}_{hub.pk}"] = PriceField(
                label=_("Price in %(hub)s") % {"hub": hub.name},
                required=False,
                initial=prices.get(hub.channel_id),
            )
    if request.method == "POST" and form.is_valid():
        _sizes_save(form, product, attribute, choices, hubs)
        if not form.errors:
            messages.success(request, _("Saved. Next: a photo."))
            return HttpResponseRedirect(
                _step_url("web:backoffice-product-photo", cooperative, product)
            )
    rows = [
        _SizeRow(
            key=key,
            label=label,
            value=value,
            variant=variant,
            tick=form[f"size_{key}"] if attribute is not None else None,
            prices=[(hub, form[f"price_{key}_{hub.pk}"]) for hub in hubs],
        )
        for key, label, value, variant in choices
    ]
    return _render(
        request,
        "product_sizes.html",
        {
            "cooperative": cooperative,
            "product": product,
            "form": form,
            "rows": rows,
            "hubs": hubs,
            "has_sizes": attribute is not None,
            "step": 2,
        },
    )


def _sizes_save(
    form: forms.Form,
    product: Product,
    attribute: Attribute | None,
    choices: list[tuple[str, str, AttributeValue | None, ProductVariant | None]],
    hubs: list[VillageHub],
) -> None:
    """Create, price and remove the variants as ticked; on any refusal nothing changes."""
    wanted = []
    for key, _label, value, variant in choices:
        ticked = attribute is None or form.cleaned_data[f"size_{key}"]
        prices = {hub: form.cleaned_data[f"price_{key}_{hub.pk}"] for hub in hubs}
        if ticked and not any(price is not None for price in prices.values()) and hubs:
            form.add_error(
                f"price_{key}_{hubs[0].pk}", _("Give this size a price in at least one hub.")
            )
        wanted.append((ticked, value, variant, prices))
    if attribute is not None and not any(ticked for ticked, *_rest in wanted):
        form.add_error(None, _("Tick at least one size to sell."))
    if form.errors:
        return
    try:
        with transaction.atomic():
            listed = set(
                ProductChannelListing.objects.filter(product=product).values_list(
                    "channel_id", flat=True
                )
            )
            missing = [
                ProductChannelListingInput(channel=hub.channel)
                for hub in hubs
                if hub.channel_id not in listed
                and any(ticked and prices[hub] is not None for ticked, _v, _x, prices in wanted)
            ]
            if missing:
                product_channel_listing_update(product=product, update_channels=missing)
            for ticked, value, variant, prices in wanted:
                if not ticked:
                    if variant is not None:
                        product_variant_delete(variant=variant)
                    continue
                if variant is None:
                    variant = product_variant_create(
                        product=product,
                        name=value.name if value is not None else "",
                        attributes=[AttributeInput(attribute=attribute, value_ids=(value.pk,))]
                        if attribute is not None and value is not None
                        else (),
                    )
                product_variant_channel_listing_update(
                    variant=variant,
                    update_channels=[
                        VariantChannelListingInput(channel=hub.channel, price=price)
                        for hub, price in prices.items()
                        if price is not None
                    ],
                    remove_channels=[hub.channel for hub, price in prices.items() if price is None],
                )
    except ValidationError as error:
        add_validation_errors(form, error)


# --- 3. photos ---------------------------------------------------------------------------


@login_required(login_url="web:sign-in")
def photo(request: HttpRequest, cooperative_id: int, product_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    product = _product(cooperative, product_id)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product_media_create(
                product=product,
                uploaded_file=form.cleaned_data["photo"],
                alt=form.cleaned_data["alt"] or product.name,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "image" in error.error_dict:
                error = ValidationError({"photo": error.error_dict["image"]})
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The photo is saved."))
            return HttpResponseRedirect(
                _step_url("web:backoffice-product-photo", cooperative, product)
            )
    size = images.thumbnail_size_for(THUMBNAIL_SIZE)
    photos = [
        (media, reverse("thumbnail-format", args=[str(media.pk), size, "webp"]))
        for media in product.media.order_by("sort_order", "pk")
    ]
    return _render(
        request,
        "product_photo.html",
        {
            "cooperative": cooperative,
            "product": product,
            "form": form,
            "photos": photos,
            "step": 3,
        },
    )


# --- 4. where it is sold -----------------------------------------------------------------


@login_required(login_url="web:sign-in")
def selling(request: HttpRequest, cooperative_id: int, product_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    product = _product(cooperative, product_id)
    hubs = _hubs(cooperative)
    listings = {listing.channel_id: listing for listing in product.channel_listings.all()}
    variants = list(product.variants.prefetch_related("stocks").order_by("sort_order", "pk"))
    points = {
        hub.pk: list(Warehouse.objects.filter(village_hub=hub).order_by("name", "pk"))
        for hub in hubs
    }
    form = forms.Form(request.POST or None)
    for hub in hubs:
        listing = listings.get(hub.channel_id)
        form.fields[f"publish_{hub.pk}"] = forms.BooleanField(
            label=_("Sell in %(hub)s") % {"hub": hub.name},
            required=False,
            initial=bool(listing and listing.is_published),
        )
        for point in points[hub.pk]:
            for variant in variants:
                quantity = next(
                    (s.quantity for s in variant.stocks.all() if s.warehouse_id == point.pk), 0
                )
                form.fields[f"stock_{variant.pk}_{point.pk}"] = QuantityField(
                    label=_("Stock of %(size)s at %(point)s")
                    % {"size": variant.name or product.name, "point": point.name},
                    initial=quantity,
                )
    if request.method == "POST" and form.is_valid():
        _selling_save(form, product, hubs, listings, variants, points)
        if not form.errors:
            messages.success(request, _("Saved. The product is ready."))
            return HttpResponseRedirect(reverse("web:backoffice-products", args=[cooperative.pk]))
    sections = [
        (
            hub,
            form[f"publish_{hub.pk}"],
            hub.channel_id in listings,
            [
                (point, [form[f"stock_{variant.pk}_{point.pk}"] for variant in variants])
                for point in points[hub.pk]
            ],
        )
        for hub in hubs
    ]
    return _render(
        request,
        "product_selling.html",
        {
            "cooperative": cooperative,
            "product": product,
            "form": form,
            "sections": sections,
            "variants": variants,
            "step": 4,
        },
    )


def _selling_save(
    form: forms.Form,
    product: Product,
    hubs: list[VillageHub],
    listings: dict[int, ProductChannelListing],
    variants: list[ProductVariant],
    points: dict[int, list[Warehouse]],
) -> None:
    updates = []
    now = timezone.now()
    for hub in hubs:
        publish = form.cleaned_data[f"publish_{hub.pk}"]
        listing = listings.get(hub.channel_id)
        if listing is None:
            if publish:
                form.add_error(
                    f"publish_{hub.pk}", _("Give the product a price in this hub first (step 2).")
                )
            continue
        updates.append(
            ProductChannelListingInput(
                channel=hub.channel,
                is_published=publish,
                visible_in_listings=True if publish else None,
                available_for_purchase_at=now
                if publish and listing.available_for_purchase_at is None
                else None,
            )
        )
    if form.errors:
        return
    try:
        with transaction.atomic():
            if updates:
                product_channel_listing_update(product=product, update_channels=updates)
            for variant in variants:
                stocks = [
                    (point, form.cleaned_data[f"stock_{variant.pk}_{point.pk}"])
                    for hub in hubs
                    for point in points[hub.pk]
                    if form.cleaned_data[f"stock_{variant.pk}_{point.pk}"] is not None
                ]
                try:
                    product_variant_stocks_update(variant=variant, stocks=stocks)
                except ValidationError as error:
                    _stock_error_to_field(form, error, variant, stocks)
                    raise
    except ValidationError as error:
        if not form.errors:
            add_validation_errors(form, error)


def _stock_error_to_field(
    form: forms.Form,
    error: ValidationError,
    variant: ProductVariant,
    stocks: list[tuple[Warehouse, int]],
) -> None:
    """Put the stock service's refusal (``params["index"]``) next to its quantity field."""
    for errors in getattr(error, "error_dict", {}).values():
        for item in errors:
            index = (item.params or {}).get("index")
            if index is not None and index < len(stocks):
                form.add_error(f"stock_{variant.pk}_{stocks[index][0].pk}", item.messages[0])
                return
