"""The kinds of reports that can be exported, by key.

A kind declares its formats, how to check the parameters a user sent (``clean``: raises
``ValidationError`` with ``ReportExportErrorCode`` codes on the request's field names and
returns JSON-safe parameters to store) and how to make the file (``build``: parameters
and format in, ``BuiltFile`` out; runs in the worker, in the requester's language).

``scope`` tells the API whose data the report shows, hence who may request and download
it: ``COOPERATIVE`` reports carry ``cooperative_id`` in their parameters (whoever may read
that cooperative); ``DISTRICT`` reports cover the cooperatives of some regions (their
parameters carry the region codes, ``district.export_covered_by``: the requester, and
whoever supervises those regions). Each app registers its kinds when it is ready (its
``AppConfig.ready`` imports its ``kinds`` module: ``coop_reporting.exports.kinds``,
``coop_reporting.district.kinds``), so this registry imports none of them; a new kind is
one ``register(ExportKind(...))`` call there, nothing else changes (no migration:
``ReportExport.kind`` is free text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import IO, Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from coop_reporting.exports.models import ReportExportFormat

CONTENT_TYPES = {
    ReportExportFormat.CSV.value: "text/csv; charset=utf-8",
    ReportExportFormat.XLSX.value: (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    ReportExportFormat.PDF.value: "application/pdf",
}


class ExportScope(Enum):
    COOPERATIVE = "cooperative"
    DISTRICT = "district"


class ExportFailed(Exception):
    """A report cannot be made; the message (translated) is shown to the requester."""


@dataclass(frozen=True)
class BuiltFile:
    name: str  # the download's file name, e.g. "profil-koperasi-2024.pdf"
    content: bytes = b""
    # Large files (district lists): a temporary file holding the content, rewound, used
    # instead of ``content`` and closed once stored, so the file is never all in memory.
    file: IO[bytes] | None = None

    def content_type(self) -> str:
        return CONTENT_TYPES[self.name.rsplit(".", 1)[-1]]

    def read(self) -> bytes:
        """The whole content (tests and small files); the file stays rewound."""
        if self.file is None:
            return self.content
        self.file.seek(0)
        data = self.file.read()
        self.file.seek(0)
        return data

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


@dataclass(frozen=True)
class ExportKind:
    key: str  # stored in ReportExport.kind; the API enum uses its upper-case form
    label: str | Promise
    scope: ExportScope
    formats: tuple[str, ...]
    clean: Callable[[Mapping[str, Any]], dict[str, Any]]
    build: Callable[[Mapping[str, Any], str], BuiltFile]


_KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> ExportKind:
    """Add a kind; registering another kind under a key already taken is an error."""
    existing = _KINDS.get(kind.key)
    if existing is not None and existing != kind:
        raise ImproperlyConfigured(f"Report export kind {kind.key!r} is registered twice.")
    unknown = set(kind.formats) - set(CONTENT_TYPES)
    if unknown:
        raise ImproperlyConfigured(f"Report export kind {kind.key!r}: unknown formats {unknown}.")
    _KINDS[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    """Remove a kind (tests that register their own)."""
    _KINDS.pop(key, None)


def get_kind(key: str) -> ExportKind | None:
    return _KINDS.get(key)


def all_kinds() -> list[ExportKind]:
    """Every registered kind, by key."""
    return [_KINDS[key] for key in sorted(_KINDS)]
