"""Input objects of the channel, warehouse, cooperative, producer and hub mutations."""

from __future__ import annotations

import graphene

from storefront_api.core.enums import CountryCode
from storefront_api.core.scalars import Decimal
from storefront_api.village_hubs.enums import (
    AllocationStrategyEnum,
    CooperativeJenisEnum,
    HubTimeZoneEnum,
    MarkAsPaidStrategyEnum,
    ProducerSizeClassEnum,
    WarehouseClickAndCollectOptionEnum,
    WeekdayEnum,
)
from storefront_api.village_hubs.scalars import Day, Minute

VILLAGE_CODE_DESCRIPTION = "Kemendagri code of the village, e.g. 51.03.05.2001."

# --- Channels ----------------------------------------------------------------------------


class StockSettingsInput(graphene.InputObjectType):
    allocation_strategy = AllocationStrategyEnum(
        required=True, description="Allocation strategy options."
    )


class OrderSettingsInput(graphene.InputObjectType):
    automatically_confirm_all_new_orders = graphene.Boolean(
        description="When enabled, all new orders are confirmed automatically."
    )
    automatically_fulfill_non_shippable_gift_card = graphene.Boolean(
        description="When enabled, non-shippable gift cards are fulfilled automatically."
    )
    expire_orders_after = graphene.InputField(
        Minute, description="Minutes after which unpaid orders expire; 0 or null: never."
    )
    delete_expired_orders_after = graphene.InputField(
        Day, description="Days (1–120) after which expired orders are deleted."
    )
    mark_as_paid_strategy = MarkAsPaidStrategyEnum(
        description="Strategy used when an order is marked as paid."
    )
    allow_unpaid_orders = graphene.Boolean(
        description="Whether orders can be placed without payment (paid at pickup)."
    )


class CheckoutSettingsInput(graphene.InputObjectType):
    use_legacy_error_flow = graphene.Boolean(description="Use the legacy checkout error flow.")
    automatically_complete_fully_paid_checkouts = graphene.Boolean(
        description="Complete fully paid checkouts automatically."
    )
    allow_legacy_gift_card_use = graphene.Boolean(description="Allow legacy gift card use.")


class _ChannelInputBase(graphene.InputObjectType):
    is_active = graphene.Boolean(description="Whether the channel is active.")
    stock_settings = graphene.InputField(StockSettingsInput, description="Stock settings.")
    order_settings = graphene.InputField(OrderSettingsInput, description="Order settings.")
    checkout_settings = graphene.InputField(CheckoutSettingsInput, description="Checkout settings.")


class ChannelCreateInput(_ChannelInputBase):
    name = graphene.String(required=True, description="Name of the channel.")
    slug = graphene.String(required=True, description="Slug of the channel.")
    currency_code = graphene.String(required=True, description="Currency of the channel.")
    default_country = CountryCode(required=True, description="Default country of the channel.")


class ChannelUpdateInput(_ChannelInputBase):
    name = graphene.String(description="Name of the channel.")
    slug = graphene.String(description="Slug of the channel.")
    default_country = CountryCode(description="Default country of the channel.")


# --- Warehouses --------------------------------------------------------------------------


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    company_name = graphene.String(description="Company or organization.")
    street_address1 = graphene.String(description="Address.")
    street_address2 = graphene.String(description="Address.")
    city = graphene.String(description="City.")
    city_area = graphene.String(description="District.")
    postal_code = graphene.String(description="Postal code.")
    country = CountryCode(description="Country.")
    country_area = graphene.String(description="State or province.")
    phone = graphene.String(description="Phone number.")
    skip_validation = graphene.Boolean(
        default_value=False, description="Determine if the address should be validated."
    )
    metadata = graphene.List(
        graphene.NonNull("storefront_api.core.metadata.MetadataInput"),
        description="Address public metadata, merged into what the address keeps.",
    )
    # --- accounts (Lumbung-only) ---
    village_code = graphene.String(
        description=VILLAGE_CODE_DESCRIPTION + " Optional; blank region fields and the postal "
        "code of the address follow from it."
    )


class _WarehouseInputBase(graphene.InputObjectType):
    slug = graphene.String(description="Warehouse slug.")
    email = graphene.String(description="The email address of the warehouse.")
    village_code = graphene.String(
        description=VILLAGE_CODE_DESCRIPTION + " Region fields of the address follow from it; "
        "defaults to the village of the hub or cooperative."
    )


class WarehouseCreateInput(_WarehouseInputBase):
    name = graphene.String(required=True, description="Warehouse name.")
    address = graphene.InputField(
        AddressInput, required=True, description="Address of the warehouse."
    )
    village_hub = graphene.ID(
        description="Village hub the warehouse is a pickup point of (click and collect)."
    )
    cooperative = graphene.ID(description="Cooperative owning the warehouse.")


class WarehouseUpdateInput(_WarehouseInputBase):
    name = graphene.String(description="Warehouse name.")
    address = graphene.InputField(AddressInput, description="Address of the warehouse.")
    click_and_collect_option = WarehouseClickAndCollectOptionEnum(
        description="Click and collect options: local, all or disabled."
    )
    is_private = graphene.Boolean(description="Visibility of warehouse stocks.")


# --- Cooperatives ------------------------------------------------------------------------


class _CooperativeFields(graphene.InputObjectType):
    address = graphene.String(description="Street address.")
    nomor_induk_koperasi = graphene.String(description="Nomor Induk Koperasi (16 digits).")
    nomor_badan_hukum = graphene.String(description="Legal entity number.")
    tanggal_badan_hukum = graphene.Date(description="Date of the legal entity decree.")
    is_merah_putih = graphene.Boolean(description="Koperasi Desa/Kelurahan Merah Putih.")
    has_savings_unit = graphene.Boolean(description="Runs a savings and loan unit.")
    member_count = graphene.Int(description="Number of members.")
    members_male = graphene.Int(description="Male members.")
    members_female = graphene.Int(description="Female members.")
    phone = graphene.String(description="Phone number, e.g. 0812 3456 7890 or +6281234567890.")
    email = graphene.String(description="E-mail address.")
    nib = graphene.String(description="Business ID (NIB, 13 digits).")
    npwp = graphene.String(description="Tax ID (NPWP, 15 or 16 digits).")
    fee_percentage = Decimal(description="Share (%) of producers' sales it keeps.")
    is_active = graphene.Boolean(description="Whether the cooperative is active.")


class CooperativeCreateInput(_CooperativeFields):
    name = graphene.String(required=True, description="Name of the cooperative.")
    jenis = CooperativeJenisEnum(required=True, description="Legal type (jenis).")
    village_code = graphene.String(required=True, description=VILLAGE_CODE_DESCRIPTION)


class CooperativeUpdateInput(_CooperativeFields):
    name = graphene.String(description="Name of the cooperative.")
    jenis = CooperativeJenisEnum(description="Legal type (jenis).")
    village_code = graphene.String(description=VILLAGE_CODE_DESCRIPTION)


# --- Producers ---------------------------------------------------------------------------


class _ProducerFields(graphene.InputObjectType):
    owner_name = graphene.String(description="Name of the owner.")
    village_code = graphene.String(
        description=VILLAGE_CODE_DESCRIPTION + " Defaults to the cooperative's village."
    )
    size_class = ProducerSizeClassEnum(description="Business size.")
    nib = graphene.String(description="Business ID (NIB, 13 digits).")
    pirt_number = graphene.String(description="P-IRT number, e.g. 1234567890123-45.")
    halal_certificate_number = graphene.String(description="Halal certificate number.")
    halal_certificate_expiry = graphene.Date(description="Expiry date of the halal certificate.")
    bpom_number = graphene.String(description="BPOM registration number, e.g. MD 123456789012.")
    phone = graphene.String(description="Phone number.")
    is_active = graphene.Boolean(description="Whether the producer is active.")


class ProducerCreateInput(_ProducerFields):
    cooperative = graphene.ID(required=True, description="Cooperative of the producer.")
    name = graphene.String(required=True, description="Business name.")


class ProducerUpdateInput(_ProducerFields):
    name = graphene.String(description="Business name.")


# --- Village hubs ------------------------------------------------------------------------


class _VillageHubFields(graphene.InputObjectType):
    slug = graphene.String(description="Slug of the hub and its channel.")
    time_zone = HubTimeZoneEnum(description="Time zone; defaults to the province's.")
    address = graphene.String(description="Street address.")
    phone = graphene.String(description="Contact phone number.")
    is_active = graphene.Boolean(description="Whether the hub (and its channel) is active.")


class VillageHubCreateInput(_VillageHubFields):
    name = graphene.String(required=True, description="Name of the hub.")
    village_code = graphene.String(required=True, description=VILLAGE_CODE_DESCRIPTION)


class VillageHubUpdateInput(_VillageHubFields):
    name = graphene.String(description="Name of the hub.")
    village_code = graphene.String(description=VILLAGE_CODE_DESCRIPTION)


class HubOpeningHoursInput(graphene.InputObjectType):
    weekday = WeekdayEnum(required=True, description="Day of the week.")
    opens = graphene.String(required=True, description="Opening time, HH:MM or HH:MM:SS.")
    closes = graphene.String(required=True, description="Closing time, HH:MM or HH:MM:SS.")
