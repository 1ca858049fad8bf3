"""Batch loaders of users and addresses (per request, see core.dataloaders)."""

from __future__ import annotations

from collections.abc import Sequence

from marketplace.accounts.models import Address, User
from storefront_api.core.dataloaders import BaseLoader, by_pk


class AddressByIdLoader(BaseLoader[int, Address | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Address | None]:
        return by_pk(Address.objects.filter(pk__in=keys), keys)


class UserByIdLoader(BaseLoader[int, User | None]):
    def batch_load(self, keys: Sequence[int]) -> list[User | None]:
        return by_pk(list(User.objects.filter(pk__in=keys)), keys)
