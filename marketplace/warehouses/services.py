"""Write use cases of warehouses and stock.

Services are keyword-only, transactional, validate with ``full_clean`` and raise
``ValidationError`` with ``WarehouseErrorCode``/``StockErrorCode`` values; nothing is saved
then. Permission checks are the API's job (see ``selectors.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.core.exceptions import field_error
from marketplace.regions.models import Village
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.warehouses.error_codes import StockErrorCode, WarehouseErrorCode
from marketplace.warehouses.models import ClickAndCollectOption, Stock, Warehouse
from marketplace.warehouses.selectors import warehouses_stockable_by_cooperative

logger = logging.getLogger(__name__)

MAX_STOCK_QUANTITY = 2_147_483_647  # PostgreSQL integer


def _errors_with_code(exc: ValidationError, code: WarehouseErrorCode) -> ValidationError:
    """Keep field names and messages, map Django's codes onto WarehouseErrorCode values."""
    mapped: dict[str, list[ValidationError]] = {}
    for field, errors in exc.error_dict.items():
        mapped[field] = [
            ValidationError(
                error.message,
                code=(
                    error.code
                    if error.code in {c.value for c in WarehouseErrorCode}
                    else code.value
                ),
                params=error.params,
            )
            for error in errors
        ]
    return ValidationError(mapped)


def _save_warehouse(warehouse: Warehouse, channels: Iterable[Channel] | None) -> None:
    if warehouse.village_hub_id and warehouse.cooperative_id:
        raise field_error(
            "cooperative",
            _("A warehouse belongs to a village hub or to a cooperative, not both."),
            WarehouseErrorCode.INVALID,
        )
    try:
        warehouse.full_clean()
    except ValidationError as exc:
        raise _errors_with_code(exc, WarehouseErrorCode.INVALID) from exc
    warehouse.save()
    if channels is not None:
        warehouse.channels.set(list(channels))


@transaction.atomic
def warehouse_create(
    *,
    name: str,
    village: Village,
    slug: str | None = None,
    email: str = "",
    street_address: str = "",
    postal_code: str = "",
    phone: str = "",
    click_and_collect_option: str = ClickAndCollectOption.DISABLED,
    is_private: bool = True,
    channels: Iterable[Channel] = (),
    village_hub: VillageHub | None = None,
    cooperative: Cooperative | None = None,
) -> Warehouse:
    """Create a warehouse: a hub's pickup point, a cooperative's own, or a platform one.

    A hub's pickup point serves the hub's channel unless ``channels`` says otherwise.
    """
    channel_list = list(channels)
    if village_hub is not None and not channel_list:
        channel_list = [village_hub.channel]
    warehouse = Warehouse(
        name=name,
        slug=slug or slugify(name, allow_unicode=True),
        email=email,
        street_address=street_address,
        village=village,
        postal_code=postal_code or (village.postal_code or ""),
        phone=phone,
        click_and_collect_option=click_and_collect_option,
        is_private=is_private,
        village_hub=village_hub,
        cooperative=cooperative,
    )
    _save_warehouse(warehouse, channel_list)
    logger.info("warehouse_created", extra={"warehouse_id": warehouse.pk})
    return warehouse


class WarehouseUpdateData(TypedDict, total=False):
    name: str
    slug: str
    email: str
    street_address: str
    village: Village
    postal_code: str
    phone: str
    click_and_collect_option: str
    is_private: bool
    channels: Iterable[Channel]


@transaction.atomic
def warehouse_update(*, warehouse: Warehouse, **data: Unpack[WarehouseUpdateData]) -> Warehouse:
    """Change a warehouse; ``channels`` replaces the set of channels it serves."""
    channels = data.pop("channels", None)
    for field, value in data.items():
        setattr(warehouse, field, value)
    _save_warehouse(warehouse, channels)
    logger.info("warehouse_updated", extra={"warehouse_id": warehouse.pk})
    return warehouse


def _parse_quantity(value: Any, index: int) -> int:
    message = _("Enter the quantity as a whole number, zero or more.")
    if isinstance(value, bool) or value is None:
        raise _stock_error("quantity", message, index)
    if isinstance(value, float):
        if not value.is_integer():
            raise _stock_error("quantity", message, index)
        value = int(value)
    if not isinstance(value, int):
        try:
            number = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            raise _stock_error("quantity", message, index) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise _stock_error("quantity", message, index)
        value = int(number)
    if value < 0 or value > MAX_STOCK_QUANTITY:
        raise _stock_error("quantity", message, index)
    return value


def _stock_error(
    field: str, message: Any, index: int, code: StockErrorCode = StockErrorCode.INVALID
) -> ValidationError:
    return ValidationError(
        {field: ValidationError(message, code=code.value, params={"index": index})}
    )


@transaction.atomic
def product_variant_stocks_update(
    *, variant: ProductVariant, stocks: Sequence[tuple[Warehouse, Any]]
) -> list[Stock]:
    """Set a variant's quantity in each given warehouse (Saleor's
    ``productVariantStocksUpdate``); other warehouses are untouched.

    Refused (``StockErrorCode.INVALID``, error ``params["index"]`` = position in
    ``stocks``): a negative or fractional quantity, a quantity below what is already
    allocated, a warehouse given twice, a warehouse the product's cooperative cannot stock
    into (its own or a pickup point of a hub it supplies). Rows are locked
    (``SELECT ... FOR UPDATE``) so concurrent updates serialize.
    """
    cooperative_id = variant.product.cooperative_id
    allowed = set(
        warehouses_stockable_by_cooperative(cooperative_id=cooperative_id).values_list(
            "pk", flat=True
        )
    )
    wanted: dict[int, int] = {}
    for index, (warehouse, raw_quantity) in enumerate(stocks):
        quantity = _parse_quantity(raw_quantity, index)
        if warehouse.pk in wanted:
            raise _stock_error(
                "warehouse", _("A warehouse is given more than once."), index, StockErrorCode.UNIQUE
            )
        if warehouse.pk not in allowed:
            raise _stock_error(
                "warehouse",
                _("The product's cooperative cannot keep stock in this warehouse."),
                index,
            )
        wanted[warehouse.pk] = quantity
    if not wanted:
        return []
    # Create missing rows first (a concurrent creator makes us skip, not fail), then lock.
    Stock.objects.bulk_create(
        [Stock(warehouse_id=pk, product_variant=variant, quantity=0) for pk in wanted],
        ignore_conflicts=True,
    )
    locked = list(
        Stock.objects.select_for_update()
        .filter(product_variant=variant, warehouse_id__in=wanted)
        .order_by("pk")
    )
    order = {pk: index for index, pk in enumerate(wanted)}
    for stock in locked:
        if wanted[stock.warehouse_id] < stock.quantity_allocated:
            raise _stock_error(
                "quantity",
                _("The quantity cannot be lower than what is already allocated to orders."),
                order[stock.warehouse_id],
            )
        stock.quantity = wanted[stock.warehouse_id]
    Stock.objects.bulk_update(locked, ["quantity"])
    logger.info(
        "product_variant_stocks_updated",
        extra={"variant_id": variant.pk, "warehouse_ids": list(wanted)},
    )
    return locked


@transaction.atomic
def product_variant_stock_adjust(
    *, variant: ProductVariant, warehouse: Warehouse, delta: int
) -> Stock:
    """Add (or with a negative ``delta`` remove) units of stock, e.g. a delivery received.

    Concurrency-safe: the row is locked, so two adjustments never lose one another. A
    result below zero or below the allocated quantity is refused (``INVALID``).
    """
    if isinstance(delta, bool) or not isinstance(delta, int):
        raise field_error("quantity", _("Enter a whole number of units."), StockErrorCode.INVALID)
    allowed = warehouses_stockable_by_cooperative(cooperative_id=variant.product.cooperative_id)
    if not allowed.filter(pk=warehouse.pk).exists():
        raise field_error(
            "warehouse",
            _("The product's cooperative cannot keep stock in this warehouse."),
            StockErrorCode.INVALID,
        )
    Stock.objects.bulk_create(
        [Stock(warehouse=warehouse, product_variant=variant, quantity=0)], ignore_conflicts=True
    )
    stock = Stock.objects.select_for_update().get(product_variant=variant, warehouse=warehouse)
    new_quantity = stock.quantity + delta
    if new_quantity < max(stock.quantity_allocated, 0) or new_quantity > MAX_STOCK_QUANTITY:
        raise field_error(
            "quantity",
            _("Not enough stock: the quantity cannot go below what is allocated or zero."),
            StockErrorCode.INVALID,
        )
    stock.quantity = new_quantity
    stock.save(update_fields=["quantity"])
    logger.info(
        "stock_adjusted",
        extra={"stock_id": stock.pk, "delta": delta, "quantity": new_quantity},
    )
    return stock
