"""When what the shop shows last changed: the catalog generation and the next timed change.

Caches of anonymous storefront answers (:mod:`storefront_api.core.response_cache`) key
their entries by two things this module reads from PostgreSQL:

**The generation**, one row (``lumbung_catalog_generation``) that takes a new random
value whenever catalog data changes (random rather than counted: a database restored
from a backup never reuses a number the cache knew for other data). Every table whose
rows can appear in a catalog answer carries a statement-level trigger (AFTER INSERT,
UPDATE, DELETE, TRUNCATE). The trigger does not take the generation row's lock itself: it files
the transaction once in ``lumbung_catalog_pending``, whose deferred constraint trigger
gives it a new value as the transaction commits. So:

* any change — an ORM ``save()``, ``queryset.update()``, raw SQL, the admin, a
  migration — bumps it, and signals cannot be forgotten;
* the bump commits with the change: a reader sees the new generation exactly when it can
  see the new rows, never before (no stale answer filed under the new generation), never
  after (no stale answer served under the old one);
* the generation row's lock is the last lock a writing transaction takes (at commit), so it
  cannot take part in a deadlock, and a rolled-back change bumps nothing.

Triggers are (re)installed after every ``migrate`` (:func:`install_triggers`, from
``post_migrate``) on every table of the database except :data:`UNWATCHED_TABLES`, so a
table added later is watched without anyone remembering to; every ``migrate`` (so every
deploy) also starts a new generation.

**The next timed change** (:func:`next_transition`): what the shop shows also changes
with no write at all — a product's ``published_at`` or ``available_for_purchase_at``
passes, a collection or page is published at a set time, a voucher starts or ends, a
checkout reservation runs out (stock becomes free again), a permit expires at midnight
in Asia/Jakarta. The earliest such moment after now is one query; an entry filled before
it must not be served after it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from threading import Lock

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

GENERATION_TABLE = "lumbung_catalog_generation"
PENDING_TABLE = "lumbung_catalog_pending"
TRIGGER_NAME = "lumbung_catalog_changed"

# Tables whose rows never appear in an anonymous catalog answer and change all the time:
# watching them would only empty the cache for nothing. Everything else is watched,
# including checkouts' reservations (they lower quantityAvailable) and orders' stock
# allocations (through warehouses_stock).
UNWATCHED_TABLES = frozenset(
    {
        GENERATION_TABLE,
        PENDING_TABLE,
        "django_migrations",
        "django_session",
        "django_admin_log",
        "lumbung_cache",  # the shared cache (rate limits, sessions' helpers)
        "core_heartbeat",  # celery beat proves it runs, every minute
        "core_outgoingemail",
    }
)

CREATE_SQL = f"""
CREATE TABLE IF NOT EXISTS {GENERATION_TABLE} (
    id smallint PRIMARY KEY CHECK (id = 1),
    value bigint NOT NULL
);
INSERT INTO {GENERATION_TABLE} (id, value) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS {PENDING_TABLE} (txid bigint PRIMARY KEY);

CREATE OR REPLACE FUNCTION lumbung_catalog_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {GENERATION_TABLE} SET value = floor(random() * 9e18)::bigint WHERE id = 1;
    DELETE FROM {PENDING_TABLE} WHERE txid = NEW.txid;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS lumbung_catalog_bump ON {PENDING_TABLE};
CREATE CONSTRAINT TRIGGER lumbung_catalog_bump AFTER INSERT ON {PENDING_TABLE}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION lumbung_catalog_bump();

CREATE OR REPLACE FUNCTION {TRIGGER_NAME}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('lumbung.catalog_changed', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('lumbung.catalog_changed', '1', true);
        INSERT INTO {PENDING_TABLE} (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
"""

DROP_SQL = f"""
DROP TABLE IF EXISTS {PENDING_TABLE};
DROP TABLE IF EXISTS {GENERATION_TABLE};
DROP FUNCTION IF EXISTS {TRIGGER_NAME}() CASCADE;
DROP FUNCTION IF EXISTS lumbung_catalog_bump() CASCADE;
"""


def watched_tables(tables: Iterable[str]) -> list[str]:
    return sorted(name for name in tables if name not in UNWATCHED_TABLES)


def install_triggers(using: BaseDatabaseWrapper | None = None) -> list[str]:
    """Put the change trigger on every watched table that lacks it; the tables done."""
    conn = using or connection
    with conn.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [GENERATION_TABLE])
        if not cursor.fetchone()[0]:
            return []  # before core's migration ran
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
            "AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid "
            "AND t.tgname = %s)",
            [TRIGGER_NAME],
        )
        missing = watched_tables(row[0] for row in cursor.fetchall())
        for table in missing:
            quoted = conn.ops.quote_name(table)
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER_NAME} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {quoted} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER_NAME}()"
            )
    return missing


def bump(using: BaseDatabaseWrapper | None = None) -> None:
    """A new generation now (after ``migrate``: a deploy may change what answers say
    without changing a row, and a shared cache outlives the processes)."""
    conn = using or connection
    with conn.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [GENERATION_TABLE])
        if cursor.fetchone()[0]:
            cursor.execute(
                f"UPDATE {GENERATION_TABLE} SET value = floor(random() * 9e18)::bigint "  # noqa: S608
                "WHERE id = 1"
            )


def tables_without_trigger() -> list[str]:
    """Watched tables that have no change trigger (empty once ``migrate`` ran)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
            "AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid "
            "AND t.tgname = %s)",
            [TRIGGER_NAME],
        )
        return watched_tables(row[0] for row in cursor.fetchall())


def generation() -> int:
    """The committed catalog generation (one primary-key read)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {GENERATION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


_TRANSITIONS_SQL = """
SELECT min(at) FROM (
    SELECT min(published_at) AS at FROM catalog_productchannellisting WHERE published_at > %(now)s
    UNION ALL SELECT min(available_for_purchase_at) FROM catalog_productchannellisting
        WHERE available_for_purchase_at > %(now)s
    UNION ALL SELECT min(published_at) FROM content_collectionchannellisting
        WHERE published_at > %(now)s
    UNION ALL SELECT min(published_at) FROM content_page WHERE published_at > %(now)s
    UNION ALL SELECT min(start_date) FROM discounts_voucher WHERE start_date > %(now)s
    UNION ALL SELECT min(end_date) FROM discounts_voucher WHERE end_date > %(now)s
    UNION ALL SELECT min(reserved_until) FROM checkout_reservation WHERE reserved_until > %(now)s
) AS transitions
"""


def _next_midnight(now: datetime.datetime) -> datetime.datetime:
    """The next midnight in Asia/Jakarta (permits expire by the day there, and
    ``TIME_ZONE`` is the same zone)."""
    from marketplace.village_hubs.models import PIRT_TIME_ZONE

    local = now.astimezone(PIRT_TIME_ZONE)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=PIRT_TIME_ZONE)


def next_transition(now: datetime.datetime | None = None) -> datetime.datetime:
    """The earliest moment after ``now`` at which an answer may change with no write."""
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_TRANSITIONS_SQL, {"now": now})
        row = cursor.fetchone()
    midnight = _next_midnight(now)
    at = row[0] if row else None
    return min(at, midnight) if at is not None else midnight


class Freshness:
    """``(generation, valid_until)`` for a cache key: the generation is read on every
    call; the next timed change is recomputed only when the generation moved or the
    moment passed (it depends on nothing else)."""

    def __init__(self) -> None:
        self._lock = Lock()
        self._known: tuple[int, datetime.datetime] | None = None

    def current(self) -> tuple[int, datetime.datetime]:
        gen = generation()
        now = timezone.now()
        with self._lock:
            known = self._known
        if known is not None and known[0] == gen and now < known[1]:
            return known
        until = next_transition(now)
        with self._lock:
            self._known = (gen, until)
        return gen, until


freshness = Freshness()
