"""The member spreadsheet: imported all or nothing with per-row errors that never quote
a NIK; exported in the same columns, the NIK only when asked, formulas never live."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from marketplace.imports.members import member_import
from marketplace.members.exports import member_list_file
from marketplace.members.models import Member
from marketplace.members.selectors import members_of
from tests.factories.members import NIK_SITI, NIK_WAYAN, member
from tests.factories.regions import village_bakalankrapyak
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

HEADER = "no_anggota;nama;nik;jenis_kelamin;desa;tanggal_masuk;status;tanggal_status;simpanan_pokok"


def _csv(*rows: str) -> bytes:
    return "\n".join((HEADER, *rows)).encode()


@pytest.fixture
def cooperative():
    return CooperativeFactory(village=village_bakalankrapyak())


def test_a_good_file_imports_every_member_with_opening_balances(cooperative):
    content = _csv(
        f"7;Siti Aminah;{NIK_SITI};P;33.19.01.2001;15/01/2024;;;Rp100.000",
        f";Wayan Sudarma;{NIK_WAYAN};l;Bakalankrapyak;2024-02-01;keluar;2025-06-30;50000",
    )
    result = member_import(cooperative=cooperative, file=content, filename="anggota.csv")

    assert result.ok, result.errors
    assert result.members_created == 2
    siti, wayan = members_of(cooperative)
    assert (siti.number, siti.nik, siti.pokok) == (7, NIK_SITI, 100_000)
    assert (wayan.number, wayan.sex, wayan.status) == (8, "L", "keluar")
    assert str(wayan.status_changed_on) == "2025-06-30"


def test_any_bad_row_imports_nothing_and_each_error_names_row_and_column(cooperative):
    member(cooperative)  # NIK_SITI is already a member
    content = _csv(
        f";Siti Lagi;{NIK_SITI};P;33.19.01.2001;15/01/2024;;;",
        ";Tanpa NIK;;X;Desa Antah;kemarin;;;-5",
        f";Wayan;{NIK_WAYAN};L;33.19.01.2001;2024-01-01;;;",
        f";Wayan Dua;{NIK_WAYAN};L;33.19.01.2001;2024-01-01;;;",
        ";NIK salah;1234567890123456;P;33.19.01.2001;2024-01-01;;;",
    )
    result = member_import(cooperative=cooperative, file=content, filename="anggota.csv")

    found = {(error.row, error.column) for error in result.errors}
    assert (2, "nik") in found  # already a member
    assert {(3, "nik"), (3, "jenis_kelamin"), (3, "desa"), (3, "tanggal_masuk")} <= found
    assert (3, "simpanan_pokok") in found
    assert (5, "nik") in found  # the same NIK as row 4
    assert (6, "nik") in found  # not a valid NIK
    assert Member.objects.filter(cooperative=cooperative).count() == 1
    messages = " ".join(error.message for error in result.errors)
    assert NIK_SITI not in messages
    assert NIK_WAYAN not in messages


def test_a_missing_column_is_named(cooperative):
    result = member_import(cooperative=cooperative, file=b"nama;nik\nSiti;1", filename="a.csv")
    assert {error.column for error in result.errors} >= {"jenis_kelamin", "desa", "tanggal_masuk"}


def test_export_has_the_nik_only_when_asked_and_formulas_stay_text(cooperative):
    member(cooperative, name='=HYPERLINK("http://x")', phone="0812 3456 7890")

    content, _type = member_list_file(cooperative, file_format="csv")
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert "nik" not in rows[0]
    assert NIK_SITI not in text
    assert rows[1][1].startswith("'=")

    content, _type = member_list_file(cooperative, file_format="xlsx", with_nik=True)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["nik"].value == NIK_SITI
    assert row["nama"].data_type == "s"
    assert row["simpanan_pokok"].value == 0


def test_an_exported_list_imports_into_another_cooperative(cooperative):
    member(cooperative)
    content, _type = member_list_file(cooperative, file_format="xlsx", with_nik=True)
    other = CooperativeFactory(village=cooperative.village)
    result = member_import(cooperative=other, file=content, filename="anggota.xlsx")
    assert result.ok, result.errors
    assert members_of(other).get().nik == NIK_SITI
