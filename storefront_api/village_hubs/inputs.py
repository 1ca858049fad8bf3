"""Input objects of the channel, warehouse, cooperative, producer and hub mutations."""

from __future__ import annotations

import graphene

from storefront_api.core.scalars import Decimal
from storefront_api.core.types import VILLAGE_CODE_DESCRIPTION
from storefront_api.village_hubs.enums import (
    CooperativeJenisEnum,
    HubTimeZoneEnum,
    ProducerSizeClassEnum,
    WeekdayEnum,
)

# --- Channels ----------------------------------------------------------------------------


# --- Warehouses --------------------------------------------------------------------------


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
