"""Batch loaders of checkouts and addresses (per request, see core.dataloaders)."""

from __future__ import annotations

from collections.abc import Sequence

from marketplace.accounts.models import Address
from marketplace.checkout.models import Checkout
from storefront_api.checkout.utils import CHECKOUT_RELATED
from storefront_api.core.dataloaders import BaseLoader, by_pk


class AddressByIdLoader(BaseLoader[int, Address | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Address | None]:
        return by_pk(Address.objects.filter(pk__in=keys), keys)


class CheckoutByIdLoader(BaseLoader[object, Checkout | None]):
    def batch_load(self, keys: Sequence[object]) -> list[Checkout | None]:
        rows = Checkout.objects.select_related(*CHECKOUT_RELATED).filter(pk__in=keys)
        return by_pk(rows, keys)
