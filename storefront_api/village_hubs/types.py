"""Types of the marketplace's own world: regions, village hubs, cooperatives and
producers, all Lumbung-only (Saleor's ``Channel``, ``Warehouse`` and ``Address`` live in
:mod:`storefront_api.channels`, :mod:`storefront_api.warehouses` and
:mod:`storefront_api.accounts.address`).

Private fields raise ``PermissionDenied`` (as Saleor's permission-gated fields do) unless
the viewer works for the cooperative or is platform staff; see :mod:`.access`.
"""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.regions.models import Village as VillageModel
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from marketplace.village_hubs.models import CooperativeStaff as CooperativeStaffModel
from marketplace.village_hubs.models import HubOpeningHours as HubOpeningHoursModel
from marketplace.village_hubs.models import Producer as ProducerModel
from marketplace.village_hubs.models import VillageHub as VillageHubModel
from storefront_api.accounts.types import User
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.channels.types import Channel
from storefront_api.coop_supervision.access import supervises
from storefront_api.core.connection import (
    MAX_PAGE_SIZE,
    CountableConnection,
    connection_args,
    encode_cursor,
    resolve_connection,
    validate_connection_args,
)
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.scalars import Decimal
from storefront_api.core.types import Error, plain
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
)
from storefront_api.village_hubs.enums import (
    CooperativeJenisEnum,
    CooperativeStaffRoleEnum,
    HubTimeZoneEnum,
    ProducerSizeClassEnum,
    VillageHubErrorCode,
    WeekdayEnum,
)
from storefront_api.warehouses.types import Warehouse


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


class CooperativeError(Error):
    code = VillageHubErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a cooperative mutation."


class ProducerError(Error):
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


class VillageHubError(Error):
    code = VillageHubErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a village hub mutation."
