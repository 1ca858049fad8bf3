"""Saleor's granted refunds: a refund granted on an order (``orderGrantRefundCreate``),
then paid back through one of its transactions
(``transactionRequestRefundForGrantedRefund``) with the grant's fixed refund key.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.core.exceptions import field_error
from marketplace.core.money import parse_rupiah_amount
from marketplace.orders import reporting
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.services import order_charge_status_update
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.interface import GatewayUnavailable
from marketplace.payments.models import (
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    OrderGrantedRefundStatus,
    TransactionItem,
)
from marketplace.payments.selectors import (
    granted_refund_total,
    refunds_pending_total,
    user_may_manage_order_payments,
)
from marketplace.payments.services.transaction_actions import transaction_refund

logger = logging.getLogger(__name__)


def _may_manage_order(actor: User | None, order: Order) -> bool:
    return user_may_manage_order_payments(actor, order)


GrantLineInput = tuple[object, int, str]  # (order line pk, quantity, reason)


def _line_error(line_pk: object, field: str, message: str, code: PaymentErrorCode) -> dict:
    return {"line_id": line_pk, "field": field, "message": message, "code": code.value}


def _grant_lines(order: Order, lines: Sequence[GrantLineInput]) -> list[OrderGrantedRefundLine]:
    """The lines of a new grant; refused (INVALID on ``lines``, the problem of each line
    in ``params["lines"]``) when a line is not the order's, given twice, or asks for more
    units than are left to grant."""
    order_lines = OrderLine.objects.filter(order=order).in_bulk(
        [pk for pk, _quantity, _reason in lines]
    )
    granted: dict[object, int] = {}
    for granted_line_id, granted_quantity in OrderGrantedRefundLine.objects.filter(
        granted_refund__order=order
    ).values_list("order_line_id", "quantity"):
        granted[granted_line_id] = granted.get(granted_line_id, 0) + granted_quantity
    errors: list[dict] = []
    result: list[OrderGrantedRefundLine] = []
    seen: set[object] = set()
    for line_pk, quantity, reason in lines:
        line = order_lines.get(line_pk)
        if line is None:
            errors.append(
                _line_error(
                    line_pk,
                    "id",
                    _("This line is not part of the order."),
                    PaymentErrorCode.NOT_FOUND,
                )  # fmt: skip
            )
            continue
        if line.pk in seen:
            errors.append(
                _line_error(line_pk, "id", _("A line is given twice."), PaymentErrorCode.INVALID)
            )
            continue
        seen.add(line.pk)
        left = line.quantity - granted.get(line.pk, 0)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            errors.append(
                _line_error(
                    line_pk,
                    "quantity",
                    _("The quantity should be higher than zero."),
                    PaymentErrorCode.INVALID,
                )  # fmt: skip
            )
        elif quantity > left:
            errors.append(
                _line_error(
                    line_pk,
                    "quantity",
                    _(
                        "Cannot grant refund for more than the available quantity of the line "
                        "(%(left)d)."
                    )
                    % {"left": left},
                    PaymentErrorCode.QUANTITY_GREATER_THAN_AVAILABLE,
                )  # fmt: skip
            )
        else:
            result.append(
                OrderGrantedRefundLine(order_line=line, quantity=quantity, reason=reason or "")
            )
    if errors:
        raise ValidationError(
            {
                "lines": ValidationError(
                    _("Provided input for lines is invalid."),
                    code=PaymentErrorCode.INVALID.value,
                    params={"lines": errors},
                )
            }
        )
    return result


def _grant_amount(
    order: Order,
    tx: TransactionItem,
    value: int | None,
    grant_lines: Sequence[OrderGrantedRefundLine],
    *,
    shipping: bool,
) -> int:
    """The amount to grant: ``value``, or the lines' prices × quantities (plus shipping)
    capped at what ``tx`` charged. AMOUNT_GREATER_THAN_AVAILABLE on ``amount`` above the
    charge or when nothing was charged; INVALID when it would be Rp0."""
    if value is None:
        value = sum(int(line.order_line.unit_price_amount) * line.quantity for line in grant_lines)
        if shipping:
            value += int(order.shipping_price_amount)
        value = min(value, tx.charged_amount)
    elif value > tx.charged_amount:
        raise field_error(
            "amount",
            _("Amount cannot be greater than the charged amount of provided transaction."),
            PaymentErrorCode.AMOUNT_GREATER_THAN_AVAILABLE,
        )
    if value <= 0:
        raise field_error(
            "amount",
            _("There is nothing to refund: the amount would be Rp0."),
            PaymentErrorCode.AMOUNT_GREATER_THAN_AVAILABLE
            if tx.charged_amount <= 0
            else PaymentErrorCode.INVALID,
        )
    return value


@transaction.atomic
def order_grant_refund_create(
    *,
    order: Order,
    transaction_item: TransactionItem,
    actor: User,
    amount: object = None,
    lines: Sequence[GrantLineInput] = (),
    grant_refund_for_shipping: bool = False,
    reason: str = "",
) -> OrderGrantedRefund:
    """Grant a refund on an order, to be paid back through one of its transactions
    (Saleor's ``orderGrantRefundCreate``). Nothing moves at Midtrans yet.

    Only platform staff and operators of the order's hub: else PermissionDenied.
    ``amount`` (whole rupiah) defaults to the lines' prices × quantities plus shipping
    when ``grant_refund_for_shipping``, capped at what the transaction charged.
    Refused (PaymentErrorCode): none of amount, lines, shipping (REQUIRED on each), a
    transaction of another order (NOT_FOUND on ``transaction_id``), line problems
    (INVALID on ``lines``), shipping granted before (SHIPPING_COSTS_ALREADY_GRANTED),
    an amount that is not positive whole rupiah (INVALID) or more than the transaction
    charged (AMOUNT_GREATER_THAN_AVAILABLE). The order's charge status is measured again
    (overcharged until the grant is paid back).
    """
    if not _may_manage_order(actor, order):
        raise PermissionDenied(_("You cannot grant refunds on this order."))
    if amount is None and not lines and not grant_refund_for_shipping:
        message = _("You must provide at least one of `amount`, `lines`, `grantRefundForShipping`.")
        raise ValidationError(
            {
                field: ValidationError(message, code=PaymentErrorCode.REQUIRED.value)
                for field in ("amount", "lines", "grant_refund_for_shipping")
            }
        )
    order = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
    if transaction_item.order_id != order.pk:
        raise field_error(
            "transaction_id",
            _("This payment is not one of the order's payments."),
            PaymentErrorCode.NOT_FOUND,
        )
    value = None if amount is None else parse_rupiah_amount(amount, field="amount")
    grant_lines = _grant_lines(order, lines) if lines else []
    if (
        grant_refund_for_shipping
        and OrderGrantedRefund.objects.filter(order=order, shipping_costs_included=True).exists()
    ):
        raise field_error(
            "grant_refund_for_shipping",
            _("Shipping costs have already been granted."),
            PaymentErrorCode.SHIPPING_COSTS_ALREADY_GRANTED,
        )
    tx = TransactionItem.objects.get(pk=transaction_item.pk)
    value = _grant_amount(order, tx, value, grant_lines, shipping=grant_refund_for_shipping)
    grant = OrderGrantedRefund.objects.create(
        order=order,
        transaction=tx,
        amount=value,
        currency=order.currency,
        reason=(reason or "").strip(),
        user=actor,
        shipping_costs_included=bool(grant_refund_for_shipping),
    )
    for line in grant_lines:
        line.granted_refund = grant
    OrderGrantedRefundLine.objects.bulk_create(grant_lines)
    order_charge_status_update(
        order=order, granted_refund_amount=granted_refund_total(order_id=order.pk)
    )
    logger.info(
        "payment_refund_granted",
        extra={"order_id": str(order.pk), "granted_refund_id": grant.pk, "amount": value,
               "actor_id": actor.pk},
    )  # fmt: skip
    return grant


def _grant_status(grant_id: int, status: str) -> None:
    OrderGrantedRefund.objects.filter(pk=grant_id).update(status=status, updated_at=timezone.now())


def _grant_start(grant: OrderGrantedRefund) -> tuple[OrderGrantedRefund, TransactionItem]:
    """Mark the grant ``pending`` under its row lock, and return it with its transaction;
    REFUND_IS_PENDING, REFUND_ALREADY_PROCESSED or AMOUNT_GREATER_THAN_AVAILABLE on
    ``granted_refund_id`` when it cannot be paid back now."""
    with transaction.atomic():
        grant = OrderGrantedRefund.objects.select_for_update().get(pk=grant.pk)
        if grant.status == OrderGrantedRefundStatus.PENDING:
            raise field_error(
                "granted_refund_id",
                _("The refund request is already in progress."),
                PaymentErrorCode.REFUND_IS_PENDING,
            )
        if grant.status == OrderGrantedRefundStatus.SUCCESS:
            raise field_error(
                "granted_refund_id",
                _("The granted refund is already processed."),
                PaymentErrorCode.REFUND_ALREADY_PROCESSED,
            )
        tx = TransactionItem.objects.get(pk=grant.transaction_id)
        available = tx.charged_amount - refunds_pending_total(tx, except_key=grant.refund_key)
        if grant.amount > available:
            raise field_error(
                "granted_refund_id",
                _("The granted refund of Rp%(amount)s is more than the Rp%(available)s the "
                  "payment still holds.") % {"amount": f"{grant.amount:,}",
                                             "available": f"{max(available, 0):,}"},
                PaymentErrorCode.AMOUNT_GREATER_THAN_AVAILABLE,
            )  # fmt: skip
        grant.status = OrderGrantedRefundStatus.PENDING
        grant.save(update_fields=["status", "updated_at"])
    return grant, tx


def granted_refund_process(
    *,
    granted_refund: OrderGrantedRefund,
    actor: User,
    transaction_item: TransactionItem | None = None,
) -> TransactionItem:
    """Pay a granted refund back through its transaction (Saleor's
    ``transactionRequestRefundForGrantedRefund``), with the grant's fixed refund key so
    a retry never refunds twice at Midtrans.

    Only platform staff and operators of the order's hub: else PermissionDenied.
    Refused (PaymentErrorCode on ``granted_refund_id``): already in progress
    (REFUND_IS_PENDING), already paid back (REFUND_ALREADY_PROCESSED), more than the
    transaction still holds (AMOUNT_GREATER_THAN_AVAILABLE); ``transaction_item`` other
    than the grant's (INVALID on ``id``); the provider's refusal (INVALID, the grant's
    status becomes ``failure`` and it may be tried again). The grant's status is
    ``pending`` while Midtrans is asked, then ``success``; the refund events carry the
    grant's refund key as ``psp_reference``; reporting is told after commit (a line
    refunded whole leaves the cooperative's sales).
    """
    grant = granted_refund
    if not _may_manage_order(actor, grant.order):
        raise PermissionDenied(_("You cannot refund this order."))
    if transaction_item is not None and transaction_item.pk != grant.transaction_id:
        raise ValidationError(
            {
                "granted_refund_id": ValidationError(
                    _("The granted refund belongs to another transaction."),
                    code=PaymentErrorCode.INVALID.value,
                ),
                "id": ValidationError(
                    _("The transaction is not the one of the granted refund."),
                    code=PaymentErrorCode.INVALID.value,
                ),
            }
        )
    grant, tx = _grant_start(grant)
    try:
        tx = transaction_refund(
            transaction=tx,
            amount=grant.amount,
            actor=actor,
            reason=grant.reason or "granted refund",
            refund_key=grant.refund_key,
        )
    except ValidationError as exc:
        _grant_status(grant.pk, OrderGrantedRefundStatus.FAILURE)
        messages = [
            error.messages[0]
            for errors in getattr(exc, "error_dict", {NON_FIELD_ERRORS: exc.error_list}).values()
            for error in errors
        ]
        raise field_error("granted_refund_id", messages[0], PaymentErrorCode.INVALID) from None
    except GatewayUnavailable:
        # Unknown whether Midtrans refunded: may be tried again with the same key.
        _grant_status(grant.pk, OrderGrantedRefundStatus.NONE)
        raise field_error(
            None,
            _("The payment provider cannot be reached. Try again in a moment."),
            PaymentErrorCode.GRAPHQL_ERROR,
        ) from None
    except Exception:
        _grant_status(grant.pk, OrderGrantedRefundStatus.NONE)
        raise
    _grant_status(grant.pk, OrderGrantedRefundStatus.SUCCESS)
    # The grant's lines leave the paid sales only now that it is paid back.
    reporting.notify_order_sales_changed(grant.order_id)
    logger.info(
        "payment_granted_refund_processed",
        extra={"granted_refund_id": grant.pk, "transaction_id": str(tx.pk)},
    )
    return tx
