"""The demo's consultations: written once, e-mail nobody, and give the district desk
its figures (Kudus: two threads of Kopwan Srikandi Colo answered after
4 h 30 min and 26 h, so a median of 15 h 15 min; one open question of the Merah Putih
cooperative)."""

from __future__ import annotations

import datetime

import pytest

from coop_reporting.consultation import selectors
from coop_reporting.consultation.demo import consultation_demo_load
from coop_reporting.consultation.models import ConsultationMessage, ConsultationThread
from coop_reporting.supervision import services as supervision_services
from coop_reporting.supervision.selectors import supervision_scope
from marketplace.core.models import OutgoingEmail
from marketplace.demo.data import COOPERATIVES
from tests.factories.accounts import UserFactory
from tests.factories.regions import village_bakalankrapyak, village_pecatu
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory

pytestmark = pytest.mark.django_db

NAMES = {
    "kopwan-colo": "Kopwan Srikandi Colo",
    "merah-putih-kudus": "Koperasi Desa Merah Putih Kudus",
    "kud-pecatu": "KUD Mina Segara Pecatu",
}


def test_demo_consultations_load_once_email_nobody_and_give_the_desk_its_figures():
    kudus, pecatu = village_bakalankrapyak(), village_pecatu()
    for plan in COOPERATIVES:
        if plan.key in NAMES:
            cooperative = CooperativeFactory(
                name=NAMES[plan.key],
                nomor_induk_koperasi=plan.nomor_induk_koperasi,
                village=pecatu if plan.key == "kud-pecatu" else kudus,
            )
            CooperativeStaffFactory(cooperative=cooperative, role="admin")
    officer = UserFactory(email="dinas.kudus@lumbung.test")
    supervision_services.dinas_officer_assign(
        user=officer, regency_code="33.19", office_name="Dinas Koperasi Kabupaten Kudus"
    )
    now = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)

    assert consultation_demo_load(now=now) == {"consultations": 4}
    assert consultation_demo_load(now=now) == {"consultations": 4}  # nothing more

    assert ConsultationMessage.objects.count() == 6
    assert not OutgoingEmail.objects.exists()
    scope = supervision_scope(officer)
    # (4 h 30 min + 26 h) / 2 = 15 h 15 min
    assert selectors.median_time_to_first_answer(scope) == datetime.timedelta(hours=15, minutes=15)
    open_rows = selectors.open_questions_by_cooperative(scope)
    assert [(row["name"], row["open"]) for row in open_rows] == [
        ("Koperasi Desa Merah Putih Kudus", 1)
    ]
    statuses = dict(ConsultationThread.objects.values_list("topic", "status").order_by("topic"))
    assert statuses == {
        "finance": "open",
        "legal": "closed",
        "marketing": "answered",
        "rat": "open",
    }
