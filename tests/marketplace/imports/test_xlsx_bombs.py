"""XLSX zip bombs are refused before openpyxl unpacks them (issue 13 item 8).

The bombs are built here: a real workbook whose ``xl/sharedStrings.xml`` is replaced by
tens of MiB of highly compressible text (the filed case: 76 MiB of shared strings in a
file of a few hundred KB, which took 26 s and kept +210 MiB). The refusal must come from
the zip directory alone: the Python heap stays small while refusing, and nothing is
imported.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Iterator

import openpyxl
import pytest
from django.utils import translation

from marketplace.catalog.models import Product
from marketplace.core.spreadsheets import ArchiveProblem, ArchiveRefused, xlsx_archive_check
from marketplace.imports.products import product_bulk_import
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024
HEADER = ["nama_produk", "kategori", "jenis_produk", "harga"]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def workbook_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bomb(unpacked_bytes: int, *, part: str = "xl/sharedStrings.xml") -> bytes:
    """A real workbook whose ``part`` unpacks to ``unpacked_bytes`` of repeated text."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([HEADER, ["Keripik", "a", "b", 1]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename != part:
                archive.writestr(info.filename, source.read(info.filename))
        with archive.open(part, "w") as handle:
            handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b"<si><t>" + b"A" * 1000 + b"</t></si>"
            written = 0
            while written < unpacked_bytes:
                handle.write(chunk * 64)
                written += len(chunk) * 64
            handle.write(b"</sst>")
    return buffer.getvalue()


def import_measured(content: bytes):
    cooperative = CooperativeFactory()
    tracemalloc.start()
    try:
        result = product_bulk_import(cooperative=cooperative, file=content, filename="produk.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_a_shared_strings_bomb_is_refused_before_unpacking():
    content = bomb(76 * MIB)
    assert len(content) < 400 * 1024  # small on disk, as filed

    result, peak = import_measured(content)

    assert [(e.row, e.column, e.code.name, e.message) for e in result.errors] == [
        (
            None,
            None,
            "FILE_TOO_LARGE",
            "Unpacked, the XLSX file is larger than 50 MB; split it into smaller files or "
            "upload a CSV file.",
        )
    ]
    assert peak < 8 * MIB  # openpyxl would have held the 76 MiB of strings (+210 MiB)
    assert not Product.objects.exists()


def test_a_part_compressed_absurdly_well_is_refused_even_under_the_size_limit():
    content = bomb(20 * MIB)  # under 50 MiB unpacked, but about 1000 times compressed

    result, peak = import_measured(content)

    assert [(e.code.name, e.message) for e in result.errors] == [
        (
            "FILE_TOO_LARGE",
            "The XLSX file is compressed unusually strongly and cannot be read safely; save "
            "it again in Excel or upload a CSV file.",
        )
    ]
    assert peak < 8 * MIB
    assert not Product.objects.exists()


def test_the_limit_comes_from_the_settings(settings):
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = 2 * MIB
    settings.XLSX_MAX_COMPRESSION_RATIO = 10_000

    result, _peak = import_measured(bomb(3 * MIB))

    assert [e.code.name for e in result.errors] == ["FILE_TOO_LARGE"]
    assert "larger than 2 MB" in result.errors[0].message


def test_archives_with_too_many_parts_or_none_are_refused(settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(1_001):
            archive.writestr(f"xl/media/image{number}.png", b"")
    many = buffer.getvalue()
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()

    for content in (many, empty.getvalue(), b"PK\x03\x04" + b"\x00" * 200):
        result, _peak = import_measured(content)
        assert [(e.code.name, e.message) for e in result.errors] == [
            (
                "INVALID_FILE",
                "The XLSX file cannot be read; save it again in Excel or upload a CSV file.",
            )
        ]
    assert not Product.objects.exists()


def test_a_full_size_product_sheet_passes_the_check():
    """10,000 rows (the row limit) with long descriptions, as openpyxl writes them."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Produk")
    sheet.append(["kode_produk", "nama_produk", "kategori", "jenis_produk", "deskripsi",
                  "nama_varian", "sku", "berat_gram", "harga", "stok", "toko_desa",
                  "terbit"])  # fmt: skip
    description = "Keripik tempe renyah buatan ibu-ibu desa, tanpa pengawet. " * 8
    for number in range(10_000):
        sheet.append([f"KT-{number}", f"Keripik Tempe {number}", "keripik-camilan",
                      "produk-desa", f"{description}{number}", "250 g", f"KTO-{number}", 250,
                      15_000, 20, "pecatu", "ya"])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)

    xlsx_archive_check(buffer.getvalue())  # no ArchiveRefused


def test_the_check_reads_only_the_zip_directory():
    with pytest.raises(ArchiveRefused) as refused:
        xlsx_archive_check(bomb(60 * MIB, part="xl/worksheets/sheet1.xml"))
    assert refused.value.problem is ArchiveProblem.TOO_LARGE
