"""Producer statements (the consignment ledger): per producer and period, units and gross
sales, refunds, the cooperative's fee and what it owes the producer (Lumbung-only).

Readers: whoever ``access.can_read`` lets read the producer's cooperative. Producers have
no user accounts of their own yet (``marketplace.village_hubs``), so a producer reads
their statement through the cooperative.
"""

from __future__ import annotations

import datetime
from typing import Any

import graphene

from coop_reporting.sales import selectors
from coop_reporting.sales.models import SaleFactKind
from marketplace.village_hubs.models import Producer as ProducerModel
from storefront_api.coop_reporting.access import can_read
from storefront_api.coop_reporting.activity import cooperative_to_read
from storefront_api.coop_reporting.types import Rupiah
from storefront_api.core.ids import decode_int_pk, global_id
from storefront_api.village_hubs import access
from storefront_api.village_hubs.dataloaders import CooperativeByIdLoader
from storefront_api.village_hubs.types import Cooperative

MAX_PERIOD_DAYS = 366


class ProducerStatementLine(graphene.ObjectType):
    date = graphene.Date(required=True, description="Day the money moved (hub's time zone).")
    order_id = graphene.ID(required=True, description="ID of the order.")
    order_number = graphene.String(
        description="Number of the order, as the buyer and the hub see it (null if deleted)."
    )
    product_name = graphene.String(required=True, description="Name of the product as sold.")
    variant_name = graphene.String(
        required=True, description="Name of the variant as sold (empty for the only variant)."
    )
    is_refund = graphene.Boolean(required=True, description="A refund (or cancellation).")
    quantity = graphene.Int(required=True, description="Units; negative for refunds.")
    amount = Rupiah(required=True, description="Rupiah; negative for refunds.")

    class Meta:
        description = "One order line of the producer on one day: a sale or a refund."

    @staticmethod
    def resolve_date(root: selectors.StatementLine, info: graphene.ResolveInfo) -> Any:
        return root.booked_on

    @staticmethod
    def resolve_order_id(root: selectors.StatementLine, info: graphene.ResolveInfo) -> str:
        return global_id("Order", root.order_id)

    @staticmethod
    def resolve_order_number(root: selectors.StatementLine, info: graphene.ResolveInfo) -> Any:
        return None if root.order_number is None else str(root.order_number)

    @staticmethod
    def resolve_is_refund(root: selectors.StatementLine, info: graphene.ResolveInfo) -> bool:
        return root.kind == SaleFactKind.REVERSAL


class ProducerStatement(graphene.ObjectType):
    producer_id = graphene.ID(required=True, description="ID of the producer.")
    producer_name = graphene.String(required=True, description="The producer's name.")
    cooperative = graphene.Field(Cooperative, required=True, description="The cooperative.")
    starts_on = graphene.Date(required=True, description="First day of the period.")
    ends_on = graphene.Date(required=True, description="Last day of the period.")
    units_sold = graphene.Int(required=True, description="Units sold.")
    gross_sales = Rupiah(required=True, description="Gross sales.")
    units_refunded = graphene.Int(required=True, description="Units refunded.")
    refunds = Rupiah(required=True, description="Refunds (a positive amount).")
    net_sales = Rupiah(required=True, description="Gross sales minus refunds.")
    fee_percentage = graphene.Float(
        required=True, description="The cooperative's fee (%), as set on the cooperative."
    )
    cooperative_fee = Rupiah(
        required=True, description="Net sales × fee %, rounded half up to whole rupiah."
    )
    net_owed = Rupiah(required=True, description="What the cooperative owes the producer.")
    lines = graphene.List(
        graphene.NonNull(ProducerStatementLine),
        required=True,
        description="Sales and refunds, by date.",
    )

    class Meta:
        description = "What a producer sold through the cooperative in a period, and is owed."

    @staticmethod
    def resolve_producer_id(root: selectors.ProducerStatement, info: graphene.ResolveInfo) -> str:
        return global_id("Producer", root.producer_id)

    @staticmethod
    def resolve_cooperative(root: selectors.ProducerStatement, info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load(root.cooperative_id)

    @staticmethod
    def resolve_fee_percentage(
        root: selectors.ProducerStatement, info: graphene.ResolveInfo
    ) -> float:
        return float(root.fee_percentage)


def checked_period(starts_on: datetime.date, ends_on: datetime.date) -> None:
    """A GraphQL error for a period ending before it starts or longer than a year."""
    from django.core.exceptions import ValidationError

    if ends_on < starts_on:
        raise ValidationError({"until": "The end of the period is before its start."})
    if (ends_on - starts_on).days + 1 > MAX_PERIOD_DAYS:
        raise ValidationError({"until": f"A statement covers at most {MAX_PERIOD_DAYS} days."})


class CoopStatementQueries(graphene.ObjectType):
    producer_statement = graphene.Field(
        ProducerStatement,
        producer=graphene.ID(required=True, description="ID of the producer."),
        from_=graphene.Date(required=True, name="from", description="First day (included)."),
        until=graphene.Date(required=True, description="Last day (included)."),
        description="A producer's statement for a period of at most 366 days. Requires the "
        "staff of the producer's cooperative or platform staff.",
    )
    producer_statements = graphene.List(
        graphene.NonNull(ProducerStatement),
        cooperative=graphene.ID(required=True, description="ID of the cooperative."),
        from_=graphene.Date(required=True, name="from", description="First day (included)."),
        until=graphene.Date(required=True, description="Last day (included)."),
        description="The statements of every producer of a cooperative for one period, by "
        "producer name. Requires the cooperative's staff or platform staff.",
    )

    @staticmethod
    def resolve_producer_statement(
        root: Any, info: graphene.ResolveInfo, *, producer: str, until: datetime.date, **args: Any
    ) -> Any:
        access.require_signed_in(info)
        starts_on = args["from_"]
        found = (
            ProducerModel.objects.select_related("cooperative")
            .filter(pk=decode_int_pk(producer, only_type="Producer", field="producer"))
            .first()
        )
        if found is None:
            return None
        access.require(can_read(info, found.cooperative_id))
        checked_period(starts_on, until)
        return selectors.producer_statement(found, starts_on, until)

    @staticmethod
    def resolve_producer_statements(
        root: Any,
        info: graphene.ResolveInfo,
        *,
        cooperative: str,
        until: datetime.date,
        **args: Any,
    ) -> Any:
        coop = cooperative_to_read(info, cooperative)
        if coop is None:
            return None
        checked_period(args["from_"], until)
        return selectors.cooperative_producer_statements(coop, args["from_"], until)
