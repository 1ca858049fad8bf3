"""How members get in: an invitation to members added by an admin or an import (an
account and a one-time link to set its password, the password-reset machinery's), and
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
import secrets
from datetime import timedelta
from typing import TypeGuard

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import throttling
from marketplace.accounts.models import User
from marketplace.accounts.tokens import password_reset_token_generator
from marketplace.core.models import OutgoingEmail
from marketplace.members.error_codes import MemberErrorCode as Code
from marketplace.members.models import Member, MemberSignInCode, MemberStatus
from marketplace.village_hubs.models import Cooperative

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
    logger.info("member_invited", extra={"member_id": member.pk})
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
