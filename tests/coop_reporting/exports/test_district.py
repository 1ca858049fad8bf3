"""District exports for the Dinas Koperasi, opened as an officer would open them: the list
as CSV (parsed with csv) and XLSX (loaded with openpyxl), the report as PDF (text
extracted with pypdf); in Bahasa Indonesia, scoped to what the requester supervises.

The supervised world of tests/coop_reporting/supervision/conftest.py, on 15 August 2026
(financial year 2026): three cooperatives in Kudus, one in Kota Semarang (Jawa Tengah),
one in Badung (Bali).
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from coop_reporting.district import exports as district
from coop_reporting.district import report as district_report
from coop_reporting.district.selectors import DistrictFilters
from coop_reporting.exports import registry, services
from coop_reporting.exports.models import ReportExport
from coop_reporting.supervision import selectors
from coop_reporting.supervision.selectors import SupervisionScope
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

KOPTAN, KOPWAN = "KOPTAN Sepi Kudus", "KOPWAN Srikandi Semarang"
KSP, KUD, BALI = "KSP Artha Kudus", "KUD Makmur Kaliwungu", "KUD Mina Segara Pecatu"
HEADER = [
    "Koperasi",
    "Nomor Induk Koperasi (NIK)",
    "Jenis",
    "Kabupaten/kota",
    "Provinsi",
    "Anggota",
    "Status keaktifan",
    "Kategori kesehatan",
    "Skor kesehatan",
    "Peringatan dini aktif",
    "Penjualan marketplace 2026 (Rp)",
    "Penjualan marketplace 2025 (Rp)",
    "Perubahan penjualan marketplace (%)",
    "Penjualan terakhir",
    "RAT tahun buku 2025",
]
SALES_DROP = (
    "Penjualan turun: Penjualan di marketplace dari 2026-05 sampai 2026-07 sebesar Rp0, "
    "100% lebih rendah daripada Rp80.000 setahun sebelumnya (peringatan bila turun 50% "
    "atau lebih)."
)


def scope_of(user) -> SupervisionScope:
    return selectors.supervision_scope(user)


def cleaned(user, **parameters) -> dict:
    with translation.override("id"):
        return district.clean({"scope": scope_of(user), **parameters})


def build(parameters: dict, file_format: str) -> registry.BuiltFile:
    with translation.override("id"):
        if file_format == "pdf":
            return district_report.build_report(parameters, file_format)
        return district.build_list(parameters, file_format)


def csv_rows(built: registry.BuiltFile) -> list[list[str]]:
    content = built.read()
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(built: registry.BuiltFile) -> list[tuple]:
    return list(load_workbook(io.BytesIO(built.read())).active.iter_rows(values_only=True))


def pdf_text(built: registry.BuiltFile) -> str:
    reader = PdfReader(io.BytesIO(built.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def refusal(user, **parameters) -> tuple[str, str, str]:
    with pytest.raises(ValidationError) as error, translation.override("id"):
        district.clean({"scope": scope_of(user), **parameters})
    [(field, [item])] = error.value.error_dict.items()
    return field, item.code, item.messages[0]


# --- the list ------------------------------------------------------------------------------


def test_kudus_officer_exports_the_kudus_list_as_csv(supervised):
    parameters = cleaned(supervised.kudus_officer)
    assert parameters == {
        "regency": None,
        "province": None,
        "regions": ["33.19"],  # everything the officer supervises
        "financial_year": 2026,
        "as_of": "2026-08-15",
        "filters": {
            "search": None,
            "jenis": [],
            "activity_status": [],
            "health_category": [],
            "flags": [],
            "flagged": None,
            "has_savings_unit": None,
            "merah_putih": None,
        },
        "sort": {"field": "name", "direction": "asc"},
    }
    built = build(parameters, "csv")
    assert built.name == "daftar-koperasi-kabupaten-kudus-2026.csv"
    assert built.content_type() == "text/csv; charset=utf-8"
    rows = csv_rows(built)
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == [KOPTAN, KSP, KUD]  # only Kudus, by name
    assert rows[2] == [
        KSP,
        "3319010000000001",
        "Koperasi Simpan Pinjam (KSP)",
        "Kabupaten Kudus",
        "Jawa Tengah",
        "300",
        "Aktif: RAT terlaksana dan ada penjualan",
        "Sehat",
        "80,80",
        SALES_DROP,
        "130000",  # whole rupiah, no separators
        "80000",
        "62,5",
        "2026-08-10",
        "Tepat waktu",
    ]
    assert rows[3][6:] == [
        "RAT terlaksana, tidak ada penjualan baru-baru ini",
        "",  # not assessed: no savings unit
        "",
        "Tidak ada penjualan: Tidak ada penjualan di marketplace selama 268 hari: penjualan "
        "terakhir pada 2025-11-20 (peringatan setelah 60 hari).",
        "0",
        "200000",
        "",  # no sales up to 15 August 2025 to compare with
        "2025-11-20",
        "Terlambat",
    ]
    assert rows[1][10:] == ["0", "0", "", "", "Belum ada, batas waktu terlewati"]


def test_province_officer_exports_xlsx_in_the_lists_order(supervised):
    parameters = cleaned(
        supervised.jateng_officer, sort={"field": "sales_this_year", "direction": "desc"}
    )
    built = build(parameters, "xlsx")
    assert built.name == "daftar-koperasi-provinsi-jawa-tengah-2026.xlsx"
    workbook = load_workbook(io.BytesIO(built.read()))
    assert workbook.sheetnames == ["Koperasi"]
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    # largest sales first, ties by name; nothing from Bali
    assert [row[0] for row in rows[1:]] == [KSP, KOPWAN, KOPTAN, KUD]
    ksp = rows[1]
    assert ksp[5] == 300
    assert (ksp[8], ksp[10], ksp[11], ksp[12]) == (80.80, 130_000, 80_000, 62.5)  # numbers
    assert ksp[13].date() == datetime.date(2026, 8, 10)  # a date cell
    assert rows[2][3:5] == ("Kota Semarang", "Jawa Tengah")
    assert rows[2][12] is None  # no sales a year earlier: no trend
    assert workbook.active.freeze_panes == "A2"


def test_filters_and_sort_of_the_list_apply(supervised):
    parameters = cleaned(
        supervised.jateng_officer,
        filters=DistrictFilters(flagged=True, jenis=("kud", "produsen")),
        sort={"field": "name", "direction": "desc"},
    )
    assert parameters["filters"]["jenis"] == ["kud", "produsen"]
    assert parameters["filters"]["flagged"] is True
    assert [row[0] for row in csv_rows(build(parameters, "csv"))[1:]] == [KUD, KOPTAN]
    # a search, as the list takes it
    searched = cleaned(supervised.platform_staff, filters={"search": "Mina"})
    assert searched["regions"] == []  # platform staff: all of Indonesia
    built = build(searched, "csv")
    assert built.name == "daftar-koperasi-seluruh-indonesia-2026.csv"
    assert [row[0] for row in csv_rows(built)[1:]] == [BALI]


def test_rows_are_read_in_chunks_with_their_flags(supervised, monkeypatch):
    parameters = cleaned(supervised.jateng_officer)
    whole = csv_rows(build(parameters, "csv"))
    monkeypatch.setattr(district, "CHUNK_SIZE", 2)
    with CaptureQueriesContext(connection) as queries:
        in_chunks = csv_rows(build(parameters, "csv"))
    assert in_chunks == whole
    flag_queries = [q for q in queries if "coop_sales_cooperativeflag" in q["sql"]]
    assert len(flag_queries) == 2  # 4 cooperatives, all flagged: one query per chunk of 2


def test_the_number_of_queries_does_not_grow_with_the_cooperatives(supervised):
    parameters = cleaned(supervised.jateng_officer)
    with CaptureQueriesContext(connection) as before:
        build(parameters, "xlsx")
    for index in range(5):
        CooperativeFactory(name=f"Koperasi Baru {index}", village=supervised.kudus_ksp.village)
    with CaptureQueriesContext(connection) as after:
        rows = xlsx_rows(build(parameters, "xlsx"))
    assert len(rows) == 1 + 4 + 5
    assert len(after) == len(before)


def test_scope_and_bad_requests_are_refused(supervised):
    officer = supervised.kudus_officer
    # Bali is not the Kudus officer's, nor is the whole province of Jawa Tengah
    assert refusal(officer, regency="51.03") == (
        "regency",
        "out_of_scope_region",
        "Anda tidak mengawasi wilayah ini.",
    )
    assert refusal(officer, province="33")[:2] == ("province", "out_of_scope_region")
    assert refusal(officer, filters={"regency": "51.03"})[:2] == (
        "regency",
        "out_of_scope_region",
    )
    # codes that are no region, or no known one
    assert refusal(officer, regency="Kudus")[:2] == ("regency", "invalid")
    assert refusal(officer, regency="33.99")[:2] == ("regency", "not_found")
    assert refusal(officer, province="99")[:2] == ("province", "not_found")
    assert refusal(supervised.jateng_officer, regency="33.19", province="51")[:2] == (
        "regency",
        "invalid",
    )
    assert refusal(officer, regency="33.19", filters={"regency": "33.74"})[:2] == (
        "regency",
        "invalid",
    )
    assert refusal(officer, financial_year=2027)[:2] == ("financial_year", "invalid")
    assert refusal(officer, filters={"activity_status": ["sleeping"]})[:2] == (
        "district_filter",
        "invalid",
    )
    assert refusal(officer, sort={"field": "password", "direction": "asc"})[:2] == (
        "district_sort_by",
        "invalid",
    )
    # cooperative staff and customers supervise nothing
    for user in (supervised.coop_admin, supervised.customer):
        with pytest.raises(ValidationError) as error:
            district.clean({"scope": scope_of(user)})
        assert error.value.error_list[0].code == "out_of_scope_region"
    # the officer's own regency, and anything for platform staff, is accepted
    assert cleaned(officer, regency="33.19")["regions"] == ["33.19"]
    assert cleaned(supervised.platform_staff, province="51")["regions"] == ["51"]


def test_who_is_covered_by_a_stored_export(supervised):
    kudus = cleaned(supervised.kudus_officer, regency="33.19")
    province = cleaned(supervised.jateng_officer)
    everything = cleaned(supervised.platform_staff)
    covered = district.export_covered_by
    assert covered(kudus, scope_of(supervised.jateng_officer))  # Kudus lies in Jawa Tengah
    assert not covered(kudus, scope_of(supervised.bali_officer))
    assert not covered(province, scope_of(supervised.kudus_officer))
    assert not covered(everything, scope_of(supervised.jateng_officer))
    assert covered(everything, scope_of(supervised.platform_staff))
    assert not covered(kudus, scope_of(supervised.coop_admin))


# --- the PDF report ------------------------------------------------------------------------


def test_kudus_report_pdf_in_indonesian(supervised):
    built = build(cleaned(supervised.kudus_officer), "pdf")
    assert built.name == "laporan-koperasi-kabupaten-kudus-2026.pdf"
    assert built.content_type() == "application/pdf"
    text = pdf_text(built)
    for expected in (
        "Koperasi Kabupaten Kudus, tahun buku 2026",
        "Tahun buku 2026: 1 Januari 2026 sampai 31 Desember 2026",
        "Status keaktifan dan batas waktu RAT per 15 Agustus 2026.",
        "Ringkasan",
        "Penjualan marketplace 2026",
        "Rp130.000",  # KSP this year
        "Rp280.000",  # 80.000 + 200.000 last year
        "Penjualan marketplace 2025, periode yang sama",
        "Rp80.000",  # up to 15 August 2025: KSP's 80.000 of 10 May
        "+62,5%",  # 130.000 against 80.000
        "Koperasi menurut status keaktifan",
        "Aktif: RAT terlaksana dan ada penjualan",
        "Koperasi menurut kategori kesehatan",
        "Sehat",
        "Belum dinilai",
        "Peringatan dini yang berlaku",
        "Penjualan turun",
        "RAT tahun buku 2025",
        "Tepat waktu",
        "Terlambat",
        "Belum ada, batas waktu terlewati",
        "Penjualan marketplace per bulan: 2026 dibanding 2025",
        "Agu",  # the month chart's axis
        "Rp100.000",  # August 2026
        "Rp200.000",  # November 2025
        "Koperasi dengan peringatan dini (3)",
        KOPTAN,
        KSP,
        KUD,
        "Laporan RAT tahun buku 2025 belum",  # the reasons
        "Tidak ada penjualan di marketplace selama",
        "Halaman 1",
    ):
        assert expected in text, expected
    assert KOPWAN not in text
    assert BALI not in text


def test_report_pdf_totals_follow_the_filters(supervised):
    parameters = cleaned(supervised.jateng_officer, filters={"has_savings_unit": True})
    text = pdf_text(build(parameters, "pdf"))
    assert "Koperasi Provinsi Jawa Tengah, tahun buku 2026" in text
    assert "Hanya koperasi: dengan unit simpan pinjam." in text
    assert "Koperasi dengan peringatan dini (2)" in text  # KSP and KOPWAN
    assert "Rp175.000" in text  # 130.000 + 45.000
    assert "Cukup Sehat" in text
    assert KUD not in text


def test_report_pdf_without_warnings(supervised):
    text = pdf_text(build(cleaned(supervised.bali_officer), "pdf"))
    assert "Koperasi Kabupaten Badung, tahun buku 2026" in text
    assert "Koperasi dengan peringatan dini (0)" in text
    assert "Tidak ada peringatan dini." in text
    assert "Rp500.000" in text


# --- requests, stored and made ---------------------------------------------------------------


def test_a_district_request_is_stored_and_made(supervised, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    checked = services.report_export_prepare(
        kind="district_list",
        file_format="xlsx",
        parameters={"scope": scope_of(supervised.kudus_officer), "regency": "33.19"},
    )
    assert checked.kind.scope is registry.ExportScope.DISTRICT
    assert "scope" not in checked.parameters  # the scope is checked, never stored
    export = services.report_export_create(
        request=checked, requested_by=supervised.kudus_officer, language="id"
    )
    assert export.cooperative is None
    services.report_export_generate(export_id=export.pk)
    export.refresh_from_db()
    assert (export.status, export.error) == ("success", "")
    assert export.file_name == "daftar-koperasi-kabupaten-kudus-2026.xlsx"
    with export.file.open("rb") as handle:
        content = handle.read()
    assert export.size == len(content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [KOPTAN, KSP, KUD]
    # the PDF is a kind of its own; the list has no PDF and the report no CSV
    for kind, file_format in (("district_list", "pdf"), ("district_report", "csv")):
        with pytest.raises(ValidationError) as error:
            services.report_export_prepare(
                kind=kind, file_format=file_format, parameters={"scope": SupervisionScope()}
            )
        assert error.value.error_dict["format"][0].code == "unsupported_format"
    assert ReportExport.objects.count() == 1


def test_health_categories_are_listed_best_first():
    counts = {"": 3, "Cukup Sehat": 2, "Sehat": 1, "Lain": 1}
    assert district_report.health_categories_in_order(counts) == [
        ("Sehat", 1),
        ("Cukup Sehat", 2),
        ("Dalam Pengawasan", 0),
        ("Dalam Pengawasan Khusus", 0),
        ("Lain", 1),
        ("", 3),
    ]


def test_csv_numbers_use_the_indonesian_decimal_comma():
    with translation.override("id"):
        assert district._csv_value(Decimal("-100.0")) == "-100,0"
        assert district._csv_value(Decimal("80.80")) == "80,80"
        assert district._csv_value(None) == ""
        assert district._csv_value(datetime.date(2026, 8, 10)) == "2026-08-10"
