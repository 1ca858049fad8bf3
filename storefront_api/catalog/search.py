"""Lumbung's additions to product search, which Saleor clients can ignore: the facets and
"did you mean" of a ``products`` result, and search-as-you-type suggestions. All of it
comes from ``marketplace.catalog.search``, as the shop's pages get it."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import search as catalog_search
from marketplace.catalog.search.facets import Facets
from storefront_api.core.ids import global_id


class FacetCount(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the category or cooperative.")
    name = graphene.String(required=True, description="Its name.")
    count = graphene.Int(required=True, description="Products of the result in it.")


class PriceBandCount(graphene.ObjectType):
    minimum = graphene.Int(required=True, description="Lowest price of the band (IDR).")
    maximum = graphene.Int(description="Price the band stops below (IDR); null: no limit.")
    count = graphene.Int(required=True, description="Products whose cheapest size is in it.")


class PermitCounts(graphene.ObjectType):
    halal = graphene.Int(required=True, description="Products with a valid halal certificate.")
    pirt = graphene.Int(required=True, description="Products with a P-IRT number.")


class ProductFacets(graphene.ObjectType):
    categories = graphene.NonNull(graphene.List(graphene.NonNull(FacetCount)))
    cooperatives = graphene.NonNull(graphene.List(graphene.NonNull(FacetCount)))
    price_bands = graphene.NonNull(graphene.List(graphene.NonNull(PriceBandCount)))
    permits = graphene.NonNull(PermitCounts)
    in_stock = graphene.Int(required=True, description="Products with a size in stock.")

    class Meta:
        description = "Lumbung: how many products of a result fall in each group."

    @staticmethod
    def resolve_categories(root: Facets, info: Any) -> list[Any]:
        return [FacetCount(id=global_id("Category", f.id), name=f.name, count=f.count)
                for f in root.categories]  # fmt: skip

    @staticmethod
    def resolve_cooperatives(root: Facets, info: Any) -> list[Any]:
        return [FacetCount(id=global_id("Cooperative", f.id), name=f.name, count=f.count)
                for f in root.cooperatives]  # fmt: skip

    @staticmethod
    def resolve_price_bands(root: Facets, info: Any) -> list[Any]:
        return [PriceBandCount(minimum=b.minimum, maximum=b.maximum, count=b.count)
                for b in root.price_bands]  # fmt: skip

    @staticmethod
    def resolve_permits(root: Facets, info: Any) -> PermitCounts:
        return PermitCounts(halal=root.halal, pirt=root.pirt)


def resolve_facets(root: Any, info: Any) -> Facets | None:
    """The facets of the connection's whole result (every page), or null outside
    ``products``."""
    queryset = getattr(root, "search_queryset", None)
    if queryset is None:
        return None
    return catalog_search.search_facets(
        queryset,
        channel=getattr(root, "search_channel", None),
        text=getattr(root, "search_text", None) or "",
    )


def resolve_did_you_mean(root: Any, info: Any) -> str | None:
    text = getattr(root, "search_text", None)
    return catalog_search.did_you_mean(text) if text else None


class SearchQueries(graphene.ObjectType):
    search_suggestions = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)),
        text=graphene.String(required=True, description="What has been typed so far."),
        first=graphene.Int(default_value=8, description="How many suggestions, at most 20."),
        description="Lumbung: completions of a partly typed product search.",
    )

    @staticmethod
    def resolve_search_suggestions(root: Any, info: Any, text: str, first: int = 8) -> list[str]:
        return catalog_search.suggestions(text, limit=max(0, min(first, 20)))
