"""Filtering and sorting of ``vouchers`` (Saleor's ``VoucherFilterInput`` and
``VoucherSortingInput``)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.db.models import (
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.discounts.models import (
    DiscountValueType,
    Voucher,
    VoucherChannelListing,
    VoucherCode,
    VoucherType,
)
from storefront_api.core.ids import decode_int_pk


def _value(member: Any) -> Any:
    return member.value if isinstance(member, Enum) else member


def _used_total() -> Coalesce:
    used = (
        VoucherCode.objects.filter(voucher=OuterRef("pk"))
        .order_by()
        .values("voucher")
        .annotate(total=Sum("used"))
        .values("total")
    )
    return Coalesce(Subquery(used, output_field=IntegerField()), Value(0))


def filter_vouchers(queryset: QuerySet[Voucher], data: dict[str, Any] | None) -> QuerySet[Voucher]:
    """``status`` (ACTIVE, EXPIRED, SCHEDULED), ``timesUsed``, ``discountType``,
    ``started``, ``search`` (name or any code) and ``ids``."""
    data = data or {}
    now = timezone.now()
    needs_used = bool(data.get("status") or data.get("times_used"))
    if needs_used:
        queryset = queryset.annotate(used_total=_used_total())
    statuses = {_value(status) for status in data.get("status") or []}
    if statuses:
        condition = Q(pk__in=[])
        if "active" in statuses:
            condition |= (
                Q(start_date__lte=now)
                & (Q(end_date__isnull=True) | Q(end_date__gte=now))
                & _under_limit()
            )
        if "expired" in statuses:
            condition |= Q(end_date__lt=now) | ~_under_limit()
        if "scheduled" in statuses:
            condition |= Q(start_date__gt=now)
        queryset = queryset.filter(condition)
    used = data.get("times_used") or {}
    # used_total: annotated above, as times_used makes needs_used true; the plugin only
    # sees the declared QuerySet[Voucher]
    if used.get("gte") is not None:
        queryset = queryset.filter(used_total__gte=used["gte"])  # type: ignore[misc]
    if used.get("lte") is not None:
        queryset = queryset.filter(used_total__lte=used["lte"])  # type: ignore[misc]
    kinds = {_value(kind) for kind in data.get("discount_type") or []}
    if kinds:
        condition = Q(pk__in=[])
        if "fixed" in kinds:
            condition |= Q(discount_value_type=DiscountValueType.FIXED) & ~Q(
                type=VoucherType.SHIPPING
            )
        if "percentage" in kinds:
            condition |= Q(discount_value_type=DiscountValueType.PERCENTAGE) & ~Q(
                type=VoucherType.SHIPPING
            )
        if "shipping" in kinds:
            condition |= Q(type=VoucherType.SHIPPING)
        queryset = queryset.filter(condition)
    started = data.get("started") or {}
    if started.get("gte") is not None:
        queryset = queryset.filter(start_date__gte=started["gte"])
    if started.get("lte") is not None:
        queryset = queryset.filter(start_date__lte=started["lte"])
    search = (data.get("search") or "").strip()
    if search:
        codes = VoucherCode.objects.filter(voucher=OuterRef("pk"), code__icontains=search)
        queryset = queryset.filter(Q(name__icontains=search) | Exists(codes))
    if data.get("ids") is not None:
        pks = [decode_int_pk(value, only_type="Voucher", field="ids") for value in data["ids"]]
        queryset = queryset.filter(pk__in=pks)
    return queryset


def _under_limit() -> Q:
    return Q(usage_limit__isnull=True) | Q(usage_limit__gt=F("used_total"))


def sort_vouchers(
    queryset: QuerySet[Voucher], sort_by: dict[str, Any] | None, channel_slug: str | None
) -> tuple[QuerySet[Voucher], list[str]]:
    """The queryset (annotated when sorting needs it) and its order: by name unless
    ``sortBy`` says otherwise; value and minimum spent are those in ``channel`` (the
    lowest of all channels without one)."""
    if not sort_by:
        return queryset, ["name"]
    field = _value(sort_by.get("field")) or "name"
    prefix = "-" if _value(sort_by.get("direction")) == "desc" else ""
    channel_slug = channel_slug or sort_by.get("channel")
    if field == "code":
        first_code = (
            VoucherCode.objects.filter(voucher=OuterRef("pk")).order_by("code").values("code")[:1]
        )
        queryset = queryset.annotate(sort_code=Subquery(first_code))
        return queryset, [f"{prefix}sort_code", f"{prefix}name"]
    if field in ("value", "minimum_spent_amount"):
        column = "discount_value" if field == "value" else "min_spent_amount"
        listings = VoucherChannelListing.objects.filter(voucher=OuterRef("pk"))
        if channel_slug:
            listings = listings.filter(channel__slug=channel_slug)
        value = listings.order_by(column).values(column)[:1]
        queryset = queryset.annotate(
            sort_value=Subquery(value, output_field=DecimalField(max_digits=12, decimal_places=2))
        )
        return queryset, [f"{prefix}sort_value", f"{prefix}name"]
    column = {
        "name": "name",
        "start_date": "start_date",
        "end_date": "end_date",
        "type": "type",
        "usage_limit": "usage_limit",
    }[field]
    order = [f"{prefix}{column}"]
    if column != "name":
        order.append(f"{prefix}name")
    return queryset, order
