"""Reading what people type: cleaning, words, and how far apart two words are.

Pure functions, no database: the PostgreSQL and Elasticsearch backends read a search text
through :func:`words`, so both see the same words whatever was sent (NUL bytes, lone
surrogates, tsquery or Lucene syntax, emoji, thousands of characters).
"""

from __future__ import annotations

import re
import unicodedata

# Characters of a search text that are read (a shop's search box needs a few words). A
# longer text is cut, not refused: thousands of terms made PostgreSQL's tsquery parser
# exceed its stack depth and fail the whole request.
MAX_SEARCH_LENGTH = 200
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Words too common to narrow a search; dropped when the text has other words.
STOP_WORDS = frozenset(
    "dan atau yang di ke dari untuk dengan pakai buat the and of for isi".split()
)

# Spellings of the old Indonesian orthography (Ejaan Van Ophuijsen / Soewandi) still
# typed by older buyers and on old packaging: "madoe" is "madu", "djahe" is "jahe".
_OLD_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("nj", "ny"), ("sj", "sy"))


def clean(text: str) -> str:
    """``text`` made safe to read: lone surrogates and control characters (NUL included)
    removed, Unicode compatibility forms folded (full-width letters, ligatures),
    lower case, runs of spaces collapsed, cut to :data:`MAX_SEARCH_LENGTH` characters."""
    text = text.encode("utf-8", "ignore").decode("utf-8")  # lone surrogates
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(text.lower().split())[:MAX_SEARCH_LENGTH].strip()


def _fold(word: str) -> str:
    """Accents removed (``kué`` → ``kue``); other scripts kept."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of a search text (letters and digits only, at most :data:`MAX_WORDS`,
    each cut to :data:`MAX_WORD_LENGTH`), stop words dropped unless nothing else is left."""
    found = [_fold(word)[:MAX_WORD_LENGTH] for word in _WORD_RE.findall(clean(text))]
    found = [word for word in found if word][:MAX_WORDS]
    kept = [word for word in found if word not in STOP_WORDS]
    return kept or found


def modern_spelling(word: str) -> str:
    """``word`` in today's spelling if it uses the old orthography, else unchanged."""
    for old, new in _OLD_SPELLINGS:
        word = word.replace(old, new)
    return word


def trigrams(word: str) -> set[str]:
    """The word's trigrams, padded as pg_trgm pads them (two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity``: shared trigrams over all trigrams of both words."""
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second) if first or second else 0.0


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap two neighbours),
    or ``limit + 1`` as soon as it is sure to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    """How many typos a word of this length may carry and still be recognised."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 7 else 2
