"""Requesting exports and making them (the task's body, run here in-process): files stored
under names nobody can guess, failures recorded with a message, requests checked."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader

from coop_reporting.exports import registry, services
from coop_reporting.exports.models import ReportExport
from coop_reporting.exports.tasks import report_export_generate_task

pytestmark = pytest.mark.django_db


def request_export(export_world, *, kind="cooperative_profile", file_format="pdf", **params):
    parameters = {"cooperative_id": export_world.cooperative.pk, "financial_year": 2024}
    parameters.update(params)
    checked = services.report_export_prepare(
        kind=kind, file_format=file_format, parameters=parameters
    )
    return services.report_export_create(
        request=checked, requested_by=export_world.admin, language="id"
    )


def test_request_is_pending_until_a_worker_makes_the_file(
    export_world, media_root, django_capture_on_commit_callbacks
):
    # when the cooperative's admin asks for the profile as PDF
    with django_capture_on_commit_callbacks() as callbacks:
        export = request_export(export_world)
    # then it waits, and a task is sent after commit
    assert (export.status, export.file.name, export.language) == ("pending", "", "id")
    assert export.parameters == {
        "cooperative_id": export_world.cooperative.pk,
        "financial_year": 2024,
    }
    assert export.cooperative == export_world.cooperative
    assert len(callbacks) == 1

    # when the task runs (here in-process; a real worker in test_worker.py)
    report_export_generate_task.run(str(export.pk))

    # then the file is stored under an unguessable name, with its metadata
    export.refresh_from_db()
    assert export.status == "success"
    assert export.error == ""
    assert export.file_name == "profil-koperasi-ksu-tani-makmur-sejahtera-2024.pdf"
    assert export.content_type == "application/pdf"
    prefix, hex_id, token, name = export.file.name.split("/")[1:]
    assert (f"reports/{prefix}", hex_id, name) == (
        "reports/exports",
        export.pk.hex,
        export.file_name,
    )
    assert len(token) >= 24
    assert (media_root / export.file.name).exists()
    with default_storage.open(export.file.name, "rb") as handle:
        content = handle.read()
    assert export.size == len(content)
    assert "Rp200.000" in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert export.started_at <= export.finished_at <= timezone.now()


def test_running_the_task_again_changes_nothing(export_world, media_root):
    export = request_export(export_world, file_format="csv")
    services.report_export_generate(export_id=export.pk)
    export.refresh_from_db()
    first = (export.file.name, export.finished_at)
    services.report_export_generate(export_id=export.pk)
    export.refresh_from_db()
    assert (export.file.name, export.finished_at) == first
    assert len(list((media_root / "reports" / "exports" / export.pk.hex).iterdir())) == 1


@pytest.fixture
def broken_kinds():
    def broken_build(parameters, file_format):
        if parameters["why"] == "known":
            raise registry.ExportFailed("Data koperasi belum lengkap.")
        raise RuntimeError("disk on fire")

    kind = registry.register(
        registry.ExportKind(
            key="test_broken",
            label="Broken",
            scope=registry.ExportScope.COOPERATIVE,
            formats=("csv",),
            clean=lambda parameters: {
                "cooperative_id": parameters["cooperative_id"],
                "why": parameters["why"],
            },
            build=broken_build,
        )
    )
    yield kind
    registry.unregister(kind.key)


@pytest.mark.parametrize(
    ("why", "message"),
    [
        ("known", "Data koperasi belum lengkap."),
        ("bug", "Laporan tidak dapat dibuat karena terjadi galat. Silakan coba lagi."),
    ],
)
def test_a_failure_is_recorded_with_a_message(export_world, media_root, broken_kinds, why, message):
    export = request_export(export_world, kind="test_broken", file_format="csv", why=why)
    services.report_export_generate(export_id=export.pk)
    export.refresh_from_db()
    assert (export.status, export.error, export.file.name) == ("failed", message, "")
    assert export.finished_at is not None
    assert not (media_root / "reports").exists()


def test_a_kind_removed_since_the_request_fails(export_world, broken_kinds):
    export = request_export(export_world, kind="test_broken", file_format="csv", why="known")
    registry.unregister("test_broken")
    services.report_export_generate(export_id=export.pk)
    export.refresh_from_db()
    assert (export.status, export.error) == (
        "failed",
        "Jenis laporan ini sudah tidak tersedia.",
    )


def test_new_kinds_plug_into_the_registry(export_world, media_root):
    # a district-wide kind, as the district exports will add (scope: DISTRICT)
    kind = registry.register(
        registry.ExportKind(
            key="test_district_list",
            label="District list",
            scope=registry.ExportScope.DISTRICT,
            formats=("csv",),
            clean=lambda parameters: {"regency_code": "51.03"},
            build=lambda parameters, file_format: registry.BuiltFile(
                name=f"kabupaten-{parameters['regency_code']}.csv", content=b"kode\r\n51.03\r\n"
            ),
        )
    )
    try:
        assert registry.get_kind("test_district_list") is kind
        checked = services.report_export_prepare(
            kind="test_district_list", file_format="csv", parameters={}
        )
        export = services.report_export_create(request=checked, requested_by=export_world.admin)
        assert export.cooperative is None  # its scope lives in the parameters
        services.report_export_generate(export_id=export.pk)
        export.refresh_from_db()
        assert (export.status, export.file_name) == ("success", "kabupaten-51.03.csv")
        assert export.content_type == "text/csv; charset=utf-8"
        # another kind may not take the same key
        with pytest.raises(ImproperlyConfigured):
            registry.register(
                registry.ExportKind(
                    key="test_district_list",
                    label="Other",
                    scope=registry.ExportScope.DISTRICT,
                    formats=("pdf",),
                    clean=dict,
                    build=kind.build,
                )
            )
    finally:
        registry.unregister("test_district_list")
    assert [k.key for k in registry.all_kinds()] == [
        "cooperative_profile",
        "district_list",
        "district_report",
        "producer_statement",
    ]


def refusal(kind: str, file_format: str, parameters: dict) -> tuple[str, str]:
    with pytest.raises(ValidationError) as error:
        services.report_export_prepare(kind=kind, file_format=file_format, parameters=parameters)
    [(field, [item])] = error.value.error_dict.items()
    return field, item.code


def test_requests_are_checked_before_anything_is_stored(export_world, broken_kinds):
    coop = export_world.cooperative.pk
    producer = export_world.history.keripik.pk
    year = timezone.localdate().year
    assert refusal("nope", "pdf", {}) == ("kind", "invalid")
    assert refusal("test_broken", "pdf", {}) == ("format", "unsupported_format")
    assert refusal("cooperative_profile", "pdf", {}) == ("cooperative", "required")
    assert refusal("cooperative_profile", "pdf", {"cooperative_id": 987_654}) == (
        "cooperative",
        "not_found",
    )
    for bad_year in (1999, year + 1):
        assert refusal(
            "cooperative_profile", "pdf", {"cooperative_id": coop, "financial_year": bad_year}
        ) == ("financial_year", "invalid")
    day = datetime.date(2024, 3, 1)
    assert refusal("producer_statement", "csv", {"starts_on": day, "ends_on": day}) == (
        "producer",
        "required",
    )
    assert refusal("producer_statement", "csv", {"producer_id": producer, "ends_on": day}) == (
        "from",
        "required",
    )
    assert refusal(
        "producer_statement",
        "csv",
        {"producer_id": producer, "starts_on": day, "ends_on": day - datetime.timedelta(days=1)},
    ) == ("until", "invalid_period")
    assert refusal(
        "producer_statement",
        "csv",
        {"producer_id": producer, "starts_on": day, "ends_on": day + datetime.timedelta(days=366)},
    ) == ("until", "invalid_period")  # 366 days at most
    assert not ReportExport.objects.exists()


def test_profile_defaults_to_the_current_financial_year(export_world):
    checked = services.report_export_prepare(
        kind="cooperative_profile",
        file_format="xlsx",
        parameters={"cooperative_id": export_world.cooperative.pk},
    )
    assert checked.parameters["financial_year"] == timezone.localdate().year
    statement = services.report_export_prepare(
        kind="producer_statement",
        file_format="pdf",
        parameters={
            "producer_id": export_world.history.kopi.pk,
            "starts_on": datetime.date(2024, 1, 1),
            "ends_on": datetime.date(2024, 12, 31),
        },
    )
    assert statement.parameters == {
        "producer_id": export_world.history.kopi.pk,
        "cooperative_id": export_world.cooperative.pk,
        "starts_on": "2024-01-01",
        "ends_on": "2024-12-31",
    }
