"""Batch loaders of checkouts (per request, see core.dataloaders)."""

from __future__ import annotations

from collections.abc import Sequence

from marketplace.checkout.models import Checkout
from storefront_api.checkout.utils import checkouts_with_relations
from storefront_api.core.dataloaders import BaseLoader, by_pk


class CheckoutByIdLoader(BaseLoader[object, Checkout | None]):
    def batch_load(self, keys: Sequence[object]) -> list[Checkout | None]:
        rows = checkouts_with_relations().filter(pk__in=keys)
        return by_pk(rows, keys)
