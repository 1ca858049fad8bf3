"""A cooperative's activity profile (coop-health.md §4), its early warnings and the
offline sales it entered (Lumbung-only).

Readers: whoever ``access.can_read`` lets read the cooperative (its staff, platform
staff, …); the root resolvers check that before handing anything out.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils import timezone

from coop_reporting.sales import periods, selectors
from coop_reporting.sales.models import CooperativeFlag as CooperativeFlagModel
from coop_reporting.sales.models import OfflineSale as OfflineSaleModel
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from storefront_api.coop_reporting.access import can_read
from storefront_api.coop_reporting.enums import CoopSalesErrorCode
from storefront_api.coop_reporting.types import Rupiah
from storefront_api.core.ids import decode_int_pk, global_id
from storefront_api.core.types import Error
from storefront_api.village_hubs import access
from storefront_api.village_hubs.dataloaders import CooperativeByIdLoader
from storefront_api.village_hubs.types import Cooperative

FIRST_YEAR = 2000


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def cooperative_to_read(info: Any, cooperative_id: str, *, field: str = "cooperative") -> Any:
    """The cooperative, once the requestor may read it; None when there is no such one.
    Anonymous users and readers of other cooperatives get ``PermissionDenied``."""
    access.require_signed_in(info)
    cooperative = CooperativeModel.objects.filter(
        pk=decode_int_pk(cooperative_id, only_type="Cooperative", field=field)
    ).first()
    if cooperative is None:
        return None
    access.require(can_read(info, cooperative.pk))
    return cooperative


def current_financial_year() -> int:
    return periods.financial_year_of(timezone.localdate())


def checked_financial_year(year: int | None) -> int:
    """``year``, or the current financial year when None; refused outside 2000 to the
    current one (a ValidationError, reported as a GraphQL error)."""
    current = current_financial_year()
    if year is None:
        return current
    if not FIRST_YEAR <= year <= current:
        raise ValidationError(
            {"financial_year": f"Choose a financial year from {FIRST_YEAR} to {current}."},
            code="invalid",
        )
    return year


class CooperativeFlag(graphene.ObjectType):
    kind = graphene.String(
        required=True, description="What it warns about: sales_drop, no_sales, rat_overdue."
    )
    label = graphene.String(required=True, description="The kind, in the requestor's language.")
    reason = graphene.String(required=True, description="Why, with the figures behind it.")
    raised_at = graphene.DateTime(required=True, description="Since when.")

    class Meta:
        description = "An open early warning about a cooperative."

    @staticmethod
    def resolve_label(root: CooperativeFlagModel, info: graphene.ResolveInfo) -> str:
        return selectors.flag_label(root.kind)


class OfflineSale(graphene.ObjectType):
    cooperative = graphene.Field(Cooperative, required=True, description="The cooperative.")
    month = graphene.Date(required=True, description="First day of the month of the sales.")
    amount = Rupiah(required=True, description="Sales outside the marketplace, in rupiah.")
    note = graphene.String(description="What the sales were (e.g. pasar desa).")
    created_at = graphene.DateTime(required=True, description="When it was entered.")

    class Meta:
        description = "Sales a cooperative made outside the marketplace in one month."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, OfflineSaleModel)

    @staticmethod
    def resolve_cooperative(root: OfflineSaleModel, info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda r: r.cooperative_id)

    @staticmethod
    def resolve_note(root: OfflineSaleModel, info: graphene.ResolveInfo) -> str | None:
        return root.note or None


class CooperativeMonthlySales(graphene.ObjectType):
    month = graphene.Date(required=True, description="First day of the month.")
    marketplace_sales = Rupiah(required=True, description="Marketplace sales, net of refunds.")
    offline_sales = Rupiah(required=True, description="Offline sales the cooperative entered.")
    volume_usaha = Rupiah(required=True, description="Marketplace plus offline sales.")
    orders = graphene.Int(required=True, description="Marketplace orders.")
    units_sold = graphene.Int(required=True, description="Units sold on the marketplace.")
    previous_year_volume_usaha = Rupiah(
        required=True, description="Volume usaha of the same month a year earlier."
    )

    class Meta:
        description = "One month of a cooperative's financial year."


class CooperativeCategorySales(graphene.ObjectType):
    category_id = graphene.ID(description="ID of the category; null for sales without one.")
    name = graphene.String(required=True, description="Name of the category.")
    units_sold = graphene.Int(required=True, description="Units sold.")
    sales = Rupiah(required=True, description="Marketplace sales, net of refunds.")

    class Meta:
        description = "A cooperative's marketplace sales of one category in a financial year."

    @staticmethod
    def resolve_category_id(
        root: selectors.CategorySales, info: graphene.ResolveInfo
    ) -> str | None:
        return None if root.category_id is None else global_id("Category", root.category_id)


class CooperativeActivityTrend(graphene.ObjectType):
    previous_financial_year = graphene.Int(required=True, description="The year compared with.")
    previous_marketplace_sales = Rupiah(required=True, description="Its marketplace sales.")
    marketplace_sales_change_percent = graphene.Float(
        description="Change of marketplace sales (%); null when the previous year had none."
    )
    previous_volume_usaha = Rupiah(required=True, description="Its volume usaha.")
    volume_usaha_change_percent = graphene.Float(description="Change of volume usaha (%).")
    previous_orders = graphene.Int(required=True, description="Its orders.")
    orders_change_percent = graphene.Float(description="Change of orders (%).")
    previous_buyers = graphene.Int(required=True, description="Its buyers.")
    buyers_change_percent = graphene.Float(description="Change of buyers (%).")
    previous_active_producers = graphene.Int(required=True, description="Its active producers.")
    active_producers_change_percent = graphene.Float(description="Change of active producers (%).")

    class Meta:
        description = "A financial year against the previous one (percentages, one decimal)."

    @staticmethod
    def resolve_marketplace_sales_change_percent(root: Any, info: graphene.ResolveInfo) -> Any:
        return _float(root.marketplace_sales_change_percent)

    @staticmethod
    def resolve_volume_usaha_change_percent(root: Any, info: graphene.ResolveInfo) -> Any:
        return _float(root.volume_usaha_change_percent)

    @staticmethod
    def resolve_orders_change_percent(root: Any, info: graphene.ResolveInfo) -> Any:
        return _float(root.orders_change_percent)

    @staticmethod
    def resolve_buyers_change_percent(root: Any, info: graphene.ResolveInfo) -> Any:
        return _float(root.buyers_change_percent)

    @staticmethod
    def resolve_active_producers_change_percent(root: Any, info: graphene.ResolveInfo) -> Any:
        return _float(root.active_producers_change_percent)


class ProfileRoot:
    """The profile of one cooperative and year; the extras are read only when asked."""

    def __init__(self, cooperative: CooperativeModel, year: int) -> None:
        self.cooperative = cooperative
        self.year = year
        self.profile = selectors.cooperative_activity_profile(cooperative, year)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.profile, name)

    @cached_property
    def trend(self) -> selectors.ActivityTrend:
        previous = selectors.cooperative_activity_profile(self.cooperative, self.year - 1)
        return selectors.cooperative_activity_trend(self.profile, previous)


class CooperativeActivityProfile(graphene.ObjectType):
    cooperative = graphene.Field(Cooperative, required=True, description="The cooperative.")
    financial_year = graphene.Int(required=True, description="Financial year (tahun buku).")
    starts_on = graphene.Date(required=True, description="First day of the financial year.")
    ends_on = graphene.Date(required=True, description="Last day of the financial year.")
    marketplace_sales = Rupiah(
        required=True, description="Settled marketplace sales, net of refunds and cancellations."
    )
    offline_sales = Rupiah(required=True, description="Offline sales the cooperative entered.")
    volume_usaha = Rupiah(required=True, description="Volume usaha: marketplace + offline.")
    units_sold = graphene.Int(required=True, description="Units sold on the marketplace.")
    orders = graphene.Int(required=True, description="Marketplace orders.")
    buyers = graphene.Int(required=True, description="Distinct buyers.")
    repeat_buyers = graphene.Int(required=True, description="Buyers with two orders or more.")
    active_producers = graphene.Int(
        required=True, description="Member producers who sold (anggota bertransaksi)."
    )
    member_count = graphene.Int(description="Members (null when not known).")
    member_participation = graphene.Float(
        description="Members' transactions ÷ volume usaha, a share from 0 to 1 (null "
        "without volume)."
    )
    member_transactions = Rupiah(
        required=True,
        description="Marketplace sales bought by an account linked to a member or sold by a "
        "member's producer, net of refunds.",
    )
    members_transacted = graphene.Int(
        required=True, description="Members of the registry who bought or sold."
    )
    member_transacting_share = graphene.Float(
        description="Members who transacted ÷ members, a share from 0 to 1 (null without members)."
    )
    months_with_sales = graphene.Int(
        required=True, description="Months with marketplace or offline sales."
    )
    trend = graphene.Field(
        CooperativeActivityTrend, required=True, description="Against the previous year."
    )
    sales_by_month = graphene.List(
        graphene.NonNull(CooperativeMonthlySales),
        required=True,
        description="The twelve months of the financial year.",
    )
    sales_by_category = graphene.List(
        graphene.NonNull(CooperativeCategorySales),
        required=True,
        description="Marketplace sales by category, largest first.",
    )
    offline_sale_entries = graphene.List(
        graphene.NonNull(OfflineSale),
        required=True,
        description="The offline sales entered for this financial year, by month.",
    )
    flags = graphene.List(
        graphene.NonNull(CooperativeFlag), required=True, description="Open early warnings."
    )

    class Meta:
        description = (
            "A cooperative's business activity in one financial year, from its marketplace "
            "sales and the offline sales it entered."
        )

    @staticmethod
    def resolve_cooperative(root: ProfileRoot, info: graphene.ResolveInfo) -> Any:
        return root.cooperative

    @staticmethod
    def resolve_member_participation(root: ProfileRoot, info: graphene.ResolveInfo) -> Any:
        return _float(root.member_participation)

    @staticmethod
    def resolve_member_transacting_share(root: ProfileRoot, info: graphene.ResolveInfo) -> Any:
        return _float(root.member_transacting_share)

    @staticmethod
    def resolve_trend(root: ProfileRoot, info: graphene.ResolveInfo) -> Any:
        return root.trend

    @staticmethod
    def resolve_sales_by_month(root: ProfileRoot, info: graphene.ResolveInfo) -> Any:
        return selectors.cooperative_sales_by_month(root.cooperative, root.year)

    @staticmethod
    def resolve_sales_by_category(root: ProfileRoot, info: graphene.ResolveInfo) -> Any:
        return selectors.cooperative_sales_by_category(root.cooperative, root.year)

    @staticmethod
    def resolve_offline_sale_entries(root: ProfileRoot, info: graphene.ResolveInfo) -> Any:
        return list(selectors.cooperative_offline_sales(root.cooperative, root.year))

    @staticmethod
    def resolve_flags(root: ProfileRoot, info: graphene.ResolveInfo) -> Any:
        return selectors.cooperative_open_flags(root.cooperative)


class CoopActivityQueries(graphene.ObjectType):
    cooperative_activity_profile = graphene.Field(
        CooperativeActivityProfile,
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        financial_year=graphene.Int(
            description="Financial year (named after the calendar year it starts in); the "
            "current one when omitted."
        ),
        description="A cooperative's activity profile for a financial year. Requires the "
        "cooperative's staff or platform staff.",
    )
    cooperative_flags = graphene.List(
        graphene.NonNull(CooperativeFlag),
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        description="A cooperative's open early warnings, oldest first. Requires the "
        "cooperative's staff or platform staff.",
    )

    @staticmethod
    def resolve_cooperative_activity_profile(
        root: Any,
        info: graphene.ResolveInfo,
        *,
        cooperative: str,
        financial_year: int | None = None,
    ) -> Any:
        coop = cooperative_to_read(info, cooperative)
        if coop is None:
            return None
        return ProfileRoot(coop, checked_financial_year(financial_year))

    @staticmethod
    def resolve_cooperative_flags(
        root: Any, info: graphene.ResolveInfo, *, cooperative: str
    ) -> Any:
        coop = cooperative_to_read(info, cooperative)
        if coop is None:
            return None
        return selectors.cooperative_open_flags(coop)


class CoopSalesError(Error):
    code = CoopSalesErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of an offline sale mutation."
