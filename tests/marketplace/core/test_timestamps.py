"""``timestamptz`` values read through the fast loader (:mod:`marketplace.core.timestamps`)
are the very datetimes Django's own loader gives: same instant, fields and ``tzinfo``."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import DataError, connection
from django.db.backends.postgresql.psycopg_any import (  # type: ignore[import-untyped]
    register_tzloader,
)
from psycopg.adapt import PyFormat
from psycopg.postgres import types

from marketplace.core.timestamps import _TimestampLoader

pytestmark = pytest.mark.django_db

TIMESTAMPTZ = types["timestamptz"].oid


def _read(literal: str, *, djangos_own: bool) -> datetime:
    with connection.cursor() as cursor:
        if djangos_own:
            register_tzloader(connection.timezone, cursor.cursor)
        cursor.execute("SELECT %s::timestamptz", [literal])
        return cursor.fetchone()[0]


def test_connections_read_timestamps_with_the_fast_loader() -> None:
    connection.ensure_connection()
    adapters = connection.connection.adapters
    loader = adapters.get_loader(TIMESTAMPTZ, PyFormat.as_pq(PyFormat.TEXT))

    assert issubclass(loader, _TimestampLoader)
    assert loader.timezone is connection.timezone


@pytest.mark.parametrize(
    "literal",
    [
        "2026-12-06 05:23:42.123456+00",
        "2026-12-06 05:23:42.12+00",  # PostgreSQL drops trailing zeros of the fraction
        "2026-12-06 12:23:42.5+07",  # written in WIB, read back in UTC
        "2026-12-06 05:23:42.123+00:30",  # an offset in minutes
        "2026-12-06 05:23:42+00",
        "0001-01-01 00:00:00+00",
        "0099-03-04 05:06:07.000001+00",
        "9999-12-31 23:59:59.999999+00",
    ],
)
def test_timestamps_read_as_djangos_own_loader_reads_them(literal: str) -> None:
    fast = _read(literal, djangos_own=False)
    djangos = _read(literal, djangos_own=True)

    assert fast == djangos
    assert fast.tzinfo is djangos.tzinfo is connection.timezone
    assert fast.isoformat() == djangos.isoformat()


@pytest.mark.parametrize("literal", ["infinity", "-infinity", "2000-01-01 00:00:00+00 BC"])
def test_timestamps_python_cannot_hold_fail_as_with_djangos_loader(literal: str) -> None:
    for djangos_own in (False, True):
        with pytest.raises(DataError):
            _read(literal, djangos_own=djangos_own)


def test_a_session_in_another_time_zone_reads_as_djangos_loader_does() -> None:
    literal = "2026-12-06 12:23:42.5+07"
    with connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'Asia/Jakarta'")
    try:
        fast = _read(literal, djangos_own=False)
        djangos = _read(literal, djangos_own=True)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
    assert fast == djangos
    assert fast.tzinfo is djangos.tzinfo is connection.timezone
    assert fast.isoformat() == djangos.isoformat()
