"""Members and applications made through the registry's services (the NIK is encrypted
there, so these are never built field by field)."""

from __future__ import annotations

import datetime
from typing import Any

from marketplace.members import services
from marketplace.members.models import Member
from marketplace.village_hubs.models import Cooperative

# Valid NIKs (lokal.parse_nik): Kudus-born woman 5 Jan 1990; Badung-born man 12 Mar 1985.
NIK_SITI = "3319014501900001"
NIK_WAYAN = "5103051203850002"


def member(cooperative: Cooperative, **overrides: Any) -> Member:
    data: dict[str, Any] = {
        "name": "Siti Aminah",
        "nik": NIK_SITI,
        "sex": "P",
        "village": cooperative.village,
        "joined_on": datetime.date(2024, 1, 15),
        **overrides,
    }
    return services.member_create(cooperative=cooperative, **data)
