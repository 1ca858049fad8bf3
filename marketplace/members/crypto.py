"""Members' personal data at rest (UU 27/2022 on personal data protection).

A NIK is stored twice, never in clear: encrypted with Fernet (AES-128-CBC + HMAC-SHA256,
from the ``cryptography`` package) under ``MEMBER_DATA_KEY`` (``MultiFernet``: the first
key encrypts, every key decrypts, so keys can be rotated), and as a keyed hash
(HMAC-SHA256 under ``MEMBER_LOOKUP_KEY``) that makes "one member per NIK in a
cooperative" a database constraint and finds a member by NIK without decrypting anyone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_MISSING = (
    "MEMBER_DATA_KEY is not set: members' personal data cannot be read or written. "
    "Set it to a Fernet key (python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())'); ./lumbung run makes one in .data/."
)


def _keys() -> tuple[str, ...]:
    keys = tuple(key.strip() for key in settings.MEMBER_DATA_KEYS if key.strip())
    if keys:
        return keys
    if settings.DEBUG:  # development only: derived from the secret key
        digest = hashlib.sha256(f"member-data:{settings.SECRET_KEY}".encode()).digest()
        return (base64.urlsafe_b64encode(digest).decode(),)
    raise ImproperlyConfigured(_MISSING)


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        raise ImproperlyConfigured("MEMBER_DATA_KEY holds a key Fernet does not accept.") from None


def encrypt(value: str) -> str:
    """``value`` encrypted (a Fernet token, ASCII); the empty string stays empty."""
    if not value:
        return ""
    return _fernet(_keys()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    """The clear text of ``token``; raises ``ImproperlyConfigured`` if no key opens it."""
    if not token:
        return ""
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured("No MEMBER_DATA_KEY opens this member's data.") from None


def lookup_digest(value: str) -> str:
    """The keyed hash of ``value`` (hex), the same for the same value under one key."""
    key = (
        settings.MEMBER_LOOKUP_KEY.encode()
        or hashlib.sha256(b"member-lookup:" + _keys()[-1].encode()).digest()
    )
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
