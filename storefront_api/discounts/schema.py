"""Voucher queries and mutations (Saleor's names).

``vouchers`` and ``voucher`` answer the vouchers the viewer manages: platform staff all
of them, hub operators their hubs', cooperative admins their cooperatives'. Anyone else
gets Saleor's ``PermissionDenied`` (``MANAGE_DISCOUNTS``).
"""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.discounts.selectors import vouchers_manageable_by
from storefront_api.core.connection import resolve_connection
from storefront_api.core.ids import decode_int_pk
from storefront_api.discounts.filters import filter_vouchers, sort_vouchers
from storefront_api.discounts.inputs import VoucherFilterInput, VoucherSortingInput
from storefront_api.discounts.mutations.voucher_catalogues import (
    VoucherAddCatalogues,
    VoucherRemoveCatalogues,
)
from storefront_api.discounts.mutations.voucher_channel_listing_update import (
    VoucherChannelListingUpdate,
)
from storefront_api.discounts.mutations.voucher_code_bulk_delete import VoucherCodeBulkDelete
from storefront_api.discounts.mutations.voucher_create import VoucherCreate
from storefront_api.discounts.mutations.voucher_translate import VoucherTranslate
from storefront_api.discounts.mutations.voucher_update import VoucherDelete, VoucherUpdate
from storefront_api.discounts.permissions import require_voucher_manager
from storefront_api.discounts.types import Voucher, VoucherContext, VoucherCountableConnection

CHANNEL_DESCRIPTION = "Slug of a channel for which the data should be returned."


def _manageable(info: graphene.ResolveInfo) -> Any:
    return vouchers_manageable_by(info.context.user).select_related("village_hub", "cooperative")


class DiscountQueries(graphene.ObjectType):
    voucher = graphene.Field(
        Voucher,
        id=graphene.ID(required=True, description="ID of the voucher."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Look up a voucher by ID. Requires a manager of the voucher.",
    )
    vouchers = graphene.ConnectionField(
        VoucherCountableConnection,
        filter=graphene.Argument(VoucherFilterInput, description="Filtering options for vouchers."),
        sort_by=graphene.Argument(VoucherSortingInput, description="Sort voucher."),
        query=graphene.String(
            description="Search vouchers.", deprecation_reason="Use `filter.search` input instead."
        ),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="List of the vouchers the requestor manages.",
    )

    @staticmethod
    def resolve_voucher(
        root: Any, info: graphene.ResolveInfo, id: str, channel: str | None = None
    ) -> Any:
        require_voucher_manager(info)
        voucher = _manageable(info).filter(pk=decode_int_pk(id, only_type="Voucher")).first()
        return VoucherContext(voucher=voucher, channel_slug=channel) if voucher else None

    @staticmethod
    def resolve_vouchers(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        require_voucher_manager(info)
        data = dict(args.get("filter") or {})
        if args.get("query") and not data.get("search"):
            data["search"] = args["query"]
        queryset = filter_vouchers(_manageable(info), data)
        queryset, order_by = sort_vouchers(queryset, args.get("sort_by"), args.get("channel"))
        connection = resolve_connection(
            queryset, info, args, VoucherCountableConnection, order_by=order_by
        )
        for edge in connection.edges:
            edge.node = VoucherContext(voucher=edge.node, channel_slug=args.get("channel"))
        return connection


class DiscountMutations(graphene.ObjectType):
    voucher_create = VoucherCreate.Field()
    voucher_update = VoucherUpdate.Field()
    voucher_delete = VoucherDelete.Field()
    voucher_channel_listing_update = VoucherChannelListingUpdate.Field()
    voucher_catalogues_add = VoucherAddCatalogues.Field()
    voucher_catalogues_remove = VoucherRemoveCatalogues.Field()
    voucher_code_bulk_delete = VoucherCodeBulkDelete.Field()
    voucher_translate = VoucherTranslate.Field()
