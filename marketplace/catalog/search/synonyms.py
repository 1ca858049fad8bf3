"""The Indonesian synonym and spelling list (``data/synonyms.csv``, with its sources).

Both backends read it from here: PostgreSQL expands a query's words and phrases into
their groups; Elasticsearch gets the same groups as a ``synonym_graph`` filter.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marketplace.catalog.search.text import words

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.csv"


@dataclass(frozen=True)
class SynonymGroup:
    terms: tuple[tuple[str, ...], ...]  # each term as its words; the catalog's spelling first
    kind: str
    source: str


@cache
def synonym_groups() -> tuple[SynonymGroup, ...]:
    """Every group of the list, in file order."""
    lines = [
        line
        for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    groups = []
    for row in csv.DictReader(lines, delimiter=";"):
        terms = tuple(tuple(words(term)) for term in row["terms"].split("|"))
        groups.append(SynonymGroup(terms=terms, kind=row["kind"], source=row["source"]))
    return tuple(groups)


@cache
def _by_term() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    index: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for group in synonym_groups():
        for term in group.terms:
            index[term] = tuple(dict.fromkeys(index.get(term, ()) + group.terms))
    return index


def longest_term_at(tokens: list[str], start: int) -> tuple[int, tuple[tuple[str, ...], ...]]:
    """The longest listed term beginning at ``tokens[start]``: how many words it covers
    and every term of its groups (itself first); ``(1, ((word,),))`` when none is listed."""
    index = _by_term()
    for length in (3, 2, 1):
        term = tuple(tokens[start : start + length])
        if len(term) == length and term in index:
            alternatives = index[term]
            return length, (term, *[alt for alt in alternatives if alt != term])
    return 1, ((tokens[start],),)


def elasticsearch_rules() -> list[str]:
    """The list as Solr-format rules for Elasticsearch's ``synonym_graph`` filter."""
    return [", ".join(" ".join(term) for term in group.terms) for group in synonym_groups()]


def terms_beginning(prefix: str) -> tuple[tuple[str, ...], ...]:
    """Every term of the groups having a one-word term that begins with ``prefix`` (and
    is not ``prefix`` itself): typing "kri" reaches "kripik" and so "keripik"."""
    found: dict[tuple[str, ...], None] = {}
    for term, alternatives in _by_term().items():
        if len(term) == 1 and term[0].startswith(prefix) and term[0] != prefix:
            found.update(dict.fromkeys(alternatives))
    return tuple(found)


def catalog_spellings_beginning(prefix: str) -> list[str]:
    """The catalog's spelling (first term) of each group with a one-word term beginning
    with ``prefix``: what "kri" is completed to ("keripik")."""
    return [
        " ".join(group.terms[0])
        for group in synonym_groups()
        if any(len(term) == 1 and term[0].startswith(prefix) for term in group.terms)
    ]
