"""Uploaded PDFs: counted and checked without reading more than the limit allows.

A PDF of a few megabytes can hold tens of thousands of (blank) pages; reading every page
(``len(reader.pages)`` flattens the whole page tree) took 14 s and kept +181 MiB for
60,000 pages. ``pdf_page_count`` asks pypdf for the document's declared page count
(the page tree root's ``/Count``) first and refuses above ``max_pages`` without touching
a page; then it walks the page tree under pypdf's own limit on page tree entries
(``apply_configuration(page_tree_maximum_entries=…)``), so a file whose ``/Count`` lies
cannot make it read more, and checks each page's dictionary (at most ``max_pages``).
Password-protected and unreadable files are refused too.
"""

from __future__ import annotations

import io
from enum import Enum

from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import DictionaryObject

PDF_MAGIC = b"%PDF-"
# Intermediate /Pages nodes count as page tree entries too; a tree of N pages has fewer
# than N of them (plus a chain at most pypdf's maximum depth, 100).
_TREE_SLACK = 128

_UNREADABLE_ERRORS = (
    PyPdfError,
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    OSError,
    RecursionError,
)


class PdfProblem(Enum):
    UNREADABLE = "unreadable"  # damaged, truncated, not a PDF, no pages
    ENCRYPTED = "encrypted"  # needs a password
    TOO_MANY_PAGES = "too_many_pages"


class PdfRefused(Exception):  # noqa: N818 -- a refusal, not a bug
    def __init__(self, problem: PdfProblem, max_pages: int) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.max_pages = max_pages


def pdf_page_count(data: bytes, *, max_pages: int) -> int:
    """The number of pages of an uploaded PDF, at least 1 and at most ``max_pages``.

    Raises ``PdfRefused`` (``TOO_MANY_PAGES``, ``ENCRYPTED`` or ``UNREADABLE``).
    """
    with apply_configuration(page_tree_maximum_entries=2 * max_pages + _TREE_SLACK):
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            encrypted = reader.is_encrypted
            declared = None if encrypted else _declared_count(reader)
        except _UNREADABLE_ERRORS:
            raise PdfRefused(PdfProblem.UNREADABLE, max_pages) from None
        if encrypted:
            raise PdfRefused(PdfProblem.ENCRYPTED, max_pages)
        if declared is not None and declared > max_pages:
            raise PdfRefused(PdfProblem.TOO_MANY_PAGES, max_pages)
        try:
            pages = len(reader.pages)
        except LimitReachedError:  # more page tree entries than max_pages allows
            raise PdfRefused(PdfProblem.TOO_MANY_PAGES, max_pages) from None
        except _UNREADABLE_ERRORS:
            raise PdfRefused(PdfProblem.UNREADABLE, max_pages) from None
        if pages > max_pages:
            raise PdfRefused(PdfProblem.TOO_MANY_PAGES, max_pages)
        if pages == 0:
            raise PdfRefused(PdfProblem.UNREADABLE, max_pages)
        try:
            for page in reader.pages:
                page.mediabox  # noqa: B018 -- touching each page parses its dictionary
        except _UNREADABLE_ERRORS:
            raise PdfRefused(PdfProblem.UNREADABLE, max_pages) from None
    return pages


def _declared_count(reader: PdfReader) -> int | None:
    """The page tree root's ``/Count``, when it is a number."""
    pages = _dictionary(_dictionary(reader.trailer["/Root"])["/Pages"])
    count = pages.get("/Count")
    return count if isinstance(count, int) else None


def _dictionary(value: object) -> DictionaryObject:
    """``value``, a PDF dictionary; anything else is a broken file (TypeError, which
    ``pdf_page_count`` reads as unreadable, as it would the failed look-up)."""
    if not isinstance(value, DictionaryObject):
        raise TypeError("expected a PDF dictionary")
    return value
