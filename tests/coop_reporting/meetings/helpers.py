"""A cooperative with active members (each with an account and e-mail) and a meeting."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from coop_reporting.meetings import services
from coop_reporting.meetings.models import RatMeeting
from marketplace.members.models import Member
from marketplace.village_hubs.models import Cooperative
from tests.factories.accounts import UserFactory
from tests.factories.members import member

JAKARTA = ZoneInfo("Asia/Jakarta")


def members(cooperative: Cooperative, count: int, start: int = 1) -> list[Member]:
    return [
        member(
            cooperative,
            name=f"Anggota {index}",
            nik=f"33190145019{index:05d}",
            email=f"anggota{index}@example.com",
            user=UserFactory(),
        )
        for index in range(start, start + count)
    ]


def meeting(cooperative: Cooperative, **overrides) -> RatMeeting:
    data = {
        "financial_year": 2026,
        "starts_at": datetime.datetime(2027, 2, 20, 9, 0, tzinfo=JAKARTA),
        "agenda": ["Pengesahan laporan pertanggungjawaban 2026", "Pembagian SHU 2026"],
        "place": "Balai Desa Wolotopo",
        **overrides,
    }
    return services.meeting_create(cooperative=cooperative, **data)
