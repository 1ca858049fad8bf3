"""Storefront-facing catalog fields in Saleor's shapes: prices (``TaxedMoney``),
availability, quantity available, selected attributes and the default-channel rule.

Prices come from the variants' channel listings in the channel the product was asked
for in (``channel_slug``); taxes from :func:`marketplace.catalog.pricing.taxed_price`.
No discounts exist yet: undiscounted prices equal prices and ``onSale`` is false.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import graphene
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.catalog.pricing import TaxedPrice, taxed_price
from marketplace.channels.models import Channel as ChannelModel
from storefront_api.catalog.dataloaders import (
    AssignedValuesByProductIdLoader,
    AssignedValuesByVariantIdLoader,
    AvailableQuantityByVariantAndChannelLoader,
    ProductChannelListingsByProductIdLoader,
    VariantListingsByProductIdLoader,
)
from storefront_api.channels.dataloaders import ChannelBySlugLoader
from storefront_api.core.connection import (
    CountableConnection,
    decode_cursor,
    encode_cursor,
    validate_connection_args,
)
from storefront_api.core.dataloaders import by_id, remember_siblings
from storefront_api.core.types import TaxedMoney, TaxedMoneyRange

PRIOR_DESCRIPTION = "The price before the current one (Lumbung keeps no history: null)."
LOCAL_CURRENCY = "The amount in a local currency (Lumbung sells in rupiah only: null)."
ALWAYS_NULL = "Always returns `null`."


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean(description="Whether it is in sale or not.")
    discount = graphene.Field(TaxedMoney, description="The discount amount if in sale.")
    display_gross_prices = graphene.Boolean(
        required=True, description="Determines whether displayed prices should include taxes."
    )
    price_range = graphene.Field(
        TaxedMoneyRange, description="The discounted price range of the product variants."
    )
    price_range_undiscounted = graphene.Field(
        TaxedMoneyRange, description="The undiscounted price range of the product variants."
    )
    # Lumbung keeps no price history (Saleor's prior prices) and one currency: always null
    discount_prior = graphene.Field(TaxedMoney, description=PRIOR_DESCRIPTION)
    price_range_prior = graphene.Field(TaxedMoneyRange, description=PRIOR_DESCRIPTION)
    discount_local_currency = graphene.Field(
        TaxedMoney, description=LOCAL_CURRENCY, deprecation_reason=ALWAYS_NULL
    )
    price_range_local_currency = graphene.Field(
        TaxedMoneyRange, description=LOCAL_CURRENCY, deprecation_reason=ALWAYS_NULL
    )

    class Meta:
        description = "Represents product's pricing in a channel."


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean(description="Whether it is in sale or not.")
    discount = graphene.Field(TaxedMoney, description="The discount amount if in sale.")
    price = graphene.Field(TaxedMoney, description="The price, with any discount subtracted.")
    price_undiscounted = graphene.Field(TaxedMoney, description="The price without any discount.")
    # no price history nor local currencies: always null
    discount_prior = graphene.Field(TaxedMoney, description=PRIOR_DESCRIPTION)
    price_prior = graphene.Field(TaxedMoney, description=PRIOR_DESCRIPTION)
    discount_local_currency = graphene.Field(
        TaxedMoney, description=LOCAL_CURRENCY, deprecation_reason=ALWAYS_NULL
    )
    price_local_currency = graphene.Field(
        TaxedMoney, description=LOCAL_CURRENCY, deprecation_reason=ALWAYS_NULL
    )

    class Meta:
        description = "Represents availability of a variant in the storefront."


def taxed_money(price: TaxedPrice) -> dict[str, Any]:
    return {
        "currency": price.currency,
        "gross": {"amount": price.gross, "currency": price.currency},
        "net": {"amount": price.net, "currency": price.currency},
        "tax": {"amount": price.tax, "currency": price.currency},
    }


# --- channel of a request ----------------------------------------------------------------


def default_channel_slug() -> str:
    """Saleor's rule for a missing ``channel`` argument: the only channel, else the only
    active one; otherwise a GraphQL error."""
    channels = list(ChannelModel.objects.values_list("slug", "is_active")[:2])
    if len(channels) == 1:
        return channels[0][0]
    if not channels:
        raise GraphQLError(_("A default channel does not exist."))
    active = list(ChannelModel.objects.filter(is_active=True).values_list("slug", flat=True)[:2])
    if len(active) == 1:
        return active[0]
    raise GraphQLError(_("More than one channel exists. Specify which channel to use."))


def channel_of(info: graphene.ResolveInfo, obj: Any) -> ChannelModel | None:
    slug = getattr(obj, "channel_slug", None)
    if not slug:
        return None
    return ChannelBySlugLoader(info.context).load(slug)


def _product_listing(info: graphene.ResolveInfo, product: Any, channel: ChannelModel) -> Any:
    listings = ProductChannelListingsByProductIdLoader(info.context).load_from(product, key=by_id)
    channel_id = channel.pk
    return next((listing for listing in listings if listing.channel_id == channel_id), None)


def _published(listing: Any) -> bool:
    return bool(
        listing is not None
        and listing.is_published
        and (listing.published_at is None or listing.published_at <= timezone.now())
    )


def _available_for_purchase(listing: Any) -> bool:
    at = None if listing is None else listing.available_for_purchase_at
    return at is not None and at <= timezone.now()


# --- product fields ----------------------------------------------------------------------


def resolve_product_pricing(info: graphene.ResolveInfo, product: Any) -> dict[str, Any] | None:
    channel = channel_of(info, product)
    if channel is None or not _published(_product_listing(info, product, channel)):
        return None
    listings = VariantListingsByProductIdLoader(info.context).load_from(product, key=by_id)
    channel_id = channel.pk
    prices = sorted(
        int(listing.price_amount)
        for listing in listings
        if listing.channel_id == channel_id and listing.price_amount is not None
    )
    price_range = None
    if prices:
        currency = channel.currency_code
        start = taxed_money(taxed_price(amount=prices[0], currency=currency))
        # one price (a product with one variant): the same bounds, computed once
        same = prices[-1] == prices[0]
        stop = start if same else taxed_money(taxed_price(amount=prices[-1], currency=currency))
        price_range = {"start": start, "stop": stop}
    return {
        "on_sale": False,
        "discount": None,
        "display_gross_prices": True,
        "price_range": price_range,
        "price_range_undiscounted": price_range,
    }


def resolve_is_available_for_purchase(info: graphene.ResolveInfo, product: Any) -> bool | None:
    channel = channel_of(info, product)
    if channel is None:
        return None
    return _available_for_purchase(_product_listing(info, product, channel))


def resolve_available_for_purchase_at(info: graphene.ResolveInfo, product: Any) -> Any:
    channel = channel_of(info, product)
    if channel is None:
        return None
    listing = _product_listing(info, product, channel)
    return None if listing is None else listing.available_for_purchase_at


def resolve_product_is_available(
    info: graphene.ResolveInfo, product: Any, variants: Sequence[Any]
) -> bool | None:
    """Saleor's ``isAvailable``: available for purchase in the channel and some variant has
    units to sell (variants without inventory tracking always do)."""
    channel = channel_of(info, product)
    if channel is None:
        return None
    if not _available_for_purchase(_product_listing(info, product, channel)):
        return False
    loader = AvailableQuantityByVariantAndChannelLoader(info.context)
    return any(
        not variant.track_inventory or loader.load_from(variant, key=lambda v: (v.pk, channel.pk))
        for variant in variants
    )


# --- variant fields ----------------------------------------------------------------------


def resolve_variant_pricing(
    info: graphene.ResolveInfo, variant: Any, product: Any
) -> dict[str, Any] | None:
    channel = channel_of(info, variant)
    if channel is None or not _published(_product_listing(info, product, channel)):
        return None
    listings = VariantListingsByProductIdLoader(info.context).load_from(product, key=by_id)
    listing = next(
        (
            row
            for row in listings
            if row.variant_id == variant.pk
            and row.channel_id == channel.pk
            and row.price_amount is not None
        ),
        None,
    )
    if listing is None:
        return None
    price = taxed_money(taxed_price(amount=listing.price_amount, currency=channel.currency_code))
    return {"on_sale": False, "discount": None, "price": price, "price_undiscounted": price}


def quantity_limit() -> int:
    """Saleor caps ``quantityAvailable`` at the per-checkout line limit."""
    return int(settings.MAX_CHECKOUT_LINE_QUANTITY)


def resolve_quantity_available(info: graphene.ResolveInfo, variant: Any) -> int | None:
    channel = channel_of(info, variant)
    if channel is None:
        return None
    if not variant.track_inventory:
        return quantity_limit()
    available = AvailableQuantityByVariantAndChannelLoader(info.context).load_from(
        variant, key=lambda v: (v.pk, channel.pk)
    )
    return max(min(available, quantity_limit()), 0)


# --- selected attributes -----------------------------------------------------------------


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(
        lambda: _attribute_type(),
        required=True,
        description="Name of an attribute displayed in the interface.",
    )
    values = graphene.List(
        graphene.NonNull(lambda: _attribute_value_type()),
        required=True,
        description="Values of an attribute.",
    )

    class Meta:
        description = "Represents a custom attribute."


def _attribute_type() -> Any:
    from storefront_api.catalog.types.attributes import Attribute

    return Attribute


def _attribute_value_type() -> Any:
    from storefront_api.catalog.types.attributes import AttributeValue

    return AttributeValue


def selected_attributes(assigned: Sequence[Any]) -> list[dict[str, Any]]:
    """Assigned values grouped by attribute, in the order they come."""
    groups: dict[int, dict[str, Any]] = {}
    for row in assigned:
        attribute = row.value.attribute
        group = groups.setdefault(attribute.pk, {"attribute": attribute, "values": []})
        group["values"].append(row.value)
    return list(groups.values())


def resolve_product_attributes(info: graphene.ResolveInfo, product: Any) -> list[dict[str, Any]]:
    rows = AssignedValuesByProductIdLoader(info.context).load_from(product, key=lambda p: p.pk)
    return selected_attributes(rows)


def resolve_variant_attributes(
    info: graphene.ResolveInfo, variant: Any, variant_selection: Any = None
) -> list[dict[str, Any]]:
    rows = AssignedValuesByVariantIdLoader(info.context).load_from(variant, key=lambda v: v.pk)
    scope = getattr(variant_selection, "value", variant_selection)
    if scope == "variant_selection":
        rows = [row for row in rows if row.variant_selection]
    elif scope == "not_variant_selection":
        rows = [row for row in rows if not row.variant_selection]
    return selected_attributes(rows)


# --- a connection over an already loaded list --------------------------------------------


def list_connection(
    items: Sequence[Any],
    info: graphene.ResolveInfo,
    args: dict[str, Any],
    connection_type: type[CountableConnection],
    *,
    prepare: Callable[[Any], Any] | None = None,
) -> CountableConnection:
    """A page of ``items`` (loaded in batch by a loader) with positional cursors."""
    validate_connection_args(info, args, 100)
    start, end = 0, len(items)
    if args.get("after"):
        start = int(decode_cursor(args["after"], 1)[0]) + 1
    if args.get("before"):
        end = int(decode_cursor(args["before"], 1)[0])
    first, last = args.get("first"), args.get("last")
    window = list(range(start, max(end, start)))
    if first is not None:
        page = window[:first]
        has_next, has_previous = len(window) > first, start > 0
    else:
        page = window[-last:] if last else []
        has_next, has_previous = end < len(items), len(window) > (last or 0)
    nodes = [prepare(items[i]) if prepare else items[i] for i in page]
    remember_siblings(info.context, nodes)
    edges = [
        connection_type.Edge(node=node, cursor=encode_cursor([index]))
        for index, node in zip(page, nodes, strict=True)
    ]
    connection = connection_type(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
    connection.count_total = lambda: len(items)
    return connection
