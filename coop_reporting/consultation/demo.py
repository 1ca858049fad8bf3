"""The consultation desk's part of the demo data, so the district desk shows open
questions and a median time to a first answer on first start.

``manage.py load_demo_data`` runs ``consultation_demo_load`` (``settings.
DEMO_DATA_LOADERS``) after reporting's demo (which makes the Dinas officers). Threads are
written directly, without the services, so loading the demo e-mails nobody; their times
are fixed hours before today, so the figures read the same on any day:

* Kopwan Srikandi Colo (Kudus) asked about marketing 6 days ago; the Kudus officer
  answered 4 h 30 min later (answered).
* Kopwan Srikandi Colo asked about a permit 20 days ago; answered 26 h later; the
  pengurus closed it.
* Koperasi Desa Merah Putih Kudus asked about its first RAT 2 days ago (open).
* KUD Mina Segara Pecatu (Badung) asked about finances yesterday (open).

Kudus' median time to a first answer is then (4 h 30 min + 26 h) / 2 = 15 h 15 min.
Idempotent: a thread is written only when its cooperative has no message with its text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from coop_reporting.consultation.models import (
    ConsultationMessage,
    ConsultationSide,
    ConsultationStatus,
    ConsultationThread,
)
from marketplace.accounts.models import User
from marketplace.demo.data import COOPERATIVES
from marketplace.village_hubs.models import Cooperative, CooperativeStaff, StaffRole


@dataclass(frozen=True)
class DemoThread:
    cooperative: str  # the demo cooperative's key (marketplace.demo.data)
    topic: str
    days_ago: int
    question: str
    officer: str = ""
    answer: str = ""
    answered_after: datetime.timedelta | None = None
    closed: bool = False


THREADS = [
    DemoThread(
        "kopwan-colo", "marketing", 6,
        "Penjualan kopwan kami di Lumbung turun lebih dari separuh dibanding tahun lalu. "
        "Apakah Dinas punya program pelatihan pemasaran daring untuk anggota?",
        "dinas.kudus@lumbung.test",
        "Ada, Bu. Pelatihan pemasaran digital UMKM dibuka bulan depan di kantor Dinas. "
        "Kirimkan lima nama anggota, kami daftarkan.",
        datetime.timedelta(hours=4, minutes=30),
    ),
    DemoThread(
        "kopwan-colo", "legal", 20,
        "Anggota kami ingin menjual jenang kemasan. Izin apa yang perlu diurus?",
        "dinas.kudus@lumbung.test",
        "Untuk pangan olahan rumah tangga cukup SPP-IRT dari Dinas Kesehatan, dengan NIB "
        "dari OSS. Kami bisa mendampingi pengurusannya.",
        datetime.timedelta(hours=26),
        closed=True,
    ),
    DemoThread(
        "merah-putih-kudus", "rat", 2,
        "Koperasi kami berdiri tahun 2025 dan belum pernah mengadakan RAT. Kapan batas "
        "waktunya dan apa saja yang harus disiapkan?",
    ),
    DemoThread(
        "kud-pecatu", "finance", 1,
        "Bagaimana mencatat penjualan di lapak pasar yang dibayar tunai ke bendahara?",
    ),
]  # fmt: skip


def _admin(cooperative: Cooperative) -> User | None:
    staff = (
        CooperativeStaff.objects.filter(cooperative=cooperative, role=StaffRole.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return staff.user if staff else None


@transaction.atomic
def _thread_ensure(plan: DemoThread, cooperative: Cooperative, now: datetime.datetime) -> int:
    if ConsultationMessage.objects.filter(
        thread__cooperative=cooperative, text=plan.question
    ).exists():
        return 0
    asker = _admin(cooperative)
    asked = (now - datetime.timedelta(days=plan.days_ago)).replace(second=0, microsecond=0)
    answered = asked + plan.answered_after if plan.answered_after else None
    officer = User.objects.filter(email=plan.officer).first() if plan.officer else None
    status = ConsultationStatus.ANSWERED if answered else ConsultationStatus.OPEN
    thread = ConsultationThread.objects.create(
        cooperative=cooperative,
        topic=plan.topic,
        status=ConsultationStatus.CLOSED if plan.closed else status,
        asked_by=asker,
        asked_at=asked,
        first_answered_at=answered,
        last_message_at=answered or asked,
        closed_at=(answered + datetime.timedelta(hours=2)) if plan.closed and answered else None,
        closed_by=asker if plan.closed else None,
    )
    ConsultationMessage.objects.create(
        thread=thread, side=ConsultationSide.COOPERATIVE, author=asker, text=plan.question,
        created_at=asked,
    )  # fmt: skip
    if answered:
        ConsultationMessage.objects.create(
            thread=thread, side=ConsultationSide.DINAS, author=officer, text=plan.answer,
            created_at=answered,
        )  # fmt: skip
    return 1


def consultation_demo_load(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Write the demo's consultations that are missing; how many demo threads exist."""
    now = now or timezone.now()
    nik_of = {plan.key: plan.nomor_induk_koperasi for plan in COOPERATIVES}
    by_nik = {
        cooperative.nomor_induk_koperasi: cooperative
        for cooperative in Cooperative.objects.filter(nomor_induk_koperasi__in=nik_of.values())
    }
    for plan in THREADS:
        cooperative = by_nik.get(nik_of[plan.cooperative])
        if cooperative is not None:
            _thread_ensure(plan, cooperative, now)
    demo = ConsultationThread.objects.filter(cooperative__in=list(by_nik.values()))
    return {"consultations": demo.count()}
