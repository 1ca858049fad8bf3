"""JSON Web Tokens shaped as Saleor's, so Saleor clients can sign in unchanged.

Access tokens live a few minutes, refresh tokens about a month; both are HS256-signed
with ``settings.JWT_SECRET`` (falling back to ``SECRET_KEY``). Claims, as Saleor sets them:

``iat``, ``exp``, ``iss`` (absolute URL of the GraphQL endpoint: @saleor/auth-sdk only
sends the token to an API whose URL equals it), ``owner`` (``"saleor"``), ``type``
(``access`` / ``refresh``), ``user_id`` (Relay global ID ``User:<pk>``), ``email``,
``is_staff`` and ``token`` (the user's ``jwt_token_key``: rotating it revokes every
token issued so far). Refresh tokens also carry ``csrfToken``; ``aud`` is
``custom:<audience>`` when the client asked for one.

Signature, expiry and algorithm problems surface as PyJWT's exceptions
(``ExpiredSignatureError``, ``InvalidSignatureError``, ``DecodeError``, ...); a token
that no longer matches its user raises ``jwt.InvalidTokenError``. The API reports
the exception's class name, as Saleor does.
"""

from __future__ import annotations

import base64
import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import User

logger = logging.getLogger(__name__)

ALGORITHM = "HS256"
ACCESS = "access"
REFRESH = "refresh"
EMAIL_CHANGE = "change_email"  # Saleor's JWT_CONFIRM_CHANGE_EMAIL_TYPE
OWNER = "saleor"  # @saleor/sdk treats tokens with this owner as the API's own
CSRF_CLAIM = "csrfToken"
REFRESH_TOKEN_COOKIE = "refreshToken"

DEFAULT_ACCESS_TTL = timedelta(minutes=5)
DEFAULT_REFRESH_TTL = timedelta(days=30)
DEFAULT_EMAIL_CHANGE_TTL = timedelta(hours=1)


def _ttl(name: str, default: timedelta) -> timedelta:
    value = getattr(settings, name, None)
    if value is None:
        return default
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


def access_token_ttl() -> timedelta:
    return _ttl("JWT_TTL_ACCESS", DEFAULT_ACCESS_TTL)


def refresh_token_ttl() -> timedelta:
    return _ttl("JWT_TTL_REFRESH", DEFAULT_REFRESH_TTL)


def _secret() -> str:
    return getattr(settings, "JWT_SECRET", "") or settings.SECRET_KEY


def issuer() -> str:
    """Absolute URL of the GraphQL endpoint, e.g. ``https://lumbung.id/graphql/``."""
    return settings.PUBLIC_URL.rstrip("/") + reverse("graphql")


def user_global_id(user: User) -> str:
    """The user's Relay global ID, ``base64("User:<pk>")``, as the API exposes it."""
    return base64.b64encode(f"User:{user.pk}".encode()).decode()


def _pk_from_global_id(value: Any) -> int | None:
    try:
        kind, _sep, pk = base64.b64decode(str(value or "")).decode().partition(":")
        return int(pk) if kind == "User" else None
    except (ValueError, UnicodeDecodeError):
        return None


def new_csrf_token() -> str:
    """A random value bound to a refresh token; needed to refresh from the cookie."""
    return secrets.token_urlsafe(32)


def csrf_token_matches(given: str, expected: str | None) -> bool:
    return bool(expected and constant_time_compare(given, expected))


def _user_payload(
    user: User, *, token_type: str, ttl: timedelta, extra: dict[str, Any]
) -> dict[str, Any]:
    now = datetime.now(tz=UTC)
    return {
        "iat": now,
        "owner": OWNER,
        "iss": issuer(),
        "exp": now + ttl,
        "token": user.jwt_token_key,
        "email": user.email,
        "type": token_type,
        "user_id": user_global_id(user),
        "is_staff": user.is_staff,
        **extra,
    }


def _encode(payload: dict[str, Any]) -> str:
    return jwt.encode(payload, _secret(), algorithm=ALGORITHM)


def create_access_token(user: User, *, audience: str | None = None) -> str:
    """A short-lived token for ``Authorization: Bearer``."""
    extra = {"aud": audience} if audience else {}
    return _encode(_user_payload(user, token_type=ACCESS, ttl=access_token_ttl(), extra=extra))


def create_refresh_token(user: User, *, csrf_token: str, audience: str | None = None) -> str:
    """A long-lived token that tokenRefresh exchanges for new access tokens."""
    extra: dict[str, Any] = {CSRF_CLAIM: csrf_token}
    if audience:
        extra["aud"] = audience
    return _encode(_user_payload(user, token_type=REFRESH, ttl=refresh_token_ttl(), extra=extra))


def email_change_token_ttl() -> timedelta:
    return _ttl("JWT_TTL_REQUEST_EMAIL_CHANGE", DEFAULT_EMAIL_CHANGE_TTL)


def create_email_change_token(user: User, *, new_email: str) -> str:
    """The token of the link that confirms a new e-mail address (Saleor's claims:
    ``type`` ``change_email``, ``old_email``, ``new_email``; valid for an hour)."""
    extra = {"old_email": user.email, "new_email": new_email}
    return _encode(
        _user_payload(user, token_type=EMAIL_CHANGE, ttl=email_change_token_ttl(), extra=extra)
    )


def decode_token(token: str) -> dict[str, Any]:
    """Verify signature and expiry; raise a ``jwt.PyJWTError`` subclass if they fail.

    The audience is not checked: ``aud`` only carries what the client asked for.
    """
    return jwt.decode(
        token,
        _secret(),
        algorithms=[ALGORITHM],
        options={"verify_aud": False, "require": ["exp", "iat"]},
    )


def is_own_token(token: str) -> bool:
    """Whether ``token`` claims to be one of ours (``owner == "saleor"``), unverified.

    Like Saleor, requests whose token is not ours at all are served anonymously.
    """
    try:
        payload = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    return payload.get("owner") == OWNER


def user_for_payload(payload: dict[str, Any]) -> User:
    """The active user a verified token belongs to; ``jwt.InvalidTokenError`` if none.

    Fails once the user rotated ``jwt_token_key`` (tokenDeactivateAll) or was deactivated.
    """
    key = payload.get("token")
    user = None
    pk = _pk_from_global_id(payload.get("user_id"))
    if pk is not None:
        user = User.objects.filter(pk=pk, is_active=True).first()
    # Tokens name the e-mail address they were issued for ("" for accounts with only a
    # phone number): they die when it changes, as in Saleor.
    if user is None or payload.get("email") != user.email:
        raise jwt.InvalidTokenError("Invalid token. User does not exist or is inactive.")
    if not key or not constant_time_compare(user.jwt_token_key, str(key)):
        raise jwt.InvalidTokenError("Invalid token. Create new one by using tokenCreate mutation.")
    return user


def user_from_access_token(token: str) -> User | None:
    """The user an ``Authorization`` header's token signs in, ``None`` if not our token.

    Raises ``jwt`` exceptions for expired, forged or revoked tokens.
    """
    if not is_own_token(token):
        return None
    payload = decode_token(token)
    if payload.get("type") != ACCESS:
        raise jwt.InvalidTokenError("Invalid token. Create new one by using tokenCreate mutation.")
    # ``is_staff`` in the token is informative only: the database decides.
    return user_for_payload(payload)


def validate_token(token: str) -> dict[str, Any]:
    """Decode ``token`` for the token mutations; ``ValidationError`` with JWT codes if bad."""
    try:
        return decode_token(token)
    except jwt.ExpiredSignatureError as exc:
        raise ValidationError(
            _("Signature has expired"), code=AccountErrorCode.JWT_SIGNATURE_EXPIRED.value
        ) from exc
    except jwt.DecodeError as exc:
        raise ValidationError(
            _("Error decoding signature"), code=AccountErrorCode.JWT_DECODE_ERROR.value
        ) from exc
    except jwt.PyJWTError as exc:
        raise ValidationError(
            _("Invalid token"), code=AccountErrorCode.JWT_INVALID_TOKEN.value
        ) from exc


def validate_token_user(payload: dict[str, Any]) -> User:
    """The user of a decoded token for the token mutations; ``ValidationError`` if revoked."""
    try:
        return user_for_payload(payload)
    except jwt.PyJWTError as exc:
        raise ValidationError(
            _("Invalid token"), code=AccountErrorCode.JWT_INVALID_TOKEN.value
        ) from exc


# --- one-time tokens sent by e-mail (confirmation, password reset, account deletion) ------


class _ScopedTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset tokens, with a salt per purpose.

    A token of one purpose is never accepted for another. Tokens expire after
    ``settings.PASSWORD_RESET_TIMEOUT`` seconds and are never logged.
    """

    def __init__(self, *, key_salt: str) -> None:
        self.key_salt = key_salt
        super().__init__()


class AccountConfirmationTokenGenerator(_ScopedTokenGenerator):
    """Tokens of the account confirmation link; dead once the account is confirmed."""

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{getattr(user, 'is_confirmed', '')}"


class AccountDeleteTokenGenerator(_ScopedTokenGenerator):
    """Tokens of the account deletion link: they die when the password or e-mail address
    changes, but not when the user signs in again (the link is used while signed in)."""

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        email = getattr(user, "email", "")
        return f"{user.pk}{user.password}{timestamp}{email}"


# A password reset token dies when the password (or last_login) changes, as in Django.
password_reset_token_generator = _ScopedTokenGenerator(
    key_salt="marketplace.accounts.tokens.password_reset"
)
account_confirmation_token_generator = AccountConfirmationTokenGenerator(
    key_salt="marketplace.accounts.tokens.account_confirmation"
)
account_delete_token_generator = AccountDeleteTokenGenerator(
    key_salt="marketplace.accounts.tokens.account_delete"
)
