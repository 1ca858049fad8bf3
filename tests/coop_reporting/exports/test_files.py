"""The files of the two export kinds, opened as a user would: CSV parsed with csv, XLSX
loaded with openpyxl, PDF text extracted with pypdf; in Bahasa Indonesia, amounts as
plain integers in CSV/XLSX and as ``Rp15.000`` in the PDF.

Figures: the sales history of tests/factories/coop_sales.py (2024: marketplace 100.000,
offline 100.000; 2023: 20.000) and the worked KSP example (total 80,80, Sehat).
"""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from coop_reporting.exports import cooperative_profile, producer_statement
from marketplace.orders.models import OrderLine
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db


def build_profile(cooperative, file_format, year=2024):
    with translation.override("id"):
        return cooperative_profile.build(
            {"cooperative_id": cooperative.pk, "financial_year": year}, file_format
        )


def build_statement(producer, file_format, starts_on="2024-01-01", ends_on="2024-12-31"):
    with translation.override("id"):
        return producer_statement.build(
            {"producer_id": producer.pk, "starts_on": starts_on, "ends_on": ends_on}, file_format
        )


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet apps read UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def by_label(rows) -> dict[str, list]:
    """First column → the other columns (trailing empty cells dropped); the first row
    with a label wins."""
    result: dict[str, list] = {}
    for row in rows:
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        if values and values[0] not in result:
            result[values[0]] = values[1:]
    return result


def test_profile_csv(export_world, health_2025):
    built = build_profile(export_world.cooperative, "csv")
    assert built.name == "profil-koperasi-ksu-tani-makmur-sejahtera-2024.csv"
    assert built.content_type() == "text/csv; charset=utf-8"
    rows = csv_rows(built.content)
    assert rows[0] == ["Profil kegiatan usaha koperasi"]
    summary = by_label(rows)
    assert summary["Koperasi"] == ["KSU Tani Makmur & Sejahtera"]
    assert summary["Tahun buku"] == ["2024"]
    assert summary["Penjualan marketplace (Rp)"] == ["100000"]
    assert summary["Penjualan di luar marketplace (Rp)"] == ["100000"]
    assert summary["Volume usaha (Rp)"] == ["200000"]
    assert (summary["Pesanan"], summary["Pembeli"], summary["Pembeli berulang"]) == (
        ["3"],
        ["2"],
        ["1"],
    )
    assert summary["Produsen aktif"] == ["2"]
    assert summary["Partisipasi anggota (%)"] == ["-"]  # no member register: unknown
    assert summary["Bulan dengan penjualan"] == ["3"]
    assert summary["Volume usaha setahun sebelumnya (Rp)"] == ["20000"]
    assert summary["Perubahan volume usaha (%)"] == ["900,0"]
    # sales by month, by category, health aspects
    assert summary["2024-02"] == ["70000", "0", "70000", "2", "3", "0"]
    assert summary["2024-05"] == ["0", "0", "0", "0", "0", "20000"]
    assert summary["2024-09"] == ["0", "100000", "100000", "0", "0", "0"]
    assert summary["Camilan"] == ["5", "60000"]
    assert summary["Minuman"] == ["1", "40000"]
    assert summary["Skor total"] == ["80.80"]
    assert summary["Permodalan"][2] == "Cukup Sehat"
    assert ["Peringatan dini"] in rows


def test_profile_xlsx(export_world, health_2025):
    built = build_profile(export_world.cooperative, "xlsx")
    workbook = load_workbook(io.BytesIO(built.content))
    assert workbook.sheetnames == [
        "Ringkasan",
        "Penjualan per bulan",
        "Penjualan per kategori",
        "Kesehatan",
        "Peringatan dini",
    ]
    summary = by_label(workbook["Ringkasan"].iter_rows(values_only=True))
    assert summary["Volume usaha (Rp)"] == [200_000]  # numbers, not text
    assert summary["Penjualan marketplace (Rp)"] == [100_000]
    months = list(workbook["Penjualan per bulan"].iter_rows(values_only=True))
    assert months[0][:4] == (
        "Bulan",
        "Penjualan marketplace (Rp)",
        "Penjualan di luar marketplace (Rp)",
        "Volume usaha (Rp)",
    )
    assert len(months) == 13
    assert months[2] == ("2024-02", 70_000, 0, 70_000, 2, 3, 0)
    categories = list(workbook["Penjualan per kategori"].iter_rows(values_only=True))
    assert categories[1:] == [("Camilan", 5, 60_000), ("Minuman", 1, 40_000)]


def test_profile_pdf_has_figures_charts_and_health_in_indonesian(export_world, health_2025):
    built = build_profile(export_world.cooperative, "pdf")
    assert built.content.startswith(b"%PDF")
    assert built.content_type() == "application/pdf"
    text = pdf_text(built.content)
    for expected in (
        "Profil kegiatan usaha koperasi",
        "KSU Tani Makmur & Sejahtera",
        "Tahun buku 2024: 1 Januari 2024 sampai 31 Desember 2024",
        "Kegiatan usaha",
        "Penjualan marketplace",
        "Rp100.000",  # marketplace sales, offline sales
        "Rp200.000",  # volume usaha
        "+900,0%",  # against 20.000 in 2023
        "Penjualan per bulan",
        "Februari 2024",
        "Rp70.000",
        "Feb 24",  # the month chart's axis
        "Rp100 rb",  # its value axis
        "Penjualan per kategori",
        "Camilan",
        "Rp60.000",
        "Kesehatan unit simpan pinjam",
        "Aspek kesehatan: skor terhadap bobot",
        "Permodalan",
        "Kualitas Aktiva Produktif",
        "skor total 80,80, Sehat",
        "RAT terlambat",
        "Halaman 1",
        "Dibuat oleh Lumbung",
    ):
        assert expected in text, expected


def test_profile_pdf_of_a_quiet_cooperative(db):
    cooperative = CooperativeFactory(name="Kopwan Srikandi")
    text = pdf_text(build_profile(cooperative, "pdf").content)
    assert "Tidak ada penjualan marketplace pada tahun buku ini." in text
    assert "Tidak ada penilaian kesehatan (hanya untuk unit simpan pinjam)." in text
    assert "Rp0" in text


def test_statement_files(export_world):
    keripik = export_world.history.keripik
    # CSV: the consignment ledger of 2024 (60.000 sold, fee 10%)
    built = build_statement(keripik, "csv")
    assert built.name == "laporan-produsen-keripik-bu-sari-20240101-20241231.csv"
    rows = by_label(csv_rows(built.content))
    assert rows["Produsen"] == ["Keripik Bu Sari"]
    assert rows["Penjualan kotor (Rp)"] == ["60000"]
    assert rows["Biaya koperasi (Rp)"] == ["6000"]
    assert rows["Hak produsen (Rp)"] == ["54000"]
    assert rows["2024-02-03"][2:] == ["Penjualan", "2", "30000"]
    # XLSX
    sheet = load_workbook(io.BytesIO(build_statement(keripik, "xlsx").content)).active
    assert sheet.title == "Laporan"
    values = by_label(sheet.iter_rows(values_only=True))
    assert values["Hak produsen (Rp)"] == [54_000]
    # PDF
    text = pdf_text(build_statement(keripik, "pdf").content)
    for expected in (
        "Laporan penjualan produsen",
        "Keripik Bu Sari",
        "Koperasi: KSU Tani Makmur & Sejahtera",
        "Periode: 1 Januari 2024 sampai 31 Desember 2024",
        "Penjualan kotor",
        "Rp60.000",
        "Biaya koperasi (10%)",
        "Rp6.000",
        "Hak produsen",
        "Rp54.000",
        "3 Februari 2024",
        "Rp30.000",
    ):
        assert expected in text, expected


def test_statement_lines_name_the_product_and_the_order_number_with_typed_xlsx_cells(
    export_world,
):
    # given Keripik Bu Sari's sale of 3 February 2024, sold as "Keripik Tempe Pedas", 250 g
    keripik = export_world.history.keripik
    line = OrderLine.objects.select_related("order").get(
        producer=keripik, order__paid_at__date=datetime.date(2024, 2, 3)
    )
    OrderLine.objects.filter(pk=line.pk).update(
        product_name="Keripik Tempe Pedas", variant_name="250 g"
    )
    number = line.order.number
    # then the CSV line shows the order number and the product with its variant
    rows = by_label(csv_rows(build_statement(keripik, "csv").content))
    assert rows["Tanggal"] == ["Pesanan", "Produk", "Jenis", "Jumlah unit", "Nilai (Rp)"]
    assert rows["2024-02-03"] == [str(number), "Keripik Tempe Pedas (250 g)", "Penjualan", "2",
                                  "30000"]  # fmt: skip
    # the XLSX has dates as dates and money as numbers shown in rupiah
    sheet = load_workbook(io.BytesIO(build_statement(keripik, "xlsx").content)).active
    (sale,) = [
        row for row in sheet.iter_rows(min_row=2)
        if row[0].is_date and row[0].value.date() == datetime.date(2024, 2, 3)
    ]  # fmt: skip
    assert [cell.value for cell in sale[1:]] == [
        number, "Keripik Tempe Pedas (250 g)", "Penjualan", 2, 30_000,
    ]  # fmt: skip
    assert sale[0].is_date
    assert sale[0].number_format == "dd/mm/yyyy"
    assert sale[5].data_type == "n"
    assert sale[5].number_format == "[$Rp-421]#,##0;-[$Rp-421]#,##0"
    summary = {row[0].value: row[1] for row in sheet.iter_rows(max_row=12)}
    assert summary["Dari tanggal"].value.date() == datetime.date(2024, 1, 1)
    assert summary["Dari tanggal"].is_date
    assert (summary["Hak produsen (Rp)"].value, summary["Hak produsen (Rp)"].number_format) == (
        54_000,
        "[$Rp-421]#,##0;-[$Rp-421]#,##0",
    )
    # and the PDF prints them too, not the order's internal id
    text = pdf_text(build_statement(keripik, "pdf").content)
    assert f"#{number}" in text
    assert "Keripik Tempe Pedas (250 g)" in text
    assert str(line.order_id)[:8].upper() not in text


def test_statement_pdf_with_a_refund_and_a_fractional_fee(export_world):
    madu = export_world.history.madu
    cooperative = export_world.cooperative
    cooperative.fee_percentage = "2.5"
    cooperative.save(update_fields=["fee_percentage"])
    text = pdf_text(build_statement(madu, "pdf", "2024-08-01", "2024-08-31").content)
    assert "Biaya koperasi (2,5%)" in text
    assert "Rp1.000" in text  # 2,5% of 40.000
    empty = pdf_text(build_statement(madu, "pdf", "2024-01-01", "2024-01-31").content)
    assert "Tidak ada penjualan atau pengembalian dana pada periode ini." in empty
