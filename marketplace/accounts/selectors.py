"""Reads of user accounts that other apps use."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.accounts.models import Address, User
from marketplace.core.phone import InvalidPhoneNumber, normalize_phone_id


def user_get_by_email(*, email: str) -> User | None:
    """The active user with this e-mail address (case-insensitive), or None."""
    email = (email or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True).first()


def user_get_by_login(*, login: str) -> User | None:
    """The user whose e-mail address or phone number (any Indonesian form) is ``login``.

    Inactive users are returned too (sign-in tells them apart after the password).
    """
    login = (login or "").strip()
    if not login:
        return None
    if "@" in login:
        return User.objects.filter(email=User.objects.normalize_email(login).lower()).first()
    try:
        phone = normalize_phone_id(login)
    except InvalidPhoneNumber:
        return None
    return User.objects.filter(phone=phone).first()


def user_addresses(*, user: User) -> QuerySet[Address]:
    """The user's address book, oldest first."""
    return user.addresses.select_related("village").order_by("pk")
