"""E-mails to customers, rendered from templates in the recipient's language.

Each ``*_email_send`` function renders a plain-text and a simple HTML body from
``templates/notifications/<name>.{txt,html}`` in the recipient's language (Bahasa
Indonesia unless their ``language_code`` says otherwise) and queues it through
:func:`marketplace.core.services.email_send` (outbox row now, sent by a worker after
commit). Links are built from the storefront URL the client sent, with Saleor's
``?email=…&token=…`` query. Tokens and addresses are never logged.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.core.models import OutgoingEmail
from marketplace.core.money import format_rupiah
from marketplace.core.services import email_send

if TYPE_CHECKING:
    from marketplace.accounts.models import User
    from marketplace.members.models import Member, MemberApplication
    from marketplace.orders.models import Order

logger = logging.getLogger(__name__)


def url_with_params(url: str, **params: str) -> str:
    """``url`` with ``params`` added to its query string (existing ones are kept)."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key not in params]
    query.extend(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def _language(language_code: str | None) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    code = (language_code or "").lower().replace("_", "-")
    if code in available:
        return code
    code = code.split("-")[0]
    return code if code in available else settings.LANGUAGE_CODE


def notification_send(
    *, to: str, template: str, language_code: str | None, subject: Any, context: dict[str, Any]
) -> OutgoingEmail:
    """Render ``templates/notifications/<template>.{txt,html}`` (from any app) in the
    recipient's language and queue it; ``subject`` may be a callable, evaluated in that
    language. Other apps' e-mails (consultations…) are sent through this."""
    with translation.override(_language(language_code)):
        context = {"shop_name": settings.SHOP_NAME, **context}
        subject_text = str(subject() if callable(subject) else subject)
        body = render_to_string(f"notifications/{template}.txt", context)
        html_body = render_to_string(f"notifications/{template}.html", context)
    email = email_send(to=to, subject=subject_text, body=body, html_body=html_body)
    logger.info("notification_email_queued", extra={"template": template, "email_id": email.pk})
    return email


def account_confirmation_email_send(*, user: User, token: str, redirect_url: str) -> OutgoingEmail:
    """The "confirm your e-mail address" message sent after sign-up."""
    return notification_send(
        to=user.email,
        template="account_confirmation",
        language_code=user.language_code,
        subject=lambda: _("Confirm your %(shop)s account") % {"shop": settings.SHOP_NAME},
        context={
            "user": user,
            "confirm_url": url_with_params(redirect_url, email=user.email, token=token),
        },
    )


def password_reset_email_send(*, user: User, token: str, redirect_url: str) -> OutgoingEmail:
    """The "set a new password" message sent by requestPasswordReset."""
    return notification_send(
        to=user.email,
        template="password_reset",
        language_code=user.language_code,
        subject=lambda: _("Reset your %(shop)s password") % {"shop": settings.SHOP_NAME},
        context={
            "user": user,
            "reset_url": url_with_params(redirect_url, email=user.email, token=token),
        },
    )


def account_delete_email_send(*, user: User, token: str, redirect_url: str) -> OutgoingEmail:
    """The "confirm deleting your account" message sent by accountRequestDeletion."""
    return notification_send(
        to=user.email,
        template="account_delete",
        language_code=user.language_code,
        subject=lambda: _("Delete your %(shop)s account") % {"shop": settings.SHOP_NAME},
        context={"user": user, "delete_url": url_with_params(redirect_url, token=token)},
    )


def email_change_request_email_send(
    *, user: User, new_email: str, token: str, redirect_url: str
) -> OutgoingEmail:
    """The "confirm your new e-mail address" message, sent to the new address."""
    return notification_send(
        to=new_email,
        template="email_change_request",
        language_code=user.language_code,
        subject=lambda: (
            _("Confirm your new e-mail address for %(shop)s") % {"shop": settings.SHOP_NAME}
        ),
        context={
            "user": user,
            "new_email": new_email,
            "confirm_url": url_with_params(redirect_url, token=token),
        },
    )


def email_changed_email_send(*, user: User, old_email: str) -> OutgoingEmail:
    """The "your e-mail address was changed" notice, sent to the old address."""
    return notification_send(
        to=old_email,
        template="email_changed",
        language_code=user.language_code,
        subject=lambda: (
            _("The e-mail address of your %(shop)s account was changed")
            % {"shop": settings.SHOP_NAME}
        ),
        context={"user": user, "old_email": old_email, "new_email": user.email},
    )


def order_confirmation_email_send(order: Order) -> OutgoingEmail | None:
    """The order confirmation for the buyer: number, lines, total and how to collect it.

    Call it once the order is placed (inside the transaction: the e-mail leaves after
    commit). Returns None when the order has no e-mail address to write to.
    """
    to = order.user_email or (order.user.email if order.user is not None else "")
    if not to:
        return None
    lines = [
        {
            "name": " – ".join(part for part in (line.product_name, line.variant_name) if part),
            "quantity": line.quantity,
            "total": format_rupiah(line.total_price_amount),
        }
        for line in order.lines.all()
    ]
    return notification_send(
        to=to,
        template="order_confirmation",
        language_code=order.language_code,
        subject=lambda: (
            _("Your order #%(number)s at %(shop)s")
            % {"number": order.number, "shop": settings.SHOP_NAME}
        ),
        context={
            "order": order,
            "lines": lines,
            "subtotal": format_rupiah(order.subtotal_amount),
            "shipping": format_rupiah(order.shipping_price_amount),
            "total": format_rupiah(order.total_amount),
            "collection_point": order.collection_point_name,
            "pickup_code": order.pickup_code,
            "is_paid": order.is_paid,
        },
    )


def member_application_decided_email_send(
    *, application: MemberApplication
) -> OutgoingEmail | None:
    """Tell an applicant the cooperative's decision: their member number, or the reason
    for a refusal. None when there is no e-mail address to write to."""
    applicant = application.applicant
    to = application.email or applicant.email
    if not to:
        return None
    cooperative = application.cooperative.name
    return notification_send(
        to=to,
        template="member_application_decided",
        language_code=applicant.language_code,
        subject=lambda: (
            _("Your application to %(cooperative)s is approved") % {"cooperative": cooperative}
            if application.member_id
            else _("Your application to %(cooperative)s") % {"cooperative": cooperative}
        ),
        context={
            "application": application,
            "cooperative": cooperative,
            "member_number": application.member.number if application.member is not None else None,
        },
    )


def member_invitation_email_send(
    *, member: Member, user: User, token: str, url: str
) -> OutgoingEmail:
    """Invite a member added by their cooperative: their number and a one-time link to
    set the password of their account."""
    cooperative = member.cooperative.name
    return notification_send(
        to=user.email,
        template="member_invitation",
        language_code=user.language_code,
        subject=lambda: _("Your membership of %(cooperative)s") % {"cooperative": cooperative},
        context={
            "member": member,
            "cooperative": cooperative,
            "set_password_url": url_with_params(url, email=user.email, token=token),
        },
    )


def member_sign_in_code_email_send(*, member: Member, user: User, code: str) -> OutgoingEmail:
    """A member's one-time sign-in code."""
    cooperative = member.cooperative.name
    minutes = int(settings.MEMBER_SIGN_IN_CODE_TTL.total_seconds() // 60)
    return notification_send(
        to=user.email,
        template="member_sign_in_code",
        language_code=user.language_code,
        subject=lambda: (
            _("Your sign-in code for %(cooperative)s: %(code)s")
            % {"cooperative": cooperative, "code": code}
        ),
        context={"member": member, "cooperative": cooperative, "code": code, "minutes": minutes},
    )
