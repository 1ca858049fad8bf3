"""The GraphQL schema Lumbung serves at /graphql/, shaped as Saleor's."""

import graphene
from django.conf import settings
from django.utils.translation import gettext as _

from storefront_api.accounts.schema import AccountMutations, AccountQueries
from storefront_api.apps.schema import AppMutations
from storefront_api.bulk_import.schema import BulkImportMutations
from storefront_api.catalog.assigned_attributes import ASSIGNED_TYPES  # catalog
from storefront_api.catalog.schema import CatalogMutations, CatalogQueries
from storefront_api.catalog.search import SearchQueries
from storefront_api.checkout.schema import CheckoutMutations, CheckoutQueries  # checkout
from storefront_api.checkout.shop_shipping import resolve_shop_shipping_methods  # acct
from storefront_api.checkout.types import ShippingMethod  # acct
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
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.shop_settings import ShopSettingsFields
from storefront_api.discounts.schema import DiscountMutations, DiscountQueries  # discounts
from storefront_api.meta.mutations import MetaMutations  # acct: metadata
from storefront_api.orders.schema import OrderMutations, OrderQueries  # orders
from storefront_api.payments.method_details import PAYMENT_METHOD_DETAIL_TYPES
from storefront_api.payments.schema import PaymentMutations  # payments: Midtrans
from storefront_api.village_hubs.inputs import AddressInput  # acct
from storefront_api.village_hubs.schema import VillageHubMutations, VillageHubQueries


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Country code.")
    country = graphene.String(required=True, description="Country name.")


class Shop(ShopSettingsFields, NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Shop's name.")
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

    @staticmethod
    def resolve_available_shipping_methods(root, info, *, channel: str, address=None) -> list:
        return resolve_shop_shipping_methods(info, channel=channel, address=address)

    @staticmethod
    def resolve_name(root, info) -> str:
        return settings.SHOP_NAME

    @staticmethod
    def resolve_description(root, info) -> str:
        return _("Marketplace for village cooperative products")

    @staticmethod
    def resolve_default_country(root, info) -> CountryDisplay:
        return CountryDisplay(code="ID", country=_("Indonesia"))


class Query(
    AccountQueries,
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
    def resolve_shop(root, info) -> Shop:
        return Shop()


class Mutation(
    AccountMutations,
    AppMutations,
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
    types=[*ASSIGNED_TYPES, *PAYMENT_METHOD_DETAIL_TYPES],
    directives=DIRECTIVES,  # @deprecated on Saleor's locations
)
show_deprecated_inputs(schema.graphql_schema)  # deprecated arguments stay visible, as Saleor
