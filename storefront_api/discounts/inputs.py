"""Inputs of the voucher API, named and shaped as Saleor's."""

from __future__ import annotations

import graphene

from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.core.enums import OrderDirection
from storefront_api.core.filter_inputs import DateTimeRangeInput, IntRangeInput
from storefront_api.discounts.enums import (
    DiscountStatusEnum,
    DiscountValueTypeEnum,
    VoucherDiscountType,
    VoucherSortField,
    VoucherTypeEnum,
)


class VoucherInput(graphene.InputObjectType):
    type = VoucherTypeEnum(description="Voucher type: PRODUCT, CATEGORY SHIPPING or ENTIRE_ORDER.")
    name = graphene.String(description="Voucher name.")
    code = graphene.String(
        description="Code to use the voucher.", deprecation_reason="Use `addCodes` instead."
    )
    add_codes = graphene.List(
        graphene.NonNull(graphene.String), description="List of codes to add."
    )
    start_date = graphene.DateTime(
        description="Start date of the voucher in ISO 8601 format (without an offset: in the "
        "voucher's hub's time zone)."
    )
    end_date = graphene.DateTime(description="End date of the voucher in ISO 8601 format.")
    discount_value_type = DiscountValueTypeEnum(description="Choices: fixed or percentage.")
    products = graphene.List(
        graphene.NonNull(graphene.ID), description="Products discounted by the voucher."
    )
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="Variants discounted by the voucher."
    )
    collections = graphene.List(
        graphene.NonNull(graphene.ID), description="Collections discounted by the voucher."
    )
    categories = graphene.List(
        graphene.NonNull(graphene.ID), description="Categories discounted by the voucher."
    )
    min_checkout_items_quantity = graphene.Int(
        description="Minimal quantity of checkout items required to apply the voucher."
    )
    countries = graphene.List(
        graphene.NonNull(graphene.String),
        description="Country codes that can be used with the shipping voucher.",
    )
    apply_once_per_order = graphene.Boolean(
        description="Voucher should be applied to the cheapest item or entire order."
    )
    apply_once_per_customer = graphene.Boolean(
        description="Voucher should be applied once per customer."
    )
    single_use = graphene.Boolean(
        description="When set to 'True', each voucher code can be used only once; otherwise, "
        "codes can be used multiple times depending on `usageLimit`."
    )
    usage_limit = graphene.Int(
        description="Limit number of times this voucher can be used in total."
    )
    village_hub = graphene.ID(
        description="The village hub giving the voucher (on creation; defaults to the "
        "operator's only hub)."
    )
    cooperative = graphene.ID(
        description="The cooperative giving the voucher (on creation); it then discounts only "
        "the cooperative's products."
    )


class VoucherChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    discount_value = PositiveDecimal(description="Value of the voucher.")
    min_amount_spent = PositiveDecimal(
        description="Min purchase amount required to apply the voucher."
    )


class VoucherChannelListingInput(graphene.InputObjectType):
    add_channels = graphene.List(
        graphene.NonNull(VoucherChannelListingAddInput),
        description="List of channels to which the voucher should be assigned.",
    )
    remove_channels = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of channels from which the voucher should be unassigned.",
    )


class CatalogueInput(graphene.InputObjectType):
    products = graphene.List(
        graphene.NonNull(graphene.ID), description="Products related to the discount."
    )
    categories = graphene.List(
        graphene.NonNull(graphene.ID), description="Categories related to the discount."
    )
    collections = graphene.List(
        graphene.NonNull(graphene.ID), description="Collections related to the discount."
    )
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="Product variant related to the discount."
    )


class VoucherFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(DiscountStatusEnum), description="Voucher status.")
    times_used = graphene.InputField(IntRangeInput, description="Times the voucher was used.")
    discount_type = graphene.List(
        graphene.NonNull(VoucherDiscountType), description="Kind of discount."
    )
    started = graphene.InputField(DateTimeRangeInput, description="Start date range.")
    search = graphene.String(description="Search by name or code.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Voucher IDs.")


class VoucherSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort vouchers."
    )
    channel = graphene.String(
        description="Specifies the channel in which to sort the data.",
        deprecation_reason="Use root-level channel argument instead.",
    )
    field = VoucherSortField(required=True, description="Sort vouchers by the selected field.")
