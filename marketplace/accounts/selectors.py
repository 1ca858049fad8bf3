"""Reads of user accounts that other apps use."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.accounts.models import Address, User


def user_get_by_email(*, email: str) -> User | None:
    """The active user with this e-mail address (case-insensitive), or None."""
    email = (email or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True).first()


def user_addresses(*, user: User) -> QuerySet[Address]:
    """The user's address book, oldest first."""
    return user.addresses.select_related("village").order_by("pk")
