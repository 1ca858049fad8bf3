"""A district report made by a real Celery worker (its own process, the project's
settings), then opened as the Dinas officer would open it."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from pypdf import PdfReader

from coop_reporting.exports import services
from coop_reporting.exports.models import ReportExport
from coop_reporting.supervision import selectors
from tests.helpers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_worker_makes_the_kudus_district_report(
    supervised, media_root, start_worker, django_capture_on_commit_callbacks
):
    # given a worker writing files into the same MEDIA_ROOT
    start_worker(broker_url=settings.CELERY_BROKER_URL, env={"MEDIA_ROOT": str(media_root)})
    # when the Kudus officer asks for the district report of their regency
    checked = services.report_export_prepare(
        kind="district_report",
        file_format="pdf",
        parameters={
            "scope": selectors.supervision_scope(supervised.kudus_officer),
            "regency": "33.19",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_create(
            request=checked, requested_by=supervised.kudus_officer, language="id"
        )
    # then the worker makes it, as of the day it was asked
    wait_for(
        lambda: ReportExport.objects.get(pk=export.pk).status in ("success", "failed"),
        timeout=90,
        what="district report made by the worker",
    )
    export.refresh_from_db()
    assert (export.status, export.error) == ("success", "")
    assert export.file_name == "laporan-koperasi-kabupaten-kudus-2026.pdf"
    with default_storage.open(export.file.name, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Koperasi Kabupaten Kudus, tahun buku 2026" in text
    assert "Status keaktifan dan batas waktu RAT per 15 Agustus 2026." in text
    assert "Rp130.000" in text
    assert "Koperasi dengan peringatan dini (3)" in text
    for name in ("KOPTAN Sepi Kudus", "KSP Artha Kudus", "KUD Makmur Kaliwungu"):
        assert name in text
    assert "KUD Mina Segara Pecatu" not in text
