"""Batch loaders of the voucher types (per request, see core.dataloaders)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from marketplace.discounts.models import (
    Voucher,
    VoucherChannelListing,
    VoucherCode,
    VoucherTranslation,
)
from storefront_api.core.dataloaders import BaseLoader


class VoucherByIdLoader(BaseLoader[int, Voucher | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Voucher | None]:
        rows = Voucher.objects.select_related("village_hub", "cooperative").in_bulk(keys)
        return [rows.get(key) for key in keys]


class CodesByVoucherIdLoader(BaseLoader[int, list[VoucherCode]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[VoucherCode]]:
        groups: dict[int, list[VoucherCode]] = defaultdict(list)
        for code in VoucherCode.objects.filter(voucher_id__in=keys).order_by("created_at", "pk"):
            groups[code.voucher_id].append(code)
        return [groups.get(key, []) for key in keys]


class ListingsByVoucherIdLoader(BaseLoader[int, list[VoucherChannelListing]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[VoucherChannelListing]]:
        groups: dict[int, list[VoucherChannelListing]] = defaultdict(list)
        rows = VoucherChannelListing.objects.filter(voucher_id__in=keys).select_related("channel")
        for listing in rows.order_by("pk"):
            groups[listing.voucher_id].append(listing)
        return [groups.get(key, []) for key in keys]


class TranslationsByVoucherIdLoader(BaseLoader[int, list[VoucherTranslation]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[VoucherTranslation]]:
        groups: dict[int, list[VoucherTranslation]] = defaultdict(list)
        for row in VoucherTranslation.objects.filter(voucher_id__in=keys):
            groups[row.voucher_id].append(row)
        return [groups.get(key, []) for key in keys]
