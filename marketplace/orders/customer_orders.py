"""A buyer's earlier guest orders joining their account.

Saleor attaches guest orders placed with an e-mail address to the account that confirms
that address (``match_orders_with_new_user``). Many villagers order with a phone number
only, and there is no SMS gateway to confirm one; instead a phone number is confirmed by
the pickup code of an order placed with it: the code reaches only whoever placed the
order (the order page, the confirmation e-mail or the WhatsApp message), so knowing it
proves the number is theirs. Then every guest order with that number joins the account.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts import throttling
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import User
from marketplace.core.exceptions import field_error
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.selectors import normalize_pickup_code

logger = logging.getLogger(__name__)


def _guest_orders() -> Q:
    return Q(user__isnull=True) & ~Q(status=OrderStatus.DRAFT)


def _placed_with_phone(phone: str) -> Q:
    return Q(billing_address__phone=phone) | Q(shipping_address__phone=phone)


@transaction.atomic
def guest_orders_attach(*, user: User) -> int:
    """Give ``user`` the guest orders placed with their confirmed e-mail address (only
    when ``settings.ACCOUNT_CONFIRMATION_REQUIRED``) or confirmed phone number; returns
    how many. Idempotent: run after every sign-in."""
    match = Q(pk__in=[])
    # An e-mail counts only when confirmation by link is on: without it (the demo) anyone
    # could register with someone else's address and read their orders. Saleor attaches
    # then too; we do not.
    email_proven = bool(getattr(settings, "ACCOUNT_CONFIRMATION_REQUIRED", True))
    if user.email and user.is_confirmed and email_proven:
        match |= Q(user_email__iexact=user.email)
    if user.is_phone_confirmed:
        match |= _placed_with_phone(user.phone)
    if not match:
        return 0
    ids = list(Order.objects.filter(_guest_orders() & match).values_list("pk", flat=True))
    attached = Order.objects.filter(pk__in=ids, user__isnull=True).update(user=user)
    if attached:
        logger.info("guest_orders_attached", extra={"user_id": user.pk, "orders": attached})
    return attached


def user_phone_confirm_with_pickup_code(*, user: User, pickup_code: str) -> int:
    """Confirm the user's phone number with the pickup code of a guest order placed with
    it, then attach every guest order of that number; returns how many were attached.

    Wrong codes are throttled like sign-in attempts (the codes are short). Raises
    ValidationError on ``pickup_code``: ``INVALID`` (no such guest order),
    ``LOGIN_ATTEMPT_DELAYED`` (too many wrong codes), ``REQUIRED`` (no phone number).
    """
    if not user.phone:
        raise field_error(
            "pickup_code",
            _("Add a phone number to your account first."),
            AccountErrorCode.REQUIRED,
        )
    attempt = throttling.SignInAttempt(ip=None, account=f"pickup-code:user:{user.pk}")
    try:
        throttling.sign_in_check(attempt)
    except ValidationError as exc:
        raise ValidationError({"pickup_code": exc.error_dict["email"]}) from None
    code = normalize_pickup_code(pickup_code)
    found = (
        code
        and Order.objects.filter(
            _guest_orders() & _placed_with_phone(user.phone), pickup_code=code
        ).exists()
    )
    if not found:
        throttling.sign_in_failed(attempt)
        raise field_error(
            "pickup_code",
            _("None of the orders placed with your phone number has this pickup code."),
            AccountErrorCode.INVALID,
        )
    throttling.sign_in_succeeded(attempt)
    with transaction.atomic():
        user.phone_confirmed_at = timezone.now()
        user.save(update_fields=["phone_confirmed_at", "updated_at"])
        attached = guest_orders_attach(user=user)
    logger.info("user_phone_confirmed", extra={"user_id": user.pk})
    return attached
