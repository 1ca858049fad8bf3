"""A consultation desk: two cooperatives in Kudus (A and B) and one in Badung, their
admins, a staff member of A who is not an admin, the Kudus, Jawa Tengah and Badung Dinas
officers and platform staff."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from PIL import Image
from pypdf import PdfWriter

from coop_reporting.consultation import services
from coop_reporting.consultation.models import ConsultationThread
from coop_reporting.supervision import services as supervision_services
from marketplace.accounts.models import User
from marketplace.catalog.images import image_clean
from marketplace.village_hubs.models import Cooperative, StaffRole
from tests.factories.accounts import UserFactory
from tests.factories.regions import village_bakalankrapyak, village_pecatu
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory


@dataclass
class Desk:
    coop_a: Cooperative  # Kudus
    coop_b: Cooperative  # Kudus
    bali_coop: Cooperative  # Badung
    admin_a: User
    second_admin_a: User
    staff_a: User  # works for A, not an admin
    admin_b: User
    bali_admin: User
    kudus_officer: User
    jateng_officer: User
    bali_officer: User
    platform_staff: User


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def desk(db: None, media_root) -> Desk:
    kudus, pecatu = village_bakalankrapyak(), village_pecatu()
    coop_a = CooperativeFactory(name="KSP Artha Kudus", village=kudus)
    coop_b = CooperativeFactory(name="KUD Makmur Kaliwungu", village=kudus)
    bali_coop = CooperativeFactory(name="KUD Mina Segara Pecatu", village=pecatu)

    def admin(cooperative: Cooperative, email: str, first_name: str) -> User:
        user = UserFactory(email=email, first_name=first_name, last_name="")
        CooperativeStaffFactory(user=user, cooperative=cooperative, role=StaffRole.ADMIN)
        return user

    def officer(email: str, first_name: str, **region: str) -> User:
        user = UserFactory(email=email, first_name=first_name, last_name="")
        supervision_services.dinas_officer_assign(user=user, office_name="Dinas Koperasi", **region)
        return user

    staff_a = UserFactory(email="kasir.artha@koperasi.test")
    CooperativeStaffFactory(user=staff_a, cooperative=coop_a, role=StaffRole.STAFF)
    return Desk(
        coop_a=coop_a,
        coop_b=coop_b,
        bali_coop=bali_coop,
        admin_a=admin(coop_a, "ketua.artha@koperasi.test", "Siti"),
        second_admin_a=admin(coop_a, "bendahara.artha@koperasi.test", "Rina"),
        staff_a=staff_a,
        admin_b=admin(coop_b, "ketua.makmur@koperasi.test", "Budi"),
        bali_admin=admin(bali_coop, "ketua.pecatu@koperasi.test", "Wayan"),
        kudus_officer=officer("petugas.kudus@dinas.test", "Agus", regency_code="33.19"),
        jateng_officer=officer("petugas.jateng@dinas.test", "Dewi", province_code="33"),
        bali_officer=officer("petugas.badung@dinas.test", "Made", regency_code="51.03"),
        platform_staff=UserFactory(email="staf@lumbung.test", is_staff=True),
    )


def ask(
    desk: Desk, text: str = "Bagaimana cara mengisi laporan RAT?", **kwargs
) -> ConsultationThread:
    kwargs.setdefault("cooperative", desk.coop_a)
    kwargs.setdefault("actor", desk.admin_a)
    kwargs.setdefault("topic", "rat")
    return services.consultation_ask(text=text, image_clean=image_clean, **kwargs)


def reply(thread: ConsultationThread, side: str, actor: User, text: str, **kwargs):
    return services.consultation_reply(
        thread=thread, side=side, actor=actor, text=text, image_clean=image_clean, **kwargs
    )
