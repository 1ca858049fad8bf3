"""PDF page layout, read back with pypdf as a reader sees the pages: a heading never ends
a page away from its chart or table, and a table split across pages keeps at least
three rows on each page (its header repeated)."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from coop_reporting.district import report as district_report
from coop_reporting.exports import cooperative_profile, pdf
from coop_reporting.sales import services as sales_services
from tests.coop_reporting.exports.test_district import cleaned
from tests.factories.catalog import CategoryFactory
from tests.factories.coop_sales import paid_order
from tests.factories.village_hubs import CooperativeFactory

MIN_ROWS = 3
ROW = re.compile(r"Baris uji (\d+)\b")


def pages(content: bytes) -> list[list[str]]:
    """Each page's text lines, without the footer line ("… Halaman n")."""
    reader = PdfReader(io.BytesIO(content))
    return [
        [line for line in page.extract_text().splitlines() if "Halaman" not in line]
        for page in reader.pages
    ]


def record_headings(monkeypatch) -> list[str]:
    """The text of every heading the report writes."""
    headings: list[str] = []
    original = pdf.heading

    def heading(text: str):
        headings.append(str(text))
        return original(text)

    monkeypatch.setattr(pdf, "heading", heading)
    return headings


def assert_no_heading_ends_a_page(page_lines: list[list[str]], headings: list[str]) -> None:
    assert headings
    for number, lines in enumerate(page_lines[:-1], start=1):
        assert lines, f"page {number} is empty"
        assert lines[-1].strip() not in headings, f"page {number} ends with {lines[-1]!r}"


def rows_per_page(page_lines: list[list[str]], pattern: re.Pattern) -> list[int]:
    return [sum(len(pattern.findall(line)) for line in lines) for lines in page_lines]


@pytest.mark.parametrize("count", range(60, 132, 3))
def test_a_long_table_never_leaves_a_lone_row_or_an_orphan_heading(count):
    # given a page of text, then a heading and a table of `count` rows
    story = [pdf.paragraph("Pembuka. " * 40 * (count % 5 + 1)), pdf.heading("Daftar uji")]
    rows = [["Nama", "Nilai"], *[[f"Baris uji {n:03d}", f"Rp{n}.000"] for n in range(count)]]
    story.append(pdf.table(rows, widths=(100 * pdf.mm, 60 * pdf.mm)))
    # when it is laid out on A4 pages
    with translation.override("id"):
        content = pdf.render(story, title="Uji", footer="Uji")
    # then every row is printed once, each page holding none or at least three of them
    page_lines = pages(content)
    counts = rows_per_page(page_lines, ROW)
    assert sum(counts) == count
    assert len([c for c in counts if c]) > 1  # the table does span pages
    assert all(c == 0 or c >= MIN_ROWS for c in counts), counts
    assert_no_heading_ends_a_page(page_lines, ["Daftar uji"])
    # the header row repeats on each page holding rows
    for lines, rows_on_page in zip(page_lines, counts, strict=True):
        if rows_on_page:
            assert any(line.strip().startswith("Nama") for line in lines)


@pytest.mark.django_db
def test_district_report_with_many_flagged_cooperatives(supervised, monkeypatch):
    # given 75 more Kudus cooperatives, each with an open warning
    for number in range(75):
        cooperative = CooperativeFactory(
            name=f"Koperasi Baris {number:03d}", village=supervised.kudus_ksp.village
        )
        sales_services.cooperative_flags_set(
            cooperative=cooperative, kind="no_sales", active=True, reason="Belum pernah menjual."
        )
    headings = record_headings(monkeypatch)
    monkeypatch.setattr(district_report, "ROWS_PER_TABLE", 20)  # the list in several tables
    # when the Kudus officer's district report is made
    with translation.override("id"):
        built = district_report.build_report(cleaned(supervised.kudus_officer), "pdf")
    page_lines = pages(built.read())
    # then it spans pages, no heading ends one, and no page holds fewer than 3 rows
    assert len(page_lines) >= 3
    assert_no_heading_ends_a_page(page_lines, headings)
    counts = rows_per_page(page_lines, re.compile(r"Koperasi Baris \d{3}"))
    assert sum(counts) == 75
    assert all(c == 0 or c >= MIN_ROWS for c in counts), counts


@pytest.mark.django_db
def test_cooperative_profile_with_many_categories(export_world, monkeypatch):
    # given a 2024 order with one line in each of 70 categories
    history = export_world.history
    lines = [
        (history.keripik, CategoryFactory(name=f"Kategori Baris {n:03d}"), 1, 1_000 + n)
        for n in range(70)
    ]
    paid_order(history.hub, lines, paid_on=datetime.date(2024, 6, 15), buyer="c@x.id")
    headings = record_headings(monkeypatch)
    # when its 2024 profile is made
    with translation.override("id"):
        built = cooperative_profile.build(
            {"cooperative_id": export_world.cooperative.pk, "financial_year": 2024}, "pdf"
        )
    page_lines = pages(built.content)
    # then no heading ends a page and the category table keeps 3 rows a page or more
    assert len(page_lines) >= 3
    assert_no_heading_ends_a_page(page_lines, headings)
    counts = rows_per_page(page_lines, re.compile(r"Kategori Baris \d{3}"))
    assert sum(counts) >= 70  # the table (the chart shows the top ones too)
    assert all(c == 0 or c >= MIN_ROWS for c in counts), counts
