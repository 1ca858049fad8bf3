"""The vocabulary: every word of the indexed products, with how many products have it.

It is what typos are corrected to ("berass" → "beras") and what words are completed from
("kri" → "keripik"). The table ``catalog_searchterm`` gains the words of each product as it
is indexed (:func:`vocabulary_add`) and is rebuilt whole by :func:`vocabulary_rebuild`
(``manage.py search_reindex`` and nightly), which also drops words no product has any more.

The matching is done here in Python (trigram candidates, then edit distance), because the
embedded PostgreSQL has no pg_trgm; where the server has pg_trgm its ``similarity()`` picks
the candidates instead. Each process keeps the vocabulary in memory for
:data:`VOCABULARY_TTL` seconds (a few thousand words even for a national catalog).
"""

from __future__ import annotations

import bisect
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from django.db import connection

from marketplace.catalog.search import text as search_text

# a parameter of ``documents_sql``: a value, or a list of ids for ``= ANY(%s)``
SqlParam = int | str | list[int]

VOCABULARY_TTL = 60.0
MIN_WORD_LENGTH = 3
_CANDIDATE_SIMILARITY = 0.2

# The words of the text the index is built from (search_index.document_sql), per product.
_WORDS_SQL = """
SELECT word, count(DISTINCT id) FROM (
    SELECT d.id, unnest(tsvector_to_array(to_tsvector('simple',
        concat_ws(' ', d.name_text, d.about_text, d.description_text)))) AS word
    FROM ({documents}) AS d
) AS w
WHERE length(word) BETWEEN {min_length} AND 64 AND word ~ '^[[:alpha:]]+$'
GROUP BY word
"""


@dataclass
class Vocabulary:
    documents: dict[str, int]
    ordered: list[str] = field(default_factory=list)
    by_trigram: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def __post_init__(self) -> None:
        self.ordered = sorted(self.documents)
        for word in self.ordered:
            for trigram in search_text.trigrams(word):
                self.by_trigram[trigram].add(word)

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a word of the catalog or the beginning of one."""
        at = bisect.bisect_left(self.ordered, word)
        return at < len(self.ordered) and self.ordered[at].startswith(word)

    def completions(self, prefix: str, limit: int) -> list[str]:
        """Words beginning with ``prefix``, those in most products first."""
        at = bisect.bisect_left(self.ordered, prefix)
        found = []
        while at < len(self.ordered) and self.ordered[at].startswith(prefix):
            found.append(self.ordered[at])
            at += 1
        found.sort(key=lambda word: (-self.documents[word], len(word), word))
        return found[:limit]

    def candidates(self, word: str) -> set[str]:
        counts: dict[str, int] = defaultdict(int)
        for trigram in search_text.trigrams(word):
            for known in self.by_trigram.get(trigram, ()):
                counts[known] += 1
        grams = len(search_text.trigrams(word))
        return {
            known
            for known, shared in counts.items()
            if shared / (grams + len(search_text.trigrams(known)) - shared) >= _CANDIDATE_SIMILARITY
        }


_loaded: tuple[float, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """The vocabulary, as read at most :data:`VOCABULARY_TTL` seconds ago by this process."""
    global _loaded
    if _loaded is None or time.monotonic() - _loaded[0] > VOCABULARY_TTL:
        with connection.cursor() as cursor:
            cursor.execute("SELECT word, documents FROM catalog_searchterm")
            _loaded = (time.monotonic(), Vocabulary(documents=dict(cursor.fetchall())))
    return _loaded[1]


def vocabulary_forget() -> None:
    """Read the table again on the next search (after this process changed it)."""
    global _loaded
    _loaded = None


def vocabulary_add(*, documents_sql: str, params: Sequence[SqlParam]) -> None:
    """Add the words of these products' documents (counts only ever grow here)."""
    words_sql = _WORDS_SQL.format(documents=documents_sql, min_length=MIN_WORD_LENGTH)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO catalog_searchterm (word, documents) {words_sql} "
            "ON CONFLICT (word) DO UPDATE SET documents = "
            "greatest(catalog_searchterm.documents, excluded.documents)",
            params,
        )
    vocabulary_forget()


def vocabulary_rebuild(*, documents_sql: str, params: Sequence[SqlParam]) -> int:
    """Make the table exactly the words of every product; returns how many words."""
    words_sql = _WORDS_SQL.format(documents=documents_sql, min_length=MIN_WORD_LENGTH)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE fresh_terms ON COMMIT DROP AS " + words_sql, params)
        cursor.execute(
            "DELETE FROM catalog_searchterm t WHERE NOT EXISTS "
            "(SELECT 1 FROM fresh_terms f WHERE f.word = t.word)"
        )
        cursor.execute(
            "INSERT INTO catalog_searchterm (word, documents) SELECT * FROM fresh_terms "
            "ON CONFLICT (word) DO UPDATE SET documents = excluded.documents"
        )
        cursor.execute("SELECT count(*) FROM catalog_searchterm")
        count = cursor.fetchone()[0]
    vocabulary_forget()
    return count


@cache
def has_pg_trgm() -> bool:
    """Whether this database has the pg_trgm extension installed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _candidates_pg_trgm(word: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM catalog_searchterm WHERE similarity(word, %s) >= %s "
            "ORDER BY similarity(word, %s) DESC LIMIT 50",
            [word, _CANDIDATE_SIMILARITY, word],
        )
        return {row[0] for row in cursor.fetchall()}


def corrections(word: str, *, limit: int = 3) -> list[str]:
    """Catalog words ``word`` is probably a typo of, the closest and commonest first;
    empty when ``word`` is a catalog word (or the start of one) or nothing is close."""
    known = vocabulary()
    if len(word) < MIN_WORD_LENGTH or word.isdigit() or known.knows(word):
        return []
    modern = search_text.modern_spelling(word)
    if modern != word and known.knows(modern):
        return [modern]
    typos = search_text.allowed_typos(word)
    if not typos:
        return []
    pool = _candidates_pg_trgm(word) if has_pg_trgm() else known.candidates(word)
    scored = []
    for candidate in pool:
        distance = search_text.edit_distance(word, candidate, typos)
        if distance <= typos:
            scored.append((distance, -known.documents.get(candidate, 0), candidate))
    return [candidate for *_, candidate in sorted(scored)[:limit]]
