"""The settings Saleor's ``Shop`` tells storefronts, as Lumbung runs them.

Lumbung has one configuration for the whole marketplace: prices in rupiah include tax,
stock is always tracked, goods prepared for pickup wait for the hub's hand-over
(``fulfillmentAutoApprove`` false) and may be prepared before payment (pay at pickup:
``fulfillmentAllowUnpaid`` true), weights are grams, people sign in with a password.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import graphene
from django.conf import settings

from storefront_api.catalog.translations import LanguageDisplay, language_name
from storefront_api.core.enums import WeightUnitsEnum

SCHEMA_VERSION = "3.24"  # the Saleor schema Lumbung's API follows

PasswordLoginModeEnum = graphene.Enum(
    "PasswordLoginModeEnum",
    [("ENABLED", "enabled"), ("CUSTOMERS_ONLY", "customers_only"), ("DISABLED", "disabled")],
    description="Whether people may sign in with a password.",
)
AccountConfirmModeEnum = graphene.Enum(
    "AccountConfirmModeEnum",
    [("MERGE_DISABLED", "merge_disabled"), ("REQUIRE_PASSWORD", "require_password")],
    description="What confirming an account does with an existing one of the same e-mail.",
)


class Domain(graphene.ObjectType):
    host = graphene.String(required=True, description="The host name of the domain.")
    ssl_enabled = graphene.Boolean(
        required=True, description="Inform if SSL is enabled in the domain."
    )
    url = graphene.String(required=True, description="The absolute URL of the API.")

    class Meta:
        description = "Represents API domain."


class ExternalAuthentication(graphene.ObjectType):
    id = graphene.String(required=True, description="ID of external authentication plugin.")
    name = graphene.String(description="Name of external authentication plugin.")


def _constant(value: Any) -> Any:
    return staticmethod(lambda root, info, **kwargs: value)


class ShopSettingsFields:
    """Fields of ``Shop`` beside its name and deliveries (mixed into ``Shop``)."""

    id = graphene.ID(required=True, description="ID of the shop.")
    domain = graphene.Field(Domain, required=True, description="Shop's domain data.")
    languages = graphene.List(
        graphene.NonNull(LanguageDisplay),
        required=True,
        description="List of the shops's languages.",
    )
    phone_prefixes = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="List of possible phone prefixes.",
    )
    header_text = graphene.String(description="Header text.")
    fulfillment_auto_approve = graphene.Boolean(
        required=True, description="Automatically approve all new fulfillments."
    )
    fulfillment_allow_unpaid = graphene.Boolean(
        required=True, description="Allow to approve fulfillments which are unpaid."
    )
    track_inventory_by_default = graphene.Boolean(
        description="This field is used as a default value for `ProductVariant.trackInventory`."
    )
    allow_storefront_traffic = graphene.Boolean(
        required=True, description="Whether storefronts may reach the API."
    )
    default_weight_unit = WeightUnitsEnum(description="Default weight unit.")
    company_address = graphene.Field(
        "storefront_api.accounts.address.Address", description="Company address."
    )
    customer_set_password_url = graphene.String(
        description="URL of a view where customers can set their password."
    )
    schema_version = graphene.String(required=True, description="Minor Saleor API version.")
    password_login_mode = PasswordLoginModeEnum(
        required=True, description="Whether people may sign in with a password."
    )
    account_confirm_merge_mode = AccountConfirmModeEnum(
        required=True, description="What confirming an account does with an older one."
    )
    available_external_authentications = graphene.List(
        graphene.NonNull(ExternalAuthentication),
        required=True,
        description="List of available external authentications.",
    )
    include_taxes_in_prices = graphene.Boolean(
        required=True,
        description="Include taxes in prices.",
        deprecation_reason=(
            "Use `Channel.taxConfiguration.pricesEnteredWithTax` to determine whether "
            "prices are entered with tax."
        ),
    )
    display_gross_prices = graphene.Boolean(
        required=True,
        description="Display prices with tax in store.",
        deprecation_reason=(
            "Use `Channel.taxConfiguration` to determine whether to display gross or net prices."
        ),
    )
    charge_taxes_on_shipping = graphene.Boolean(
        required=True,
        description="Charge taxes on shipping.",
        deprecation_reason=(
            "Use `ShippingMethodType.taxClass` to determine whether taxes are calculated "
            "for shipping methods; if a tax class is set, the taxes will be calculated, "
            "otherwise no tax rate will be applied."
        ),
    )
    use_legacy_shipping_zone_stock_availability = graphene.Boolean(
        required=True, description="Use the legacy stock availability of shipping zones."
    )
    use_legacy_update_webhook_emission = graphene.Boolean(
        description="Use the legacy webhook emission.", deprecation_reason="Not used."
    )

    resolve_id = _constant(graphene.relay.Node.to_global_id("Shop", "1"))
    resolve_header_text = _constant(None)
    resolve_fulfillment_auto_approve = _constant(False)
    resolve_fulfillment_allow_unpaid = _constant(True)
    resolve_track_inventory_by_default = _constant(True)
    resolve_allow_storefront_traffic = _constant(True)
    resolve_default_weight_unit = _constant("g")
    resolve_company_address = _constant(None)
    resolve_customer_set_password_url = _constant(None)
    resolve_schema_version = _constant(SCHEMA_VERSION)
    resolve_phone_prefixes = _constant(["+62"])
    resolve_password_login_mode = _constant("enabled")
    resolve_account_confirm_merge_mode = _constant("require_password")
    resolve_available_external_authentications = _constant([])
    resolve_include_taxes_in_prices = _constant(True)
    resolve_display_gross_prices = _constant(True)
    resolve_charge_taxes_on_shipping = _constant(False)
    resolve_use_legacy_shipping_zone_stock_availability = _constant(False)
    resolve_use_legacy_update_webhook_emission = _constant(False)

    @staticmethod
    def resolve_domain(root: Any, info: graphene.ResolveInfo) -> Domain:
        public = urlsplit(settings.PUBLIC_URL)
        return Domain(
            host=public.netloc,
            ssl_enabled=public.scheme == "https",
            url=f"{settings.PUBLIC_URL}/graphql/",
        )

    @staticmethod
    def resolve_languages(root: Any, info: graphene.ResolveInfo) -> list[LanguageDisplay]:
        return [
            LanguageDisplay(code=code, language=language_name(code))
            for code, _name in settings.LANGUAGES
        ]
