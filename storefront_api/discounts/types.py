"""Voucher types with Saleor's names and fields: Voucher, VoucherCode,
VoucherChannelListing, VoucherTranslation, DiscountError; plus Lumbung's
``Voucher.villageHub`` and ``Voucher.cooperative`` (who gives it).

A voucher is resolved in a channel's context (``VoucherContext``, Saleor's
``ChannelContext``): ``discountValue``, ``currency`` and ``minSpent`` are those of its
listing in that channel (null without one). Reached through an order or a checkout, the
context also carries the code that was used, which ``code`` answers. Lists of what the
voucher applies to, its channel listings and its codes need a manager of the voucher
(``MANAGE_DISCOUNTS``); dates are given in the voucher's time zone (its hub's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene

from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductVariant as ProductVariantModel
from marketplace.content.models import Collection as CollectionModel
from marketplace.discounts.models import Voucher as VoucherModel
from marketplace.discounts.models import VoucherChannelListing as VoucherChannelListingModel
from marketplace.discounts.models import VoucherCode as VoucherCodeModel
from marketplace.discounts.models import VoucherTranslation as VoucherTranslationModel
from marketplace.discounts.selectors import voucher_time_zone
from storefront_api.catalog.translations import LanguageDisplay, language_code_value, language_name
from storefront_api.catalog.types.categories import CategoryCountableConnection
from storefront_api.catalog.types.products import ProductCountableConnection
from storefront_api.catalog.types.variants import ProductVariantCountableConnection
from storefront_api.channels.types import Channel
from storefront_api.content.translatable_content import (
    remember_original,
    translatable_content_field,
)
from storefront_api.content.types import CollectionCountableConnection
from storefront_api.core.connection import CountableConnection, resolve_connection
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import global_id
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import Error, Money, country_display, money
from storefront_api.discounts.dataloaders import (
    CodesByVoucherIdLoader,
    ListingsByVoucherIdLoader,
    TranslationsByVoucherIdLoader,
)
from storefront_api.discounts.enums import (
    DiscountErrorCode,
    DiscountValueTypeEnum,
    VoucherCodeBulkDeleteErrorCode,
    VoucherTypeEnum,
)
from storefront_api.discounts.permissions import can_manage_voucher, permission_denied
from storefront_api.village_hubs.types import Cooperative, VillageHub

COUNTRY_DISPLAY = "storefront_api.schema.CountryDisplay"


@dataclass
class VoucherContext:
    """A voucher as the API shows it: in a channel, maybe with the code that was used."""

    voucher: VoucherModel
    channel_slug: str | None = None
    code: str | None = None


def _codes(info: graphene.ResolveInfo, root: VoucherContext) -> list[VoucherCodeModel]:
    return CodesByVoucherIdLoader(info.context).load_from(root.voucher, key=lambda v: v.pk)


def _listing(info: graphene.ResolveInfo, root: VoucherContext) -> VoucherChannelListingModel | None:
    if not root.channel_slug:
        return None
    listings = ListingsByVoucherIdLoader(info.context).load_from(root.voucher, key=lambda v: v.pk)
    return next((row for row in listings if row.channel.slug == root.channel_slug), None)


def _require_manager(info: graphene.ResolveInfo, root: VoucherContext) -> None:
    if not can_manage_voucher(info, root.voucher):
        raise permission_denied()


class DiscountError(Error):
    products = graphene.List(
        graphene.NonNull(graphene.ID), description="List of products IDs which causes the error."
    )
    code = DiscountErrorCode(required=True, description="The error code.")
    channels = graphene.List(
        graphene.NonNull(graphene.ID), description="List of channels IDs which causes the error."
    )
    voucher_codes = graphene.List(
        graphene.NonNull(graphene.String),
        description="List of voucher codes which causes the error.",
    )


class VoucherCodeBulkDeleteError(graphene.ObjectType):
    path = graphene.String(
        description="Path to field that caused the error. A value of `null` indicates that "
        "the error isn't associated with a particular field."
    )
    message = graphene.String(description="The error message.")
    code = VoucherCodeBulkDeleteErrorCode(required=True, description="The error code.")
    voucher_codes = graphene.List(
        graphene.NonNull(graphene.ID), description="List of voucher codes which causes the error."
    )


class VoucherCode(graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of the voucher code.")
    code = graphene.String(description="Code to use the voucher.")
    used = graphene.Int(description="Number of times a code has been used.")
    is_active = graphene.Boolean(description="Whether a code is active or not.")
    created_at = graphene.DateTime(required=True, description="Date time of code creation.")

    class Meta:
        description = "Represents voucher code."

    @staticmethod
    def resolve_id(root: VoucherCodeModel, info: graphene.ResolveInfo) -> str:
        return global_id("VoucherCode", root.pk)


class VoucherCodeCountableConnection(CountableConnection):
    class Meta:
        node = VoucherCode


class VoucherChannelListing(graphene.ObjectType):
    channel = graphene.Field(
        Channel, required=True, description="The channel in which voucher can be applied."
    )
    discount_value = graphene.Float(
        required=True, description="The value of the discount on voucher in a channel."
    )
    currency = graphene.String(required=True, description="Currency code for voucher in a channel.")
    min_spent = graphene.Field(
        Money, description="Minimum order value for voucher to apply in channel."
    )

    class Meta:
        description = "Represents voucher channel listing."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, VoucherChannelListingModel)

    @staticmethod
    def resolve_discount_value(root: VoucherChannelListingModel, info: Any) -> float:
        return float(root.discount_value)

    @staticmethod
    def resolve_min_spent(root: VoucherChannelListingModel, info: Any) -> Any:
        if root.min_spent_amount is None:
            return None
        return money(int(root.min_spent_amount), root.currency)


class VoucherTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(description="Translated voucher name.")
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.VoucherTranslatableContent"
    )

    class Meta:
        description = "Represents voucher translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, VoucherTranslationModel)

    @staticmethod
    def resolve_language(root: VoucherTranslationModel, info: Any) -> dict[str, Any]:
        return {"code": root.language_code, "language": language_name(root.language_code)}

    @staticmethod
    def resolve_name(root: VoucherTranslationModel, info: Any) -> str | None:
        return root.name or None


def _catalogue_connection(
    info: graphene.ResolveInfo,
    root: VoucherContext,
    args: dict[str, Any],
    queryset: Any,
    connection_type: Any,
) -> Any:
    _require_manager(info, root)
    connection = resolve_connection(queryset, info, args, connection_type)
    for edge in connection.edges:
        edge.node.channel_slug = root.channel_slug
    return connection


class Voucher(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(description="The name of the voucher.")
    only_for_staff = graphene.Boolean(
        required=True, description="Determine if the voucher is available only for staff members."
    )
    codes = graphene.ConnectionField(
        VoucherCodeCountableConnection,
        description="List of codes available for this voucher. Requires a manager of the voucher.",
    )
    code = graphene.String(
        description="The code of the voucher (reached through an order: the code it used)."
    )
    usage_limit = graphene.Int(description="The number of times a voucher can be used.")
    used = graphene.Int(required=True, description="Usage count of the voucher.")
    start_date = graphene.DateTime(
        required=True, description="The start date and time of voucher (its hub's time zone)."
    )
    end_date = graphene.DateTime(description="The end date and time of voucher.")
    apply_once_per_order = graphene.Boolean(
        required=True,
        description="Determine if the voucher should be applied once per order. If set to "
        "True, the voucher is applied to a single cheapest eligible product in checkout.",
    )
    apply_once_per_customer = graphene.Boolean(
        required=True,
        description="Determine if the voucher usage should be limited to one use per customer.",
    )
    single_use = graphene.Boolean(
        required=True, description="Determine if the voucher codes can be used once or multiple "
        "times.",
    )  # fmt: skip
    min_checkout_items_quantity = graphene.Int(
        description="Determine minimum quantity of items for checkout."
    )
    categories = graphene.ConnectionField(
        CategoryCountableConnection, description="List of categories this voucher applies to."
    )
    collections = graphene.ConnectionField(
        CollectionCountableConnection,
        description="List of collections this voucher applies to. Requires a manager of the "
        "voucher.",
    )
    products = graphene.ConnectionField(
        ProductCountableConnection,
        description="List of products this voucher applies to. Requires a manager of the voucher.",
    )
    variants = graphene.ConnectionField(
        ProductVariantCountableConnection,
        description="List of product variants this voucher applies to. Requires a manager of "
        "the voucher.",
    )
    countries = graphene.List(
        graphene.NonNull(COUNTRY_DISPLAY),
        description="List of countries available for the shipping voucher.",
    )
    translation = graphene.Field(
        VoucherTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for voucher.",
        ),
        description="Returns translated voucher fields for the given language code.",
    )
    discount_value_type = DiscountValueTypeEnum(
        required=True,
        description="Determines a type of discount for voucher - value or percentage",
    )
    discount_value = graphene.Float(description="Voucher value.")
    currency = graphene.String(description="Currency code for voucher.")
    min_spent = graphene.Field(Money, description="Minimum order value to apply voucher.")
    type = VoucherTypeEnum(required=True, description="Determines a type of voucher.")
    channel_listings = graphene.List(
        graphene.NonNull(VoucherChannelListing),
        description="List of availability in channels for the voucher. Requires a manager of "
        "the voucher.",
    )
    village_hub = graphene.Field(
        VillageHub, description="The village hub that gives (and funds) this voucher."
    )
    cooperative = graphene.Field(
        Cooperative,
        description="The cooperative that gives this voucher; it discounts only the "
        "cooperative's products.",
    )

    class Meta:
        description = (
            "Vouchers allow giving discounts to particular customers on categories, "
            "collections or specific products. They can be used during checkout by "
            "providing valid voucher codes."
        )
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, VoucherContext)

    @staticmethod
    def resolve_only_for_staff(root: Any, info: graphene.ResolveInfo) -> bool:
        return False  # a hub's or a cooperative's vouchers are for every buyer

    @staticmethod
    def resolve_id(root: VoucherContext, info: graphene.ResolveInfo) -> int:
        return root.voucher.pk

    @staticmethod
    def resolve_name(root: VoucherContext, info: graphene.ResolveInfo) -> str | None:
        return root.voucher.name or None

    @staticmethod
    def resolve_codes(root: VoucherContext, info: graphene.ResolveInfo, **args: Any) -> Any:
        _require_manager(info, root)
        return resolve_connection(
            VoucherCodeModel.objects.filter(voucher=root.voucher),
            info,
            args,
            VoucherCodeCountableConnection,
        )

    @staticmethod
    def resolve_code(root: VoucherContext, info: graphene.ResolveInfo) -> str | None:
        if root.code:
            return root.code
        codes = _codes(info, root)
        return codes[0].code if codes else None  # the first created, as Saleor's

    @staticmethod
    def resolve_used(root: VoucherContext, info: graphene.ResolveInfo) -> int:
        return sum(code.used for code in _codes(info, root))

    @staticmethod
    def resolve_usage_limit(root: VoucherContext, info: graphene.ResolveInfo) -> int | None:
        return root.voucher.usage_limit

    @staticmethod
    def resolve_start_date(root: VoucherContext, info: graphene.ResolveInfo) -> Any:
        return root.voucher.start_date.astimezone(voucher_time_zone(root.voucher))

    @staticmethod
    def resolve_end_date(root: VoucherContext, info: graphene.ResolveInfo) -> Any:
        end = root.voucher.end_date
        return end.astimezone(voucher_time_zone(root.voucher)) if end is not None else None

    @staticmethod
    def resolve_apply_once_per_order(root: VoucherContext, info: Any) -> bool:
        return root.voucher.apply_once_per_order

    @staticmethod
    def resolve_apply_once_per_customer(root: VoucherContext, info: Any) -> bool:
        return root.voucher.apply_once_per_customer

    @staticmethod
    def resolve_single_use(root: VoucherContext, info: Any) -> bool:
        return root.voucher.single_use

    @staticmethod
    def resolve_min_checkout_items_quantity(root: VoucherContext, info: Any) -> int | None:
        return root.voucher.min_checkout_items_quantity

    @staticmethod
    def resolve_categories(root: VoucherContext, info: graphene.ResolveInfo, **args: Any) -> Any:
        return resolve_connection(
            CategoryModel.objects.filter(vouchers=root.voucher),
            info,
            args,
            CategoryCountableConnection,
        )

    @staticmethod
    def resolve_collections(root: VoucherContext, info: graphene.ResolveInfo, **args: Any) -> Any:
        queryset = CollectionModel.objects.filter(vouchers=root.voucher)
        return _catalogue_connection(info, root, args, queryset, CollectionCountableConnection)

    @staticmethod
    def resolve_products(root: VoucherContext, info: graphene.ResolveInfo, **args: Any) -> Any:
        queryset = ProductModel.objects.filter(vouchers=root.voucher)
        return _catalogue_connection(info, root, args, queryset, ProductCountableConnection)

    @staticmethod
    def resolve_variants(root: VoucherContext, info: graphene.ResolveInfo, **args: Any) -> Any:
        queryset = ProductVariantModel.objects.filter(vouchers=root.voucher)
        return _catalogue_connection(info, root, args, queryset, ProductVariantCountableConnection)

    @staticmethod
    def resolve_countries(root: VoucherContext, info: graphene.ResolveInfo) -> list[Any]:
        return [country_display(code) for code in root.voucher.countries]

    @staticmethod
    def resolve_translation(
        root: VoucherContext, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        wanted = language_code_value(language_code)
        rows = TranslationsByVoucherIdLoader(info.context).load_from(
            root.voucher, key=lambda v: v.pk
        )
        found = next((row for row in rows if row.language_code == wanted), None)
        return remember_original(found, root)

    @staticmethod
    def resolve_discount_value_type(root: VoucherContext, info: Any) -> str:
        return str(root.voucher.discount_value_type)  # a TextChoices member's value

    @staticmethod
    def resolve_discount_value(root: VoucherContext, info: graphene.ResolveInfo) -> Any:
        listing = _listing(info, root)
        return float(listing.discount_value) if listing is not None else None

    @staticmethod
    def resolve_currency(root: VoucherContext, info: graphene.ResolveInfo) -> Any:
        listing = _listing(info, root)
        return listing.currency if listing is not None else None

    @staticmethod
    def resolve_min_spent(root: VoucherContext, info: graphene.ResolveInfo) -> Any:
        listing = _listing(info, root)
        if listing is None or listing.min_spent_amount is None:
            return None
        return money(int(listing.min_spent_amount), listing.currency)

    @staticmethod
    def resolve_type(root: VoucherContext, info: Any) -> str:
        return str(root.voucher.type)

    @staticmethod
    def resolve_channel_listings(root: VoucherContext, info: graphene.ResolveInfo) -> Any:
        _require_manager(info, root)
        return ListingsByVoucherIdLoader(info.context).load_from(root.voucher, key=lambda v: v.pk)

    @staticmethod
    def resolve_village_hub(root: VoucherContext, info: Any) -> Any:
        return root.voucher.village_hub

    @staticmethod
    def resolve_cooperative(root: VoucherContext, info: Any) -> Any:
        return root.voucher.cooperative


class VoucherCountableConnection(CountableConnection):
    class Meta:
        node = Voucher
