"""Names typed by users never become live formulas in the files the Dinas and the
cooperatives open (issue 13 item 7; OWASP "CSV injection").

Cooperatives and a producer are named like formulas, then exported through the real
export functions: the district list (CSV, XLSX), the cooperative profile (CSV, XLSX) and
the producer statement (CSV, XLSX), read back with csv and openpyxl. No cell is a formula,
the XLSX text shows exactly as typed, the CSV text carries a leading apostrophe, and
amounts stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from coop_reporting.district import exports as district
from coop_reporting.exports import cooperative_profile, producer_statement
from coop_reporting.supervision import selectors
from marketplace.core.spreadsheets import csv_cell, looks_like_formula
from tests.coop_reporting.supervision.conftest import sell
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/","x")',
    "+1+1",
    "@SUM(A1)",
    "-2+3",
    "\t=1",
]
KUD = "KUD Makmur Kaliwungu"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"-[\d.,]*")  # a negative number, or "-" for unknown


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def assert_csv_is_inert(rows: list[list[str]]) -> None:
    """No cell starts like a formula, except a plain negative number or "-"."""
    for row in rows:
        for value in row:
            if value.startswith(TRIGGERS):
                assert SIGNED_NUMBER.fullmatch(value), value


def assert_xlsx_is_inert(content: bytes) -> list[list]:
    """No formula anywhere in the workbook's XML nor in openpyxl's reading of it; the
    cells of every sheet, values as typed."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name)
                assert b"<f>" not in xml
                assert b"<f " not in xml
    workbook = load_workbook(io.BytesIO(content))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if looks_like_formula(cell.value):
                    assert cell.data_type == "s"
                    assert cell.quotePrefix is True  # Excel keeps it text when edited
                cells.append(cell)
    return cells


def test_the_district_list_keeps_formula_like_names_as_text(supervised):
    for name in HOSTILE:
        CooperativeFactory(name=name, village=supervised.kudus_ksp.village)
    # KUD Makmur Kaliwungu sold 50,000 up to 15 August 2025 and nothing since: a -100 % fall
    sell(supervised.kudus_kud, supervised.kudus_hub, "2025-06-01", 50_000)
    with translation.override("id"):
        scope = selectors.supervision_scope(supervised.kudus_officer)
        parameters = district.clean({"scope": scope})
        csv_file = district.build_list(parameters, "csv").read()
        xlsx_file = district.build_list(parameters, "xlsx").read()

    rows = csv_rows(csv_file)
    assert_csv_is_inert(rows)
    names = [row[0] for row in rows[1:]]
    for name in HOSTILE:
        assert f"'{name}" in names
    kud = next(row for row in rows if row[0] == KUD)
    assert kud[10:13] == ["0", "250000", "-100,0"]  # a fall stays a number, not '-100,0

    cells = assert_xlsx_is_inert(xlsx_file)
    values = [cell.value for cell in cells]
    for name in HOSTILE:
        assert name in values  # shown exactly as typed
    sheet = load_workbook(io.BytesIO(xlsx_file)).active
    kud_row = next(row for row in sheet.iter_rows(values_only=True) if row[0] == KUD)
    assert kud_row[10:13] == (0, 250_000, -100)
    assert isinstance(kud_row[11], int)
    assert isinstance(kud_row[12], int | float | Decimal)


@pytest.mark.parametrize("name", HOSTILE)
def test_statements_and_profiles_keep_formula_like_names_as_text(export_world, name):
    cooperative = export_world.cooperative
    keripik = export_world.history.keripik
    keripik.name = name
    keripik.save(update_fields=["name"])
    cooperative.name = name
    cooperative.save(update_fields=["name"])
    with translation.override("id"):
        statement = {"producer_id": keripik.pk, "starts_on": "2024-01-01", "ends_on": "2024-12-31"}
        statement_csv = producer_statement.build(statement, "csv").content
        statement_xlsx = producer_statement.build(statement, "xlsx").content
        profile = {"cooperative_id": cooperative.pk, "financial_year": 2024}
        profile_csv = cooperative_profile.build(profile, "csv").content
        profile_xlsx = cooperative_profile.build(profile, "xlsx").content

    # CSV: the name with an apostrophe in front, amounts unchanged
    rows = csv_rows(statement_csv)
    assert_csv_is_inert(rows)
    assert rows[0] == ["Produsen", f"'{name}"]
    assert rows[1] == ["Koperasi", f"'{name}"]
    assert ["Hak produsen (Rp)", "54000"] in rows
    rows = csv_rows(profile_csv)
    assert_csv_is_inert(rows)
    assert ["Koperasi", f"'{name}"] in rows

    # XLSX: text exactly as typed, amounts still numbers
    cells = assert_xlsx_is_inert(statement_xlsx)
    sheet = load_workbook(io.BytesIO(statement_xlsx)).active
    assert sheet["B1"].value == name
    assert sheet["B2"].value == name
    owed = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Hak produsen (Rp)")
    assert owed[1] == 54_000
    assert sum(1 for cell in cells if cell.value == name) == 2
    cells = assert_xlsx_is_inert(profile_xlsx)
    summary = load_workbook(io.BytesIO(profile_xlsx))["Ringkasan"]
    assert summary["B1"].value == name
    assert summary["B1"].quotePrefix is True
    assert any(cell.value == 100_000 and cell.data_type == "n" for cell in cells)


def test_numbers_and_harmless_text_pass_unchanged():
    assert csv_cell(-5000) == -5000
    assert csv_cell(Decimal("-12.5")) == Decimal("-12.5")
    assert csv_cell("-12,5") == "-12,5"
    assert csv_cell("-") == "-"
    assert csv_cell("KUD Mina Segara") == "KUD Mina Segara"
    assert csv_cell("\r=1") == "'\r=1"
    assert csv_cell("-1+1") == "'-1+1"
