"""Types of the marketplace's own world: channels, warehouses (pickup points), village
hubs, cooperatives and producers.

``Channel``, ``Warehouse`` and ``Address`` have Saleor's shape; the rest is Lumbung-only.
Private fields raise ``PermissionDenied`` (as Saleor's permission-gated fields do) unless
the viewer works for the cooperative or is platform staff; see :mod:`.access`.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import graphene
from graphql_relay import to_global_id

from marketplace.accounts.models import Address as AddressModel
from marketplace.channels.models import Channel as ChannelModel
from marketplace.regions.models import Village as VillageModel
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from marketplace.village_hubs.models import CooperativeStaff as CooperativeStaffModel
from marketplace.village_hubs.models import HubOpeningHours as HubOpeningHoursModel
from marketplace.village_hubs.models import Producer as ProducerModel
from marketplace.village_hubs.models import VillageHub as VillageHubModel
from marketplace.warehouses.models import Warehouse as WarehouseModel
from storefront_api.accounts.types import User
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.coop_supervision.access import supervises
from storefront_api.core.connection import (
    MAX_PAGE_SIZE,
    CountableConnection,
    connection_args,
    encode_cursor,
    resolve_connection,
    validate_connection_args,
)
from storefront_api.core.enums import COUNTRY_NAMES, CountryCode
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.metadata import (
    NoStoredMetadata,
    metadata_field,
    metadata_items,
    resolve_empty_metadata,
)
from storefront_api.core.scalars import Decimal
from storefront_api.village_hubs import access
from storefront_api.village_hubs.dataloaders import (
    CooperativeByIdLoader,
    HubsByCooperativeIdLoader,
    OpeningHoursByHubIdLoader,
    PickupPointsByHubIdLoader,
    ProducerCountByCooperativeIdLoader,
    ProducerPageByCooperativeIdLoader,
    SupplyingCooperativesByHubIdLoader,
    VillageByCodeLoader,
    VillageHubByChannelIdLoader,
    VillageHubByIdLoader,
)
from storefront_api.village_hubs.enums import (
    AllocationStrategyEnum,
    ChannelErrorCode,
    CooperativeJenisEnum,
    CooperativeStaffRoleEnum,
    HubTimeZoneEnum,
    MarkAsPaidStrategyEnum,
    ProducerSizeClassEnum,
    VillageHubErrorCode,
    WarehouseClickAndCollectOptionEnum,
    WarehouseErrorCode,
    WeekdayEnum,
)
from storefront_api.village_hubs.scalars import Day, Minute
from storefront_api.warehouses.dataloaders import WarehousesByChannelIdLoader

# Defined in storefront_api.schema (Shop.defaultCountry); referenced lazily to avoid a cycle.
COUNTRY_DISPLAY = "storefront_api.schema.CountryDisplay"

ERROR_FIELD_DESCRIPTION = (
    "Name of a field that caused the error. A value of `null` indicates that the error "
    "isn't associated with a particular field."
)


def plain(value: Any) -> Any:
    """A model's choice value (``TextChoices`` member or plain value) as its raw value,
    which graphene enums serialize by value."""
    return value.value if isinstance(value, Enum) else value


def country_display(code: str) -> dict[str, str]:
    return {"code": code, "country": COUNTRY_NAMES.get(code, code)}


def _village(info: graphene.ResolveInfo, root: Any) -> VillageModel | None:
    return VillageByCodeLoader(info.context).load_from(root, key=lambda obj: obj.village_id)


# --- Regions -----------------------------------------------------------------------------


class Region(graphene.ObjectType):
    code = graphene.String(required=True, description="Kemendagri code of the region.")
    name = graphene.String(required=True, description="Name of the region.")

    class Meta:
        description = "A province, regency/city or district of Indonesia."


class Village(graphene.ObjectType):
    code = graphene.String(
        required=True, description="Kemendagri code of the village, e.g. 51.03.05.2001."
    )
    name = graphene.String(required=True, description="Name of the village.")
    postal_code = graphene.String(required=True, description="Postal code of the village.")
    district = graphene.Field(
        Region, required=True, description="District (kecamatan) the village lies in."
    )
    regency = graphene.Field(
        Region, required=True, description="Regency (kabupaten) or city (kota)."
    )
    province = graphene.Field(Region, required=True, description="Province.")

    class Meta:
        description = "A village (desa, kelurahan or desa adat)."

    @staticmethod
    def resolve_district(root: VillageModel, info: graphene.ResolveInfo) -> Any:
        return root.district

    @staticmethod
    def resolve_regency(root: VillageModel, info: graphene.ResolveInfo) -> Any:
        return root.district.regency

    @staticmethod
    def resolve_province(root: VillageModel, info: graphene.ResolveInfo) -> Any:
        return root.district.regency.province


# --- Channels (Saleor) --------------------------------------------------------------------


class StockSettings(graphene.ObjectType):
    allocation_strategy = AllocationStrategyEnum(
        required=True,
        description="Allocation strategy defines the preference of warehouses for allocations "
        "and reservations.",
    )

    class Meta:
        description = "Represents the channel stock settings."


class OrderSettings(graphene.ObjectType):
    automatically_confirm_all_new_orders = graphene.Boolean(
        required=True,
        description="When enabled, all non-shippable gift card orders are confirmed automatically.",
    )
    automatically_fulfill_non_shippable_gift_card = graphene.Boolean(
        required=True,
        description="When enabled, non-shippable gift cards are fulfilled automatically.",
    )
    expire_orders_after = graphene.Field(
        Minute, description="Minutes after which unpaid orders expire; null: never."
    )
    mark_as_paid_strategy = MarkAsPaidStrategyEnum(
        required=True, description="Strategy used when an order is marked as paid."
    )
    delete_expired_orders_after = graphene.Field(
        Day, required=True, description="Days after which expired orders are deleted."
    )
    allow_unpaid_orders = graphene.Boolean(
        required=True,
        description="Whether orders can be placed without payment (paid at pickup).",
    )

    class Meta:
        description = "Represents the channel-specific order settings."


class CheckoutSettings(graphene.ObjectType):
    use_legacy_error_flow = graphene.Boolean(
        required=True, description="Whether checkout errors use the legacy flow."
    )
    automatically_complete_fully_paid_checkouts = graphene.Boolean(
        required=True, description="Whether fully paid checkouts complete automatically."
    )
    automatic_completion_delay = graphene.Field(
        Minute, description="Minutes to wait before completing a fully paid checkout."
    )
    allow_legacy_gift_card_use = graphene.Boolean(
        required=True, description="Whether gift cards may be used the legacy way."
    )

    class Meta:
        description = "Represents the channel-specific checkout settings."


def _channel_staff(info: graphene.ResolveInfo, channel: ChannelModel) -> None:
    access.require(access.can_see_channel_settings(info, channel.pk))


class Channel(NoStoredMetadata, graphene.ObjectType):
    slug = graphene.String(required=True, description="Slug of the channel.")
    name = graphene.String(
        required=True, description="Name of the channel. Requires staff of the channel."
    )
    is_active = graphene.Boolean(
        required=True, description="Whether the channel is active. Requires staff."
    )
    currency_code = graphene.String(
        required=True, description="Currency of the channel. Requires staff."
    )
    has_orders = graphene.Boolean(
        required=True, description="Whether the channel has orders. Requires platform staff."
    )
    default_country = graphene.Field(
        COUNTRY_DISPLAY, required=True, description="Default country of the channel."
    )
    warehouses = graphene.List(
        graphene.NonNull(lambda: Warehouse),
        required=True,
        description="Warehouses serving the channel. Requires staff.",
    )
    countries = graphene.List(
        graphene.NonNull(COUNTRY_DISPLAY), description="List of shippable countries."
    )
    stock_settings = graphene.Field(
        StockSettings, required=True, description="Stock settings of the channel."
    )
    order_settings = graphene.Field(
        OrderSettings, required=True, description="Order settings of the channel."
    )
    checkout_settings = graphene.Field(
        CheckoutSettings, required=True, description="Checkout settings of the channel."
    )
    village_hub = graphene.Field(
        lambda: VillageHub, description="The village hub selling through this channel."
    )
    available_shipping_methods_per_country = graphene.List(
        graphene.NonNull("storefront_api.checkout.shipping_zones.ShippingMethodsPerCountry"),
        countries=graphene.List(
            graphene.NonNull(CountryCode),
            description="List of countries to filter shipping methods.",
        ),
        description="Shipping methods that are available for the channel, per country.",
    )

    @staticmethod
    def resolve_available_shipping_methods_per_country(
        root: ChannelModel, info: graphene.ResolveInfo, countries: list[Any] | None = None
    ) -> Any:
        from storefront_api.checkout.shipping_zones import (
            resolve_channel_shipping_methods_per_country,
        )

        return resolve_channel_shipping_methods_per_country(root, info, countries)

    class Meta:
        description = "Represents channel."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ChannelModel)

    @staticmethod
    def resolve_name(root: ChannelModel, info: graphene.ResolveInfo) -> str:
        _channel_staff(info, root)
        return root.name

    @staticmethod
    def resolve_is_active(root: ChannelModel, info: graphene.ResolveInfo) -> bool:
        _channel_staff(info, root)
        return root.is_active

    @staticmethod
    def resolve_currency_code(root: ChannelModel, info: graphene.ResolveInfo) -> str:
        _channel_staff(info, root)
        return root.currency_code

    @staticmethod
    def resolve_has_orders(root: ChannelModel, info: graphene.ResolveInfo) -> bool:
        access.require(access.is_platform_staff(access.viewer(info)))
        return False  # orders do not exist yet

    @staticmethod
    def resolve_default_country(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return country_display(root.default_country)

    @staticmethod
    def resolve_warehouses(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return WarehousesByChannelIdLoader(info.context).load_from(root, key=lambda c: c.pk)

    @staticmethod
    def resolve_countries(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        return [country_display(root.default_country)]

    @staticmethod
    def resolve_stock_settings(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return StockSettings(allocation_strategy=plain(root.allocation_strategy))

    @staticmethod
    def resolve_order_settings(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return OrderSettings(
            automatically_confirm_all_new_orders=root.automatically_confirm_all_new_orders,
            automatically_fulfill_non_shippable_gift_card=(
                root.automatically_fulfill_non_shippable_gift_card
            ),
            expire_orders_after=root.expire_orders_after,
            mark_as_paid_strategy=plain(root.mark_as_paid_strategy),
            delete_expired_orders_after=root.delete_expired_orders_after,
            allow_unpaid_orders=root.allow_unpaid_orders,
        )

    @staticmethod
    def resolve_checkout_settings(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return root

    @staticmethod
    def resolve_village_hub(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        return VillageHubByChannelIdLoader(info.context).load_from(root, key=lambda c: c.pk)


class ChannelError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
    code = ChannelErrorCode(required=True, description="The error code.")


# --- Warehouses (Saleor) ------------------------------------------------------------------


class Address(NoStoredMetadata, graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of the address.")
    first_name = graphene.String(required=True, description="The given name of the address.")
    last_name = graphene.String(required=True, description="The family name of the address.")
    company_name = graphene.String(required=True, description="Company or organization name.")
    street_address1 = graphene.String(required=True, description="The first line of the address.")
    street_address2 = graphene.String(
        required=True, description="The second line of the address: the village."
    )
    city = graphene.String(required=True, description="The regency (kabupaten) or city (kota).")
    city_area = graphene.String(required=True, description="The district (kecamatan).")
    postal_code = graphene.String(required=True, description="Postal code of the address.")
    country = graphene.Field(COUNTRY_DISPLAY, required=True, description="Country of the address.")
    country_area = graphene.String(required=True, description="The province.")
    phone = graphene.String(description="Phone number.")
    # --- accounts: address book fields (Saleor's) ---
    metadata = metadata_field("List of public metadata items. Can be accessed without permissions.")
    private_metadata = metadata_field(
        "List of private metadata items. Requires staff permissions to access."
    )
    is_default_shipping_address = graphene.Boolean(
        description="Address is user's default shipping address."
    )
    is_default_billing_address = graphene.Boolean(
        description="Address is user's default billing address."
    )
    # --- end accounts ---

    class Meta:
        description = "Represents user address data."

    resolve_private_metadata = staticmethod(resolve_empty_metadata)

    # Public metadata kept on a stored address (``AddressInput.metadata``).
    @staticmethod
    def resolve_metadata(root: Address, info: graphene.ResolveInfo) -> list[Any]:
        return metadata_items(getattr(root, "stored_metadata", None))

    @staticmethod
    def resolve_metafield(root: Address, info: graphene.ResolveInfo, *, key: str) -> Any:
        return (getattr(root, "stored_metadata", None) or {}).get(key)

    @staticmethod
    def resolve_metafields(
        root: Address, info: graphene.ResolveInfo, *, keys: list[str] | None = None
    ) -> dict[str, Any]:
        stored = getattr(root, "stored_metadata", None) or {}
        return {k: v for k, v in stored.items() if keys is None or k in keys}


def warehouse_address(warehouse: WarehouseModel, village: VillageModel) -> Address:
    district = village.district
    return Address(
        id=to_global_id("Address", f"warehouse-{warehouse.pk}"),
        first_name="",
        last_name="",
        company_name="",
        street_address1=warehouse.street_address,
        street_address2=village.name,
        city=district.regency.name,
        city_area=district.name,
        postal_code=warehouse.postal_code or village.postal_code,
        country=country_display("ID"),
        country_area=district.regency.province.name,
        phone=warehouse.phone or None,
    )


# --- accounts: Address built from a stored address (address book, checkout, order) ---


def address_from_model(
    address: AddressModel,
    *,
    default_shipping_id: int | None = None,
    default_billing_id: int | None = None,
) -> Address:
    """The ``Address`` of a stored :class:`marketplace.accounts.models.Address`.

    Its id is ``Address:<pk>``. Pass the owner's default address ids to fill
    ``isDefaultShippingAddress``/``isDefaultBillingAddress`` (left null otherwise, as
    Saleor does outside a user's address book).
    """
    with_defaults = default_shipping_id is not None or default_billing_id is not None
    result = Address(
        id=to_global_id("Address", address.pk),
        first_name=address.first_name,
        last_name=address.last_name,
        company_name=address.company_name,
        street_address1=address.street_address_1,
        street_address2=address.street_address_2,
        city=address.city,
        city_area=address.city_area,
        postal_code=address.postal_code,
        country=country_display(address.country),
        country_area=address.country_area,
        phone=address.phone or None,
        is_default_shipping_address=(address.pk == default_shipping_id) if with_defaults else None,
        is_default_billing_address=(address.pk == default_billing_id) if with_defaults else None,
    )
    result.stored_metadata = address.metadata
    return result


# --- end accounts ---


class Warehouse(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Warehouse name.")
    slug = graphene.String(required=True, description="Warehouse slug.")
    email = graphene.String(required=True, description="Warehouse email.")
    is_private = graphene.Boolean(required=True, description="Whether the warehouse is private.")
    address = graphene.Field(Address, required=True, description="Address of the warehouse.")
    click_and_collect_option = WarehouseClickAndCollectOptionEnum(
        required=True, description="Click and collect options: local, all or disabled."
    )
    village_hub = graphene.Field(
        lambda: VillageHub, description="The village hub this warehouse is a pickup point of."
    )
    cooperative = graphene.Field(
        lambda: Cooperative, description="The cooperative owning this warehouse."
    )

    company_name = graphene.String(
        required=True,
        description="Warehouse company name.",
        deprecation_reason="Use `Address.companyName` instead.",
    )
    external_reference = graphene.String(
        description="External ID of this warehouse (Lumbung keeps none: always null).",
        resolver=lambda root, info: None,
    )
    shipping_zones = graphene.Field(
        graphene.NonNull("storefront_api.checkout.shipping_zones.ShippingZoneCountableConnection"),
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        description="Shipping zones supported by the warehouse: the zones of its channels.",
    )

    @staticmethod
    def resolve_shipping_zones(
        root: WarehouseModel, info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        from storefront_api.checkout.shipping_zones import resolve_warehouse_shipping_zones

        return resolve_warehouse_shipping_zones(root, info, args)

    class Meta:
        description = "Represents warehouse."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, WarehouseModel)

    @staticmethod
    def resolve_click_and_collect_option(root: WarehouseModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.click_and_collect_option)

    @staticmethod
    def resolve_address(root: WarehouseModel, info: graphene.ResolveInfo) -> Address:
        return warehouse_address(root, _village(info, root))

    @staticmethod
    def resolve_company_name(root: WarehouseModel, info: graphene.ResolveInfo) -> str:
        return ""  # as its address's companyName: pickup points have none

    @staticmethod
    def resolve_village_hub(root: WarehouseModel, info: graphene.ResolveInfo) -> Any:
        if root.village_hub_id is None:
            return None
        return VillageHubByIdLoader(info.context).load_from(root, key=lambda w: w.village_hub_id)

    @staticmethod
    def resolve_cooperative(root: WarehouseModel, info: graphene.ResolveInfo) -> Any:
        if root.cooperative_id is None:
            return None
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda w: w.cooperative_id)


class WarehouseCountableConnection(CountableConnection):
    class Meta:
        node = Warehouse


class WarehouseError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
    code = WarehouseErrorCode(required=True, description="The error code.")


# --- Cooperatives and producers (Lumbung) ------------------------------------------------


def _cooperative_private(info: graphene.ResolveInfo, cooperative_id: int, value: Any) -> Any:
    if not access.can_see_cooperative_private(info, cooperative_id):
        raise PermissionDenied()
    return value


def _cooperative_record(info: graphene.ResolveInfo, cooperative_id: int, value: Any) -> Any:
    """A cooperative's registration and contact data: private to its staff and platform
    staff, and readable by the Dinas Koperasi officers who supervise it."""
    if not (
        access.can_see_cooperative_private(info, cooperative_id) or supervises(info, cooperative_id)
    ):
        raise PermissionDenied()
    return value


def _blank_to_none(value: str) -> str | None:
    return value or None


class Producer(graphene.ObjectType):
    name = graphene.String(required=True, description="Business name of the producer.")
    owner_name = graphene.String(
        description="Name of the owner. Visible to the cooperative's staff and platform staff."
    )
    cooperative = graphene.Field(
        lambda: Cooperative, required=True, description="Cooperative the producer belongs to."
    )
    village = graphene.Field(Village, required=True, description="Village of the producer.")
    size_class = ProducerSizeClassEnum(required=True, description="Business size.")
    nib = graphene.String(
        description="Business ID (NIB). Visible to the cooperative's staff and platform staff."
    )
    phone = graphene.String(
        description="Phone number. Visible to the cooperative's staff and platform staff."
    )
    pirt_number = graphene.String(description="Home-industry food permit (P-IRT) number.")
    pirt_expiry_year = graphene.Int(description="Year the P-IRT permit expires.")
    pirt_expired = graphene.Boolean(
        required=True, description="Whether the P-IRT permit has expired (false without one)."
    )
    halal_certificate_number = graphene.String(description="Halal certificate number.")
    halal_certificate_expiry = graphene.Date(description="Expiry date of the halal certificate.")
    bpom_number = graphene.String(description="BPOM registration number (MD/ML).")
    is_active = graphene.Boolean(required=True, description="Whether the producer is active.")

    class Meta:
        description = "A producer (UMKM or household industry), member of a cooperative."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProducerModel)

    @staticmethod
    def resolve_size_class(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.size_class)

    @staticmethod
    def resolve_owner_name(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_private(info, root.cooperative_id, _blank_to_none(root.owner_name))

    @staticmethod
    def resolve_nib(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_private(info, root.cooperative_id, _blank_to_none(root.nib))

    @staticmethod
    def resolve_phone(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_private(info, root.cooperative_id, _blank_to_none(root.phone))

    @staticmethod
    def resolve_cooperative(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda p: p.cooperative_id)

    @staticmethod
    def resolve_village(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return _village(info, root)

    @staticmethod
    def resolve_pirt_number(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return _blank_to_none(root.pirt_number)

    @staticmethod
    def resolve_halal_certificate_number(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return _blank_to_none(root.halal_certificate_number)

    @staticmethod
    def resolve_halal_certificate_expiry(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return root.halal_certificate_expires_on

    @staticmethod
    def resolve_bpom_number(root: ProducerModel, info: graphene.ResolveInfo) -> Any:
        return _blank_to_none(root.bpom_number)


class ProducerCountableConnection(CountableConnection):
    class Meta:
        node = Producer


class CooperativeStaffMember(graphene.ObjectType):
    user = graphene.Field(User, required=True, description="The user working for the cooperative.")
    role = CooperativeStaffRoleEnum(required=True, description="Role in the cooperative.")

    class Meta:
        description = "A user working for a cooperative."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CooperativeStaffModel)

    @staticmethod
    def resolve_role(root: CooperativeStaffModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.role)


def _producer_page(
    root: CooperativeModel, info: graphene.ResolveInfo, args: dict[str, Any]
) -> ProducerCountableConnection:
    """A page of a cooperative's producers; plain ``first`` pages of all cooperatives in
    the response are loaded together."""
    first = args.get("first")
    if first is None or any(args.get(name) is not None for name in ("after", "before", "last")):
        from marketplace.village_hubs import selectors

        producers = selectors.producers_visible_to(access.viewer(info)).filter(cooperative=root)
        return resolve_connection(producers, info, args, ProducerCountableConnection)
    validate_connection_args(info, args, MAX_PAGE_SIZE)
    rows = ProducerPageByCooperativeIdLoader(info.context).load_from(
        root, key=lambda c: (c.pk, first)
    )
    has_next = len(rows) > first
    rows = rows[:first]
    edges = [
        ProducerCountableConnection.Edge(node=row, cursor=encode_cursor([row.name, row.pk]))
        for row in rows
    ]
    connection = ProducerCountableConnection(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=False,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
    connection.count_total = lambda: ProducerCountByCooperativeIdLoader(info.context).load_from(
        root, key=lambda c: c.pk
    )
    return connection


class Cooperative(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the cooperative.")
    jenis = CooperativeJenisEnum(required=True, description="Legal type (jenis).")
    nomor_induk_koperasi = graphene.String(
        description="Nomor Induk Koperasi (16 digits) from the Ministry of Cooperatives."
    )
    nomor_badan_hukum = graphene.String(description="Legal entity (badan hukum) number.")
    tanggal_badan_hukum = graphene.Date(description="Date of the legal entity decree.")
    is_merah_putih = graphene.Boolean(
        required=True, description="Whether it is a Koperasi Desa/Kelurahan Merah Putih."
    )
    has_savings_unit = graphene.Boolean(
        required=True, description="Whether the cooperative runs a savings and loan unit."
    )
    village = graphene.Field(Village, required=True, description="Village of the cooperative.")
    member_count = graphene.Int(required=True, description="Number of members.")
    address = graphene.String(
        description="Street address. Visible to the cooperative's staff and platform staff."
    )
    members_male = graphene.Int(
        description="Male members. Visible to the cooperative's staff and platform staff."
    )
    members_female = graphene.Int(
        description="Female members. Visible to the cooperative's staff and platform staff."
    )
    phone = graphene.String(
        description="Phone number. Visible to the cooperative's staff and platform staff."
    )
    email = graphene.String(
        description="E-mail address. Visible to the cooperative's staff and platform staff."
    )
    nib = graphene.String(
        description="Business ID (NIB). Visible to the cooperative's staff and platform staff."
    )
    npwp = graphene.String(
        description="Tax ID (NPWP). Visible to the cooperative's staff and platform staff."
    )
    fee_percentage = Decimal(
        description="Share (%) of its producers' sales the cooperative keeps. Visible to "
        "the cooperative's staff and platform staff."
    )
    is_active = graphene.Boolean(required=True, description="Whether the cooperative is active.")
    producers = graphene.Field(
        ProducerCountableConnection,
        description="Producers of the cooperative, by name.",
        **connection_args(),
    )
    hubs = graphene.List(
        graphene.NonNull(lambda: VillageHub),
        required=True,
        description="Village hubs listing this cooperative's products.",
    )
    staff = graphene.List(
        graphene.NonNull(CooperativeStaffMember),
        description="Users working for the cooperative. Visible to the cooperative's staff "
        "and platform staff.",
    )

    class Meta:
        description = "A cooperative selling its members' products through village hubs."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CooperativeModel)

    @staticmethod
    def resolve_jenis(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.jenis)

    @staticmethod
    def resolve_nomor_induk_koperasi(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _blank_to_none(root.nomor_induk_koperasi)

    @staticmethod
    def resolve_nomor_badan_hukum(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _blank_to_none(root.nomor_badan_hukum)

    @staticmethod
    def resolve_village(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _village(info, root)

    @staticmethod
    def resolve_address(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_record(info, root.pk, _blank_to_none(root.address))

    @staticmethod
    def resolve_members_male(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_record(info, root.pk, root.members_male)

    @staticmethod
    def resolve_members_female(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_record(info, root.pk, root.members_female)

    @staticmethod
    def resolve_phone(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_record(info, root.pk, _blank_to_none(root.phone))

    @staticmethod
    def resolve_email(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_record(info, root.pk, _blank_to_none(root.email))

    @staticmethod
    def resolve_nib(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_record(info, root.pk, _blank_to_none(root.nib))

    @staticmethod
    def resolve_npwp(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_record(info, root.pk, _blank_to_none(root.npwp))

    @staticmethod
    def resolve_fee_percentage(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return _cooperative_private(info, root.pk, root.fee_percentage)

    @staticmethod
    def resolve_producers(root: CooperativeModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        return _producer_page(root, info, args)

    @staticmethod
    def resolve_hubs(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        return HubsByCooperativeIdLoader(info.context).load_from(root, key=lambda c: c.pk)

    @staticmethod
    def resolve_staff(root: CooperativeModel, info: graphene.ResolveInfo) -> Any:
        _cooperative_private(info, root.pk, None)
        return list(root.staff_members.select_related("user").order_by("pk"))


class CooperativeCountableConnection(CountableConnection):
    class Meta:
        node = Cooperative


class CooperativeError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
    code = VillageHubErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a cooperative mutation."


class ProducerError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
    code = VillageHubErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a producer mutation."


# --- Village hubs (Lumbung) ---------------------------------------------------------------


class HubOpeningHours(graphene.ObjectType):
    weekday = WeekdayEnum(required=True, description="Day of the week.")
    opens = graphene.String(
        required=True, description="Opening time (HH:MM:SS), in the hub's time zone."
    )
    closes = graphene.String(
        required=True, description="Closing time (HH:MM:SS), in the hub's time zone."
    )

    class Meta:
        description = "One opening interval of a village hub."

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, HubOpeningHoursModel | cls)

    @staticmethod
    def resolve_weekday(root: HubOpeningHoursModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.weekday)


class VillageHub(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the hub.")
    slug = graphene.String(required=True, description="Slug of the hub and of its channel.")
    village = graphene.Field(Village, required=True, description="Village of the hub.")
    address = graphene.String(description="Street address of the hub.")
    channel = graphene.Field(
        Channel, required=True, description="The sales channel the hub sells through."
    )
    time_zone = HubTimeZoneEnum(required=True, description="Time zone the hub keeps.")
    opening_hours = graphene.List(
        graphene.NonNull(HubOpeningHours), required=True, description="Opening hours."
    )
    phone = graphene.String(description="Contact phone number of the hub.")
    is_active = graphene.Boolean(required=True, description="Whether the hub is active.")
    pickup_points = graphene.List(
        graphene.NonNull(Warehouse),
        required=True,
        description="Click-and-collect warehouses where buyers pick up their orders.",
    )
    cooperatives = graphene.List(
        graphene.NonNull(Cooperative),
        required=True,
        description="Cooperatives whose products the hub lists.",
    )

    class Meta:
        description = "A village hub (desa digital shop) selling through its own channel."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, VillageHubModel)

    @staticmethod
    def resolve_time_zone(root: VillageHubModel, info: graphene.ResolveInfo) -> Any:
        return plain(root.time_zone)

    @staticmethod
    def resolve_village(root: VillageHubModel, info: graphene.ResolveInfo) -> Any:
        return _village(info, root)

    @staticmethod
    def resolve_address(root: VillageHubModel, info: graphene.ResolveInfo) -> Any:
        return _blank_to_none(root.address)

    @staticmethod
    def resolve_phone(root: VillageHubModel, info: graphene.ResolveInfo) -> Any:
        return _blank_to_none(root.phone)

    @staticmethod
    def resolve_channel(root: VillageHubModel, info: graphene.ResolveInfo) -> Any:
        return ChannelByIdLoader(info.context).load_from(root, key=lambda h: h.channel_id)

    @staticmethod
    def resolve_opening_hours(root: VillageHubModel, info: graphene.ResolveInfo) -> Any:
        return OpeningHoursByHubIdLoader(info.context).load_from(root, key=lambda h: h.pk)

    @staticmethod
    def resolve_pickup_points(root: VillageHubModel, info: graphene.ResolveInfo) -> Any:
        return PickupPointsByHubIdLoader(info.context).load_from(root, key=lambda h: h.pk)

    @staticmethod
    def resolve_cooperatives(root: VillageHubModel, info: graphene.ResolveInfo) -> Any:
        return SupplyingCooperativesByHubIdLoader(info.context).load_from(root, key=lambda h: h.pk)


class VillageHubCountableConnection(CountableConnection):
    class Meta:
        node = VillageHub


class VillageHubError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
    code = VillageHubErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a village hub mutation."
