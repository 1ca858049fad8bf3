"""What a search text asks for, the same for every backend.

A text becomes *slots*, one per word or listed phrase, all of which a product must match
(in any order). A slot matches when any of its *alternatives* does: the word as typed
(also as the beginning of a word: "kri" finds "keripik"), the terms of its synonym group
("sambel" → "sambal", "gula merah" → "gula aren"), and the catalog words it is probably a
typo of ("berass" → "beras"). When a word was corrected, :attr:`SearchPlan.did_you_mean`
spells the text with the corrections ("Maksud Anda: …").
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.catalog.search import text as search_text
from marketplace.catalog.search.synonyms import longest_term_at, terms_beginning
from marketplace.catalog.search.vocabulary import corrections, vocabulary

MIN_PREFIX_LENGTH = 2


@dataclass(frozen=True)
class Alternative:
    words: tuple[str, ...]
    prefix: bool  # the last word may be the beginning of a longer word
    typed: bool  # as the person typed it (not a synonym or correction)


@dataclass(frozen=True)
class SearchPlan:
    words: tuple[str, ...]
    slots: tuple[tuple[Alternative, ...], ...]
    did_you_mean: str | None

    @property
    def is_empty(self) -> bool:
        return not self.slots


def _slot_for_phrase(terms: tuple[tuple[str, ...], ...]) -> tuple[Alternative, ...]:
    typed, *others = terms
    prefix = len(typed[-1]) >= MIN_PREFIX_LENGTH and not typed[-1].isdigit()
    alternatives = [Alternative(words=typed, prefix=prefix, typed=True)]
    alternatives += [Alternative(words=term, prefix=False, typed=False) for term in others]
    return tuple(alternatives)


def _slot_for_word(word: str, *, last: bool) -> tuple[tuple[Alternative, ...], str | None]:
    """A slot for one unlisted word, and its best correction if it looks like a typo.

    A word is also the beginning of longer words when it is the last one (still being
    typed) or no catalog word: a known word earlier in the text is taken as it is, which
    keeps frequent words ("pak", "kopi") from expanding to every word they begin."""
    found = corrections(word)
    prefix = len(word) >= MIN_PREFIX_LENGTH and not word.isdigit()
    prefix = prefix and (last or not vocabulary().knows(word))
    alternatives = [Alternative(words=(word,), prefix=prefix, typed=True)]
    for corrected in found:
        _length, terms = longest_term_at([corrected], 0)
        alternatives += [Alternative(words=term, prefix=False, typed=False) for term in terms]
    if prefix and not found and not vocabulary().knows(word):
        # "kri": not the beginning of a catalog word, but of a listed spelling ("kripik")
        terms = terms_beginning(word)
        alternatives += [Alternative(words=term, prefix=False, typed=False) for term in terms]
    return tuple(dict.fromkeys(alternatives)), (found[0] if found else None)


def search_plan(text: str) -> SearchPlan:
    """The plan for searching ``text`` (any string; an empty plan when it has no words)."""
    tokens = search_text.words(text)
    slots: list[tuple[Alternative, ...]] = []
    spelled: list[str] = []
    corrected = False
    at = 0
    while at < len(tokens):
        length, terms = longest_term_at(tokens, at)
        if len(terms) > 1:
            slots.append(_slot_for_phrase(terms))
            spelled += tokens[at : at + length]
        else:
            slot, correction = _slot_for_word(tokens[at], last=at == len(tokens) - 1)
            slots.append(slot)
            spelled.append(correction or tokens[at])
            corrected = corrected or correction is not None
        at += length
    did_you_mean = " ".join(spelled) if corrected else None
    return SearchPlan(words=tuple(tokens), slots=tuple(slots), did_you_mean=did_you_mean)
