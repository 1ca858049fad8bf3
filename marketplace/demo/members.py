"""Demo members: a few members of KUD Mina Segara Pecatu with their savings, so that the
member pages (``/anggota/<id>/…``) can be tried after ``./lumbung run``.

They get their access as real members do: the admin registers them with an e-mail
address (``members.services.member_create``), which gives them an account and e-mails
them an invitation; the demo then *accepts* the invitation as the member would, setting
the password ``DEMO_PASSWORD`` with the invitation's token
(``accounts.services.user_password_set``). They sign in at ``/anggota/<id>/masuk/``
with their member number and that password, or with a code e-mailed to them. A member
without an e-mail address gets no account, as in a real register.

Members are found again by their NIK (its keyed hash), so loading twice adds nothing;
savings movements are recorded once per key. Every date is fixed: no clock.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from marketplace.accounts.services import user_password_set
from marketplace.accounts.tokens import password_reset_token_generator
from marketplace.members import crypto
from marketplace.members.models import Member, SavingsKind
from marketplace.members.services import member_create, savings_record
from marketplace.village_hubs.models import Cooperative, Producer

logger = logging.getLogger(__name__)

POKOK, WAJIB, SUKARELA = SavingsKind.POKOK, SavingsKind.WAJIB, SavingsKind.SUKARELA


@dataclass(frozen=True)
class DemoMember:
    number: int
    name: str
    nik: str  # valid for lokal.parse_nik: born in Kuta Selatan, Badung
    sex: str
    joined_on: date
    email: str = ""  # empty: no account, so no sign-in (as in a real register)
    producer: str = ""  # the name of the cooperative's producer this member runs
    # (kind, amount in rupiah: deposits positive, withdrawals negative, date)
    savings: tuple[tuple[str, int, date], ...] = ()


DEMO_MEMBERS_COOPERATIVE = "kud-pecatu"
# The addresses are not @lumbung.test: the password rules (as for any member setting a
# password through the invitation) refuse "lumbung-demo" next to an address with "lumbung".
DEMO_MEMBERS = (
    DemoMember(
        1, "I Wayan Sudarsana", "5103051203850001", "L", date(2019, 3, 4),
        email="wayan.sudarsana@contoh.test", producer="Kelompok Tani Subak Pecatu",
        savings=(
            (POKOK, 100_000, date(2019, 3, 4)),
            (WAJIB, 25_000, date(2025, 10, 6)),
            (WAJIB, 25_000, date(2025, 11, 5)),
            (WAJIB, 25_000, date(2025, 12, 5)),
            (SUKARELA, 400_000, date(2025, 8, 18)),
            (SUKARELA, -75_000, date(2025, 11, 20)),
        ),
    ),
    DemoMember(
        2, "Ni Komang Ayu Lestari", "5103055708920002", "P", date(2021, 7, 12),
        email="komang.lestari@contoh.test", producer="Dapur Bu Komang",
        savings=(
            (POKOK, 100_000, date(2021, 7, 12)),
            (WAJIB, 25_000, date(2025, 11, 5)),
            (WAJIB, 25_000, date(2025, 12, 5)),
            (SUKARELA, 180_000, date(2025, 9, 1)),
        ),
    ),
    DemoMember(
        3, "Made Artawan", "5103052110780003", "L", date(2023, 2, 20),
        savings=((POKOK, 100_000, date(2023, 2, 20)), (WAJIB, 25_000, date(2025, 12, 5))),
    ),
)  # fmt: skip


def demo_members_ensure(cooperative: Cooperative, password: str) -> list[Member]:
    """The demo members of ``cooperative``, registered, activated and with their savings."""
    members = [_member_ensure(cooperative, plan) for plan in DEMO_MEMBERS]
    for plan, member in zip(DEMO_MEMBERS, members, strict=True):
        if plan.email:
            _activate(member, password)
        for index, (kind, amount, occurred_on) in enumerate(plan.savings, 1):
            savings_record(
                member=member,
                kind=kind,
                amount=amount,
                occurred_on=occurred_on,
                idempotency_key=f"demo-{plan.number}-{index}",
                note="Demo",
            )
    return members


def demo_members_sign_in_text(cooperative: Cooperative) -> str:
    """Where and how the demo members sign in, for the load command's output."""
    numbers = ", ".join(str(plan.number) for plan in DEMO_MEMBERS if plan.email)
    path = reverse("web:member-sign-in", args=[cooperative.pk])
    return f"Demo members of {cooperative.name} sign in at {path} (numbers {numbers})."


def _member_ensure(cooperative: Cooperative, plan: DemoMember) -> Member:
    """The member with this NIK, or a new one registered as an admin does (which e-mails
    an invitation when there is an address)."""
    found = Member.objects.filter(
        cooperative=cooperative, nik_digest=crypto.lookup_digest(plan.nik)
    ).first()
    if found is not None:
        return found
    number_free = not Member.objects.filter(cooperative=cooperative, number=plan.number).exists()
    return member_create(
        cooperative=cooperative,
        number=plan.number if number_free else None,
        joined_on=plan.joined_on,
        producer=Producer.objects.filter(cooperative=cooperative, name=plan.producer).first()
        if plan.producer
        else None,
        name=plan.name,
        nik=plan.nik,
        sex=plan.sex,
        village=cooperative.village,
        email=plan.email,
    )


def _activate(member: Member, password: str) -> None:
    """Accept the member's invitation as they would, unless their account already has
    ``password``: set it with the invitation link's token."""
    user = member.user
    if user is None or user.check_password(password):
        return
    token = password_reset_token_generator.make_token(user)
    user_password_set(email=user.email, token=token, password=password)
    logger.info("demo_member_activated", extra={"member_id": member.pk})
