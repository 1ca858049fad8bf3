"""Report files made by a Celery worker: what was asked (``models.ReportExport``), the
kinds of report (``registry``, ``kinds``) and their writers (``cooperative_profile``,
``producer_statement``: CSV, XLSX and PDF with charts).

``producer_statement_csv`` / ``producer_statement_xlsx`` are importable from here as
before this became a package (loaded lazily: this package is a Django app and may not
import models before the app registry is ready).
"""

from __future__ import annotations

from typing import Any

_STATEMENT_WRITERS = {"producer_statement_csv", "producer_statement_xlsx", "producer_statement_pdf"}


def __getattr__(name: str) -> Any:
    if name in _STATEMENT_WRITERS:
        from coop_reporting.exports import producer_statement

        return getattr(producer_statement, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
