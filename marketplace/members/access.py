"""How members get in: an invitation to members added by an admin or an import (an
account and a one-time link to set its password, the password-reset machinery's), sent
again by the admin when it expired or was lost (the new link replaces the old one), and
signing in with a one-time code sent by e-mail.

A code is six digits, kept only as a keyed hash, valid ``MEMBER_SIGN_IN_CODE_TTL`` and
used once; asking for a new one is limited per member (``MEMBER_SIGN_IN_CODES_PER_HOUR``)
and wrong codes are slowed as wrong passwords are (``accounts.throttling``). Unknown
numbers and members without an e-mail address are answered as known ones. Codes and
addresses are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, TypeGuard

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace import permissions
from marketplace.accounts import throttling
from marketplace.accounts.models import User
from marketplace.accounts.tokens import password_reset_token_generator
from marketplace.core.models import OutgoingEmail
from marketplace.members.error_codes import MemberErrorCode as Code
from marketplace.members.models import Member, MemberSignInCode, MemberStatus
from marketplace.village_hubs.models import Cooperative

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise  # lazy text, as the stubs name it

logger = logging.getLogger(__name__)

CODE_DIGITS = 6


def _account_for(member: Member) -> User | None:
    """The member's account, made (without a usable password) from their e-mail address
    when they have none; None without an address or when that address's account is
    already another member's in this cooperative."""
    if member.user_id:
        return member.user
    if not member.email:
        return None
    user = User.objects.filter(email__iexact=member.email).first()
    if user is None:
        user = User.objects.create_user(email=member.email, password=None)
    elif Member.objects.filter(cooperative_id=member.cooperative_id, user=user).exists():
        return None
    member.user = user
    member.save(update_fields=["user", "updated_at"])
    return user


def member_invite(*, member: Member) -> OutgoingEmail | None:
    """Give a member an account and e-mail them a link to set its password (a password
    reset token: valid ``PASSWORD_RESET_TIMEOUT``, dead once a password is set).
    None when the member has no e-mail address to write to."""
    from marketplace.notifications.emails import member_invitation_email_send

    user = _account_for(member)
    if user is None or not user.email:
        return None
    token = password_reset_token_generator.make_token(user)
    url = f"{settings.PUBLIC_URL}{reverse('web:password-set')}"
    email = member_invitation_email_send(member=member, user=user, token=token, url=url)
    member.invitation_sent_at = timezone.now()
    member.save(update_fields=["invitation_sent_at", "updated_at"])
    logger.info("member_invited", extra={"member_id": member.pk})
    return email


def invitation_pending(member: Member) -> bool:
    """Whether the member can be (re-)invited: active, with an e-mail address, and with no
    account yet or an account whose password was never set (the invitation not taken up).
    A member who has a password signs in, or resets it as any account does."""
    if member.status != MemberStatus.AKTIF or not member.email:
        return False
    return member.user is None or not member.user.has_usable_password()


def invitation_expired(member: Member) -> bool:
    """Whether the last invitation's link is past ``PASSWORD_RESET_TIMEOUT``."""
    sent = member.invitation_sent_at
    timeout = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return sent is not None and sent + timeout < timezone.now()


def _resend_refused(
    message: str | StrPromise, code: str, field: str = "__all__"
) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


@transaction.atomic
def member_invitation_resend(*, member: Member, actor: User) -> OutgoingEmail:
    """E-mail a member a fresh invitation: a new one-time link to set their password; the
    links sent before stop working (the account's unusable password is drawn anew, and a
    reset token is bound to it). For the cooperative's admins and platform staff
    (``permissions.can_manage_members``), else PermissionDenied.

    Raises ValidationError: ``invalid`` when the member is not active or already set a
    password, ``required`` on ``email`` without an address, ``invitation_resent_too_soon``
    within ``MEMBER_INVITATION_RESEND_INTERVAL`` of the last invitation (nothing sent).
    """
    if not permissions.can_manage_members(actor, member.cooperative_id):
        raise PermissionDenied("Not an admin of this member's cooperative.")
    member = (
        Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    )  # two clicks at once: the second waits, then finds the first's invitation
    if member.status != MemberStatus.AKTIF:
        raise _resend_refused(_("Only active members are invited."), Code.INVALID.value)
    if not member.email:
        raise _resend_refused(
            _("Add the member's e-mail address first: the invitation is sent there."),
            Code.REQUIRED.value,
            field="email",
        )
    if not invitation_pending(member):
        raise _resend_refused(
            _("This member already has access: they sign in with their password."),
            Code.INVALID.value,
        )
    interval = settings.MEMBER_INVITATION_RESEND_INTERVAL
    sent = member.invitation_sent_at
    if sent is not None and timezone.now() < sent + interval:
        wait = math.ceil((sent + interval - timezone.now()).total_seconds() / 60)
        raise _resend_refused(
            ngettext(
                "The invitation was sent only a moment ago, so nothing was sent now. "
                "Try again in %(minutes)d minute.",
                "The invitation was sent only a moment ago, so nothing was sent now. "
                "Try again in %(minutes)d minutes.",
                wait,
            )
            % {"minutes": wait},
            Code.INVITATION_RESENT_TOO_SOON.value,
        )
    if member.user is not None:
        member.user.set_unusable_password()  # a new random hash: earlier links die
        member.user.save(update_fields=["password"])
    email = member_invite(member=member)
    if email is None:  # the address is another member's account here
        raise _resend_refused(
            _("This e-mail address belongs to another member's account in this cooperative."),
            Code.INVALID.value,
            field="email",
        )
    logger.info("member_invitation_resent", extra={"member_id": member.pk, "actor": actor.pk})
    return email


def _digest(member_id: int, code: str) -> str:
    key = f"member-sign-in-code:{settings.SECRET_KEY}".encode()
    return hmac.new(key, f"{member_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _active_member(cooperative: Cooperative, number: int) -> Member | None:
    return (
        Member.objects.filter(cooperative=cooperative, number=number, status=MemberStatus.AKTIF)
        .select_related("user", "cooperative")
        .first()
    )


def _attempt(cooperative: Cooperative, number: int, member: Member | None, ip: str | None):
    user = member.user if member is not None else None
    login = f"anggota:{cooperative.pk}:{number}"
    return throttling.SignInAttempt.for_login(ip=ip, login=login, user=user)


@transaction.atomic
def member_sign_in_code_send(*, cooperative: Cooperative, number: int, ip: str | None) -> None:
    """E-mail a one-time code to the active member with this number, if they have an
    account with an e-mail address; the answer is the same when they have not.

    Raises ValidationError on ``number``: ``code_requests_exceeded`` after
    ``MEMBER_SIGN_IN_CODES_PER_HOUR`` codes in the last hour, and while sign-ins to the
    member are delayed."""
    from marketplace.notifications.emails import member_sign_in_code_email_send

    member = _active_member(cooperative, number)
    throttling.sign_in_check(_attempt(cooperative, number, member, ip))
    if member is None or member.user is None or not member.user.email:
        logger.info("member_sign_in_code_not_sent", extra={"cooperative_id": cooperative.pk})
        return
    Member.objects.select_for_update().filter(pk=member.pk).first()
    now = timezone.now()
    recent = member.sign_in_codes.filter(created_at__gt=now - timedelta(hours=1)).count()
    if recent >= settings.MEMBER_SIGN_IN_CODES_PER_HOUR:
        raise ValidationError(
            {
                "number": ValidationError(
                    _("Too many codes asked for. Please wait an hour, or use your password."),
                    code=Code.CODE_REQUESTS_EXCEEDED.value,
                )
            }
        )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    member.sign_in_codes.filter(used_at__isnull=True).update(used_at=now)  # one live code
    MemberSignInCode.objects.create(
        member=member,
        code_digest=_digest(member.pk, code),
        expires_at=now + settings.MEMBER_SIGN_IN_CODE_TTL,
    )
    member_sign_in_code_email_send(member=member, user=member.user, code=code)
    logger.info("member_sign_in_code_sent", extra={"member_id": member.pk})


def _wrong_code() -> ValidationError:
    return ValidationError(
        {
            "code": ValidationError(
                _("The code is wrong, expired or already used. Ask for a new one."),
                code=Code.INVALID_CREDENTIALS.value,
            )
        }
    )


def _use_code(member: Member | None, code: str) -> TypeGuard[Member]:
    """Use up the member's live code if it is ``code``; False when it is not (and for no
    member)."""
    if member is None or member.user is None or not member.user.is_active:
        return False
    with transaction.atomic():
        found = (
            MemberSignInCode.objects.select_for_update()
            .filter(member=member, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if found is None or not hmac.compare_digest(found.code_digest, _digest(member.pk, code)):
            return False
        found.used_at = timezone.now()
        found.save(update_fields=["used_at"])
    return True


def member_authenticate_by_code(
    *, cooperative: Cooperative, number: int, code: str, ip: str | None
) -> Member:
    """The active member with this number whose latest code this is, unexpired and
    unused; the code is used up. Wrong codes count as failed sign-ins (recorded outside
    any transaction, so a refusal does not undo them).

    Raises ValidationError on ``code`` with ``invalid_credentials`` (and on ``email``
    with ``login_attempt_delayed`` while delayed, as every sign-in)."""
    member = _active_member(cooperative, number)
    attempt = _attempt(cooperative, number, member, ip)
    throttling.sign_in_check(attempt)
    if not _use_code(member, "".join((code or "").split())):
        throttling.sign_in_failed(attempt)
        logger.info("member_code_sign_in_failed", extra={"cooperative_id": cooperative.pk})
        raise _wrong_code()
    throttling.sign_in_succeeded(attempt)
    logger.info("member_signed_in_by_code", extra={"member_id": member.pk})
    return member
