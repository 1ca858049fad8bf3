"""Races on the real PostgreSQL: two admins approving at once never give one number
twice; a savings movement sent twice at once is recorded once."""

from __future__ import annotations

import datetime

import pytest

from marketplace.members import services
from marketplace.members.models import Member, SavingsMovement
from tests.factories.accounts import UserFactory
from tests.factories.members import member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from tests.marketplace.orders.test_concurrency import run_concurrently, slow_after

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_approvals_take_different_numbers(monkeypatch):
    cooperative = CooperativeFactory()
    admin = CooperativeStaffFactory(cooperative=cooperative, role="admin").user
    applications = [
        services.application_submit(
            cooperative=cooperative,
            applicant=UserFactory(),
            name=f"Pemohon {index}",
            nik=nik,
            sex="P",
            village=cooperative.village,
            consent=True,
            privacy_notice_version="2026-12",
        )
        for index, nik in enumerate(("3319014501900011", "3319014501900012", "3319014501900013"))
    ]
    slow_after(monkeypatch, services, "next_member_number")

    results = run_concurrently(
        *[
            (lambda a=a: services.application_approve(application=a, actor=admin).number)
            for a in applications
        ]
    )

    assert sorted(value for _status, value in results) == [1, 2, 3]
    assert Member.objects.filter(cooperative=cooperative).count() == 3


def test_a_movement_sent_twice_at_once_is_recorded_once(monkeypatch):
    siti = member(CooperativeFactory())
    slow_after(monkeypatch, services, "savings_balance")

    def deposit() -> bool:
        return services.savings_record(
            member=siti,
            kind="wajib",
            amount=10_000,
            occurred_on=datetime.date(2026, 3, 1),
            idempotency_key="setoran-maret",
        )[1]

    results = run_concurrently(deposit, deposit)

    assert sorted(value for _status, value in results) == [False, True]
    assert SavingsMovement.objects.get(member=siti).amount == 10_000
