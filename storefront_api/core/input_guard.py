"""Characters no field can store, refused before a GraphQL document runs.

PostgreSQL's text types cannot hold NUL (U+0000), and a lone UTF-16 surrogate
(U+D800–U+DFFF, which JSON's ``\\ud800`` escape produces) cannot be encoded as UTF-8 at
all: either one reaching the database fails with ``DataError`` or ``UnicodeEncodeError``
halfway through a request. No name, address, e-mail or search has a use for them, so the
view refuses a request carrying one, in its variables or in a string of its query, with
HTTP 400 and an error naming where it was, before any resolver runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, Visitor, visit

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class UnsupportedCharacter(GraphQLError):
    """A NUL or a lone surrogate in the request."""


def _describe(match: re.Match[str]) -> str:
    return f"U+{ord(match.group()):04X}"


def find_unsupported_character(text: str) -> str | None:
    """``"U+0000"`` for the first character of ``text`` no field can store, else None."""
    match = _UNSTORABLE.search(text)
    return _describe(match) if match else None


def variables_error(variables: Mapping[str, Any] | None) -> UnsupportedCharacter | None:
    """An error for the first unstorable character in the variables (keys included)."""
    if not variables:
        return None
    # Iterative: JSON may nest as deep as the decoder allowed.
    stack: list[tuple[str, Any]] = [("variables", variables)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            found = find_unsupported_character(value)
            if found:
                return UnsupportedCharacter(
                    f"Invalid character {found} in {path}: text may not contain NUL "
                    "characters or unpaired surrogates."
                )
        elif isinstance(value, Mapping):
            for key, item in value.items():
                key_text = str(key)
                if find_unsupported_character(key_text):
                    return UnsupportedCharacter(
                        f"Invalid character in a variable name under {path}."
                    )
                stack.append((f"{path}.{key_text}", item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{index}", item) for index, item in enumerate(value))
    return None


class _StringFinder(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.error: UnsupportedCharacter | None = None

    def enter_string_value(self, node: StringValueNode, *_args: Any) -> Any:
        found = find_unsupported_character(node.value)
        if found:
            self.error = UnsupportedCharacter(
                f"Invalid character {found} in a string of the query: text may not "
                "contain NUL characters or unpaired surrogates.",
                nodes=[node],
            )
            return self.BREAK
        return None


def query_error(query: str, document: DocumentNode | None) -> UnsupportedCharacter | None:
    """An error for an unstorable character in the query text or its string literals
    (``"\\u0000"`` is one once GraphQL's escapes are read)."""
    found = find_unsupported_character(query)
    if found:
        return UnsupportedCharacter(
            f"Invalid character {found} in the query: text may not contain NUL "
            "characters or unpaired surrogates."
        )
    if document is None:
        return None
    finder = _StringFinder()
    visit(document, finder)
    return finder.error
