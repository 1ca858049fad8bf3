"""Deterministic demo data: the same call always leaves the same rows.

Every demo account signs in with ``DEMO_PASSWORD`` (see README). Demo data is for a
local try-out only; ``load_demo_data`` refuses to run with DEBUG off unless forced.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction

from marketplace.accounts.models import User

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "lumbung-demo"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    is_staff: bool = False
    is_superuser: bool = False


ACCOUNTS = [
    DemoAccount("admin@lumbung.test", "Admin", "Lumbung", is_staff=True, is_superuser=True),
]


@transaction.atomic
def demo_data_load() -> dict[str, int]:
    """Create or update every demo row; returns how many rows of each kind exist."""
    for account in ACCOUNTS:
        user, created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_staff": account.is_staff,
                "is_superuser": account.is_superuser,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    counts = {"users": User.objects.filter(email__in=[a.email for a in ACCOUNTS]).count()}
    logger.info("demo_data_loaded", extra=counts)
    return counts
