"""A member's vote sent twice at the same moment (two phones, a double tap) is counted
once, on the real PostgreSQL."""

from __future__ import annotations

import pytest

from coop_reporting.meetings import services
from coop_reporting.meetings.models import Vote
from tests.coop_reporting.meetings.helpers import meeting, members
from tests.factories.village_hubs import CooperativeFactory
from tests.marketplace.orders.test_concurrency import run_concurrently, slow_after

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_vote_sent_twice_at_once_is_counted_once(monkeypatch):
    coop = CooperativeFactory()
    (siti,) = members(coop, 1)
    rapat = meeting(coop)
    item = rapat.items.first()
    services.attendance_record(meeting=rapat, member=siti, way="online")
    services.item_set_status(item=item, status="open")
    slow_after(monkeypatch, services, "_require_active_member")  # both pass the checks

    results = run_concurrently(
        lambda: services.vote_cast(item=item, member=siti, choice="yes"),
        lambda: services.vote_cast(item=item, member=siti, choice="no"),
    )

    assert sorted(status for status, _value in results) == ["error", "ok"]
    error = next(value for status, value in results if status == "error")
    assert error.error_dict["item"][0].code == "already_voted"
    assert Vote.objects.filter(item=item).count() == 1
