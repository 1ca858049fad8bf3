"""Bulk import of a cooperative's member list (CSV or XLSX), all rows or none.

==================  ==================  ===============================================
column              aliases             meaning
==================  ==================  ===============================================
no_anggota          nomor_anggota       member number; empty: the next free one
nama *              nama_anggota        full name as on the KTP
nik *                                   16 digits (spaces and dots are ignored)
jenis_kelamin *     jk, l/p             L or P
desa *              kode_desa           village code (33.19.01.2001) or name in the
                                        cooperative's regency
tanggal_masuk *     tanggal_bergabung   date joined: 2024-01-15, 15/01/2024 or a date cell
status                                  aktif (empty), keluar or meninggal
tanggal_status                          date of leaving or death
telepon             no_hp, whatsapp     phone number
email
simpanan_pokok      pokok               opening balance, whole rupiah (Rp100.000)
simpanan_wajib      wajib               opening balance
simpanan_sukarela   sukarela            opening balance
==================  ==================  ===============================================

Files are read by ``imports.tables`` (its size, row and XLSX limits). Every row is
checked first; errors come back as ``(row, column, message)`` without writing anything
and never quote a NIK. A file without errors is written in one transaction through
``members.services`` (NIKs encrypted, numbers given under the cooperative's lock,
opening balances recorded as savings movements).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.imports.products import price_from_text
from marketplace.imports.tables import (
    BulkImportError,
    BulkImportErrorCode,
    FileRefused,
    Table,
    cell_text,
    normalize_header,
    read_table,
    read_upload,
)
from marketplace.members import crypto, services
from marketplace.members.models import Member, MemberStatus, SavingsKind, Sex
from marketplace.members.nik import validate_nik
from marketplace.regions.models import Village
from marketplace.village_hubs.models import Cooperative

logger = logging.getLogger(__name__)
Code = BulkImportErrorCode

COLUMNS: dict[str, tuple[str, ...]] = {
    "no_anggota": ("nomor_anggota", "no", "nomor"),
    "nama": ("nama_anggota", "nama_lengkap"),
    "nik": ("no_ktp", "nomor_ktp"),
    "jenis_kelamin": ("jk", "l/p", "kelamin"),
    "desa": ("kode_desa", "desa/kelurahan", "kelurahan"),
    "tanggal_masuk": ("tanggal_bergabung", "tgl_masuk"),
    "status": (),
    "tanggal_status": ("tgl_status",),
    "telepon": ("no_hp", "whatsapp", "hp"),
    "email": ("e-mail",),
    "simpanan_pokok": ("pokok",),
    "simpanan_wajib": ("wajib",),
    "simpanan_sukarela": ("sukarela",),
}
REQUIRED = ("nama", "nik", "jenis_kelamin", "desa", "tanggal_masuk")
SAVINGS_COLUMNS = {
    "simpanan_pokok": SavingsKind.POKOK,
    "simpanan_wajib": SavingsKind.WAJIB,
    "simpanan_sukarela": SavingsKind.SUKARELA,
}
_ALIASES = {alias: key for key, aliases in COLUMNS.items() for alias in (key, *aliases)}
_NO_ROWS = _("The file has a header row but no members.")
_MISSING = _("This column is missing from the header row.")
_REQUIRED = _("Fill in this column.")
_DATE = _("Enter the date as 2024-01-15 or 15/01/2024.")
_SEX = _("Enter L or P.")
_STATUS = _("Enter aktif, keluar or meninggal.")
_VILLAGE = _("No village of the cooperative's regency has this code or name.")
_NIK_TWICE = _("The same NIK is in row %(row)s.")
_NUMBER_TWICE = _("The same member number is in row %(row)s.")
_NUMBER_TAKEN = _("Another member already has this number.")
_AMOUNT = _("Enter whole rupiah, zero or more, e.g. 100000 or Rp100.000.")
_CONFLICT = _("The import could not be saved because the data changed meanwhile; try again.")


@dataclass
class MemberImportResult:
    members_created: int = 0
    errors: list[BulkImportError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _CellError(Exception):
    pass


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a day
        except ValueError:
            continue
    raise _CellError(_DATE)


def _amount(value: Any) -> int:
    if value is None or not cell_text(value):
        return 0
    try:
        return price_from_text(value)
    except ValidationError:
        raise _CellError(_AMOUNT) from None


class _Reader:
    """Checks every row of one file; ``rows`` are ready for the services."""

    def __init__(self, cooperative: Cooperative, table: Table) -> None:
        self.cooperative, self.table = cooperative, table
        self.errors: list[BulkImportError] = []
        self.rows: list[dict[str, Any]] = []
        self.positions: dict[str, int] = {}
        self.typed: dict[str, str] = {}
        regency = cooperative.village_id[:5]
        self.villages = {
            village.code: village
            for village in Village.objects.filter(code__startswith=f"{regency}.")
        }
        self.village_names: dict[str, list[Village]] = {}
        for village in self.villages.values():
            self.village_names.setdefault(village.name.casefold(), []).append(village)
        members = Member.objects.filter(cooperative=cooperative)
        self.digests = set(members.values_list("nik_digest", flat=True))
        self.numbers = set(members.values_list("number", flat=True))

    def error(self, row: int | None, key: str | None, message: Any, code: Code) -> None:
        column = self.typed.get(key or "", key)
        self.errors.append(BulkImportError(row, column, key, str(message), code))

    def map_headers(self) -> None:
        for index, header in enumerate(self.table.headers):
            key = _ALIASES.get(normalize_header(header))
            if key and key not in self.positions:
                self.positions[key], self.typed[key] = index, cell_text(header)
        for key in REQUIRED:
            if key not in self.positions:
                self.error(self.table.header_row, key, _MISSING, Code.REQUIRED)

    def cell(self, cells: list[Any], key: str) -> Any:
        index = self.positions.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def village(self, value: Any) -> Village:
        text = cell_text(value)
        found = self.villages.get(text)
        if found is not None:
            return found
        named = self.village_names.get(text.casefold(), [])
        if len(named) != 1:
            raise _CellError(_VILLAGE)
        return named[0]

    def parse(self, number: int, cells: list[Any]) -> dict[str, Any] | None:
        row: dict[str, Any] = {"row": number, "savings": {}}
        before = len(self.errors)
        parsers = {
            "nama": cell_text,
            "nik": lambda v: validate_nik(cell_text(v)),
            "jenis_kelamin": self.sex,
            "desa": self.village,
            "tanggal_masuk": _date,
            "status": self.status,
            "tanggal_status": _date,
            "telepon": cell_text,
            "email": cell_text,
            "no_anggota": self.number,
        }
        for key, parse in parsers.items():
            value = self.cell(cells, key)
            if key in REQUIRED and not cell_text(value):
                self.error(number, key, _REQUIRED, Code.REQUIRED)
                continue
            try:
                row[key] = parse(value)
            except _CellError as problem:
                self.error(number, key, problem.args[0], Code.INVALID)
            except ValidationError as problem:
                self.error(number, key, problem.messages[0], Code.INVALID)
        for key, kind in SAVINGS_COLUMNS.items():
            try:
                row["savings"][kind] = _amount(self.cell(cells, key))
            except _CellError as problem:
                self.error(number, key, problem.args[0], Code.INVALID)
        return row if len(self.errors) == before else None

    @staticmethod
    def sex(value: Any) -> str:
        text = cell_text(value).upper()
        if text in {"LAKI-LAKI", "LAKI LAKI"}:
            text = "L"
        if text == "PEREMPUAN":
            text = "P"
        if text and text not in Sex.values:
            raise _CellError(_SEX)
        return text

    @staticmethod
    def status(value: Any) -> str:
        text = cell_text(value).casefold() or MemberStatus.AKTIF
        if text not in MemberStatus.values:
            raise _CellError(_STATUS)
        return text

    def number(self, value: Any) -> int | None:
        text = cell_text(value)
        if not text:
            return None
        if not text.isdigit() or int(text) < 1:
            raise _CellError(_("Enter the member number as a whole number."))
        if int(text) in self.numbers:
            raise _CellError(_NUMBER_TAKEN)
        return int(text)

    def check_file_duplicates(self) -> None:
        niks: dict[str, int] = {}
        numbers: dict[int, int] = {}
        for row in self.rows:
            digest = crypto.lookup_digest(row["nik"])
            if digest in self.digests:
                message = gettext("A member of this cooperative already has this NIK.")
                self.error(row["row"], "nik", message, Code.UNIQUE)
            elif digest in niks:
                self.error(row["row"], "nik", _NIK_TWICE % {"row": niks[digest]}, Code.UNIQUE)
            niks.setdefault(digest, row["row"])
            if row["no_anggota"] is not None:
                first = numbers.setdefault(row["no_anggota"], row["row"])
                if first != row["row"]:
                    self.error(
                        row["row"], "no_anggota", _NUMBER_TWICE % {"row": first}, Code.UNIQUE
                    )


def _write(cooperative: Cooperative, rows: list[dict[str, Any]], actor: User | None) -> int:
    with transaction.atomic():
        numbered = sorted(rows, key=lambda row: row["no_anggota"] is None)  # given numbers first
        for row in numbered:
            member = services.member_create(
                cooperative=cooperative,
                number=row["no_anggota"],
                joined_on=row["tanggal_masuk"],
                name=row["nama"],
                nik=row["nik"],
                sex=row["jenis_kelamin"],
                village=row["desa"],
                phone=row["telepon"],
                email=row["email"],
            )
            if row["status"] != MemberStatus.AKTIF:
                services.member_update(
                    member=member,
                    status=row["status"],
                    status_changed_on=row["tanggal_status"] or row["tanggal_masuk"],
                )
            for kind, amount in row["savings"].items():
                if amount:
                    services.savings_record(
                        member=member,
                        kind=kind,
                        amount=amount,
                        occurred_on=row["tanggal_masuk"],
                        idempotency_key=f"saldo-awal-{kind}",
                        note=gettext("Opening balance (import)"),
                        actor=actor,
                    )
    return len(rows)


def member_import(
    *,
    cooperative: Cooperative,
    file: IO[bytes] | bytes,
    filename: str = "",
    actor: User | None = None,
) -> MemberImportResult:
    """Import a member list for ``cooperative``: every row, or none and every error.
    Permission checks are the caller's (``permissions.can_manage_members``)."""
    try:
        table = read_table(read_upload(file), filename, no_rows_message=_NO_ROWS)
    except FileRefused as refused:
        return MemberImportResult(
            errors=[BulkImportError(None, None, None, refused.message, refused.code)]
        )
    reader = _Reader(cooperative, table)
    reader.map_headers()
    if reader.errors:
        return MemberImportResult(errors=reader.errors)
    for number, cells in table.rows:
        row = reader.parse(number, cells)
        if row is not None:
            reader.rows.append(row)
    reader.check_file_duplicates()
    if reader.errors:
        logger.info(
            "member_import_refused",
            extra={"cooperative_id": cooperative.pk, "errors": len(reader.errors)},
        )
        return MemberImportResult(errors=sorted(reader.errors, key=lambda e: e.row or 0))
    try:
        created = _write(cooperative, reader.rows, actor)
    except (ValidationError, IntegrityError):
        logger.warning("member_import_conflict", extra={"cooperative_id": cooperative.pk})
        return MemberImportResult(
            errors=[BulkImportError(None, None, None, str(_CONFLICT), Code.UNIQUE)]
        )
    logger.info("member_import_done", extra={"cooperative_id": cooperative.pk, "rows": created})
    return MemberImportResult(members_created=created)
