"""A report export made by a real Celery worker (its own process, the project's settings),
then opened as the user would open it."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from pypdf import PdfReader

from coop_reporting.exports import services
from coop_reporting.exports.models import ReportExport
from tests.helpers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_worker_makes_the_profile_pdf(
    export_world, health_2025, media_root, start_worker, django_capture_on_commit_callbacks
):
    # given a worker writing files into the same MEDIA_ROOT
    start_worker(broker_url=settings.CELERY_BROKER_URL, env={"MEDIA_ROOT": str(media_root)})
    # when the cooperative's admin asks for the 2024 profile as PDF
    checked = services.report_export_prepare(
        kind="cooperative_profile",
        file_format="pdf",
        parameters={"cooperative_id": export_world.cooperative.pk, "financial_year": 2024},
    )
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_create(
            request=checked, requested_by=export_world.admin, language="id"
        )
    # then the worker makes it
    wait_for(
        lambda: ReportExport.objects.get(pk=export.pk).status in ("success", "failed"),
        timeout=90,
        what="report export made by the worker",
    )
    export.refresh_from_db()
    assert (export.status, export.error) == ("success", "")
    with default_storage.open(export.file.name, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Profil kegiatan usaha koperasi" in text
    assert "KSU Tani Makmur & Sejahtera" in text
    assert "Rp200.000" in text  # volume usaha 2024
    assert "Penjualan per bulan" in text
    assert "skor total 80,80, Sehat" in text
