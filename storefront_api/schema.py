"""The GraphQL schema Lumbung serves at /graphql/, shaped as Saleor's."""

from typing import Any

import graphene
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.shipping.selectors import shipping_zones_exist
from storefront_api.accounts.address import AddressInput  # acct
from storefront_api.accounts.schema import AccountMutations, AccountQueries
from storefront_api.accounts.types import Permission, all_permissions
from storefront_api.apps.schema import AppMutations
from storefront_api.bulk_import.schema import BulkImportMutations
from storefront_api.catalog.assigned_attributes import ASSIGNED_TYPES  # catalog
from storefront_api.catalog.schema import CatalogMutations, CatalogQueries
from storefront_api.catalog.search import SearchQueries
from storefront_api.catalog.translations import LanguageDisplay, language_code_value, language_name
from storefront_api.checkout.schema import CheckoutMutations, CheckoutQueries  # checkout
from storefront_api.content.schema import ContentMutations, ContentQueries  # content
from storefront_api.coop_consultation.schema import (  # coop reporting: consultations
    CoopConsultationMutations,
    CoopConsultationQueries,
)
from storefront_api.coop_meetings.schema import (  # coop reporting: the RAT meeting online
    CoopMeetingsMutations,
    CoopMeetingsQueries,
)
from storefront_api.coop_members.schema import (  # cooperative members (anggota)
    CoopMembersMutations,
    CoopMembersQueries,
)
from storefront_api.coop_reporting.schema import (  # coop reporting: RAT and health
    CoopReportingMutations,
    CoopReportingQueries,
)
from storefront_api.coop_shu.schema import (  # cooperative members' SHU shares
    CoopShuMutations,
    CoopShuQueries,
)
from storefront_api.coop_supervision.schema import (  # coop reporting: district view
    CoopSupervisionMutations,
    CoopSupervisionQueries,
)
from storefront_api.core.deprecation import DIRECTIVES, show_deprecated_inputs
from storefront_api.core.enums import ErrorPolicyEnum, IconThumbnailFormatEnum, LanguageCodeEnum
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.shop_settings import ShopSettingsFields
from storefront_api.discounts.schema import DiscountMutations, DiscountQueries  # discounts
from storefront_api.meta.mutations import MetaMutations  # acct: metadata
from storefront_api.notifications.schema import NotificationMutations
from storefront_api.orders.schema import OrderMutations, OrderQueries  # orders
from storefront_api.payments.gateways import PaymentGateway  # acct
from storefront_api.payments.method_details import PAYMENT_METHOD_DETAIL_TYPES
from storefront_api.payments.mutations.checkout_payment_create import LEGACY_DEPRECATION
from storefront_api.payments.schema import PaymentMutations  # payments: Midtrans
from storefront_api.payments.shop_gateways import resolve_shop_payment_gateways
from storefront_api.shipping.shop_shipping import resolve_shop_shipping_methods  # acct
from storefront_api.shipping.types import ShippingMethod
from storefront_api.village_hubs.schema import VillageHubMutations, VillageHubQueries
from storefront_api.webhooks.schema import WebhookQueries


class ReducedRate(graphene.ObjectType):
    rate = graphene.Float(required=True, description="Reduced VAT rate in percent.")
    rate_type = graphene.String(required=True, description="A type of goods.")

    class Meta:
        description = "Represents a reduced VAT rate for a particular type of goods."


class VAT(graphene.ObjectType):
    country_code = graphene.String(required=True, description="Country code.")
    standard_rate = graphene.Float(description="Standard VAT rate in percent.")
    reduced_rates = graphene.List(
        graphene.NonNull(ReducedRate),
        required=True,
        description="Country's VAT rate exceptions for specific types of goods.",
    )

    class Meta:
        description = "Represents a VAT rate for a country."


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Country code.")
    country = graphene.String(required=True, description="Country name.")
    vat = graphene.Field(
        VAT,
        description="Country tax (always null, as in Saleor: taxes are not kept per country).",
        deprecation_reason="Always returns `null`. Use `TaxClassCountryRate` type to manage "
        "tax rates per country.",
        resolver=lambda root, info: None,
    )


class CountryFilterInput(graphene.InputObjectType):
    attached_to_shipping_zones = graphene.Boolean(
        description="Boolean for filtering countries by having shipping zone assigned. If "
        "'true', return countries with shipping zone assigned. If 'false', return countries "
        "without any shipping zone assigned. If the argument is not provided, return all "
        "countries."
    )


def resolve_shop_countries(*, language_code: Any = None, filter: Any = None) -> list:
    """Saleor's ``Shop.countries``: Lumbung's hubs deliver and hand over orders in
    Indonesia only, so it is the one country listed. With ``attachedToShippingZones``
    true it is listed when some channel delivers (has an active shipping method), with
    false when none does. ``languageCode`` names it in that language."""
    attached = (filter or {}).get("attached_to_shipping_zones")
    if attached is not None and attached != shipping_zones_exist():
        return []
    code = getattr(language_code, "value", language_code)
    if not code:
        return [CountryDisplay(code="ID", country=_("Indonesia"))]
    with translation.override(str(code).replace("_", "-").lower()):
        return [CountryDisplay(code="ID", country=_("Indonesia"))]


class ShopTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    header_text = graphene.String(required=True, description="Translated header text.")
    description = graphene.String(required=True, description="Translated shop description.")

    class Meta:
        description = "The shop's texts in one of the languages Lumbung is translated into."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: str, info: graphene.ResolveInfo) -> str:
        return root

    @staticmethod
    def resolve_language(root: str, info: graphene.ResolveInfo) -> dict:
        return {"code": root, "language": language_name(root)}

    @staticmethod
    def resolve_header_text(root: str, info: graphene.ResolveInfo) -> str:
        return ""  # Lumbung's shop has no header text

    @staticmethod
    def resolve_description(root: str, info: graphene.ResolveInfo) -> str:
        with translation.override(root):
            return Shop.resolve_description(None, info)


class Shop(ShopSettingsFields, NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Shop's name.")
    translation = graphene.Field(
        ShopTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated shop fields for the given language code; null for "
        "a language Lumbung is not translated into.",
    )

    @staticmethod
    def resolve_translation(
        root: Any, info: graphene.ResolveInfo, language_code: Any
    ) -> str | None:
        code = language_code_value(language_code)
        return code if code in dict(settings.LANGUAGES) else None

    description = graphene.String(description="Shop's description.")
    default_country = graphene.Field(CountryDisplay, description="Shop's default country.")
    # acct: a hub channel's deliveries
    available_shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        channel=graphene.String(
            required=True, description="Slug of a channel for which the data should be returned."
        ),
        address=graphene.Argument(
            AddressInput,
            description="Address for which available shipping methods should be returned.",
        ),
        description="Shipping methods that are available for the shop.",
    )

    countries = graphene.List(
        graphene.NonNull(CountryDisplay),
        required=True,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            description="A language code to return the translation for.",
            deprecation_reason="Use `Accept-Language` to choose the language.",
        ),
        filter=CountryFilterInput(description="Filtering options for countries"),
        description="List of countries available in the shop: Indonesia only, where the "
        "village hubs deliver and hand over orders.",
    )
    available_payment_gateways = graphene.List(
        graphene.NonNull(PaymentGateway),
        required=True,
        currency=graphene.String(
            description="A currency for which gateways will be returned.",
            deprecation_reason="Use `channel` argument instead.",
        ),
        channel=graphene.String(
            description="Slug of a channel for which the data should be returned."
        ),
        description="List of available payment gateways: Midtrans online payment (when "
        "configured) and pay at pickup (for channels that allow it).",
        deprecation_reason=LEGACY_DEPRECATION,
    )
    permissions = graphene.List(
        graphene.NonNull(Permission), required=True, description="List of available permissions."
    )

    @staticmethod
    def resolve_countries(
        root: Any,
        info: graphene.ResolveInfo,
        *,
        language_code: Any = None,
        filter: dict[str, Any] | None = None,
    ) -> list:
        return resolve_shop_countries(language_code=language_code, filter=filter)

    @staticmethod
    def resolve_available_payment_gateways(
        root: Any,
        info: graphene.ResolveInfo,
        *,
        currency: str | None = None,
        channel: str | None = None,
    ) -> list:
        return resolve_shop_payment_gateways(info, currency=currency, channel=channel)

    @staticmethod
    def resolve_permissions(root: Any, info: graphene.ResolveInfo) -> list:
        return all_permissions()

    @staticmethod
    def resolve_available_shipping_methods(
        root: Any, info: graphene.ResolveInfo, *, channel: str, address: Any = None
    ) -> list:
        return resolve_shop_shipping_methods(info, channel=channel, address=address)

    @staticmethod
    def resolve_name(root: Any, info: graphene.ResolveInfo) -> str:
        return settings.SHOP_NAME

    @staticmethod
    def resolve_description(root: Any, info: graphene.ResolveInfo) -> str:
        return _("Marketplace for village cooperative products")

    @staticmethod
    def resolve_default_country(root: Any, info: graphene.ResolveInfo) -> CountryDisplay:
        return CountryDisplay(code="ID", country=_("Indonesia"))


class Query(
    AccountQueries,
    WebhookQueries,  # webhook samples (Lumbung sends no webhooks)
    VillageHubQueries,
    CatalogQueries,
    SearchQueries,
    CheckoutQueries,  # checkout
    ContentQueries,  # content: collections, menus, pages
    OrderQueries,  # orders
    DiscountQueries,  # discounts: vouchers
    CoopReportingQueries,  # coop reporting: RAT and health
    CoopSupervisionQueries,  # coop reporting: district view for the Dinas Koperasi
    CoopConsultationQueries,  # coop reporting: consultations with the Dinas
    CoopMembersQueries,  # cooperative members (anggota): registry, applications
    CoopShuQueries,  # members' SHU shares
    CoopMeetingsQueries,  # coop reporting: the RAT meeting online
    graphene.ObjectType,
):
    shop = graphene.Field(Shop, required=True, description="Return information about the shop.")

    @staticmethod
    def resolve_shop(root: Any, info: graphene.ResolveInfo) -> Shop:
        return Shop()


class Mutation(
    AccountMutations,
    AppMutations,
    NotificationMutations,
    VillageHubMutations,
    BulkImportMutations,
    CatalogMutations,
    CheckoutMutations,  # checkout
    ContentMutations,  # content: collections, menus, pages
    OrderMutations,  # orders
    DiscountMutations,  # discounts: vouchers
    PaymentMutations,  # payments: Saleor's transaction API on Midtrans
    CoopReportingMutations,  # coop reporting: RAT and health
    CoopSupervisionMutations,  # coop reporting: Dinas officer assignments
    CoopConsultationMutations,  # coop reporting: consultations with the Dinas
    CoopMembersMutations,  # cooperative members (anggota): registry, savings, applications
    CoopShuMutations,  # SHU allocation, offline member transactions
    CoopMeetingsMutations,  # coop reporting: the RAT meeting online
    MetaMutations,  # acct: metadata
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(
    query=Query,
    mutation=Mutation,
    # catalog: AssignedAttribute implementations; payments: PaymentMethodDetails ones
    # IconThumbnailFormatEnum: Saleor's, for the apps' brand logos; ErrorPolicyEnum: the
    # errorPolicy of Saleor's bulk mutations, shared by them
    types=[
        *ASSIGNED_TYPES,
        *PAYMENT_METHOD_DETAIL_TYPES,
        IconThumbnailFormatEnum,
        ErrorPolicyEnum,
    ],
    directives=DIRECTIVES,  # @deprecated on Saleor's locations
)
show_deprecated_inputs(schema.graphql_schema)  # deprecated arguments stay visible, as Saleor
