"""Rich text as Saleor stores it: EditorJS JSON, ``{"blocks": [{"type": ..., "data": {...}}]}``.

Every string inside a block's ``data`` is sanitized with ``nh3`` on write: only inline
formatting tags survive (EditorJS' bold, italic, link, marker, inline code, ...), links
keep only ``href`` with an http(s)/mailto/tel URL, ``<script>``/``<style>`` disappear
with their content. Values under URL keys (``url``, ``link``, ``source``, ``embed``)
that are not http(s) are emptied. Anything not shaped like EditorJS is refused.
"""

from __future__ import annotations

import html
import json
from typing import Any

import nh3
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.core.exceptions import field_error

ALLOWED_TAGS = frozenset(
    {"a", "b", "br", "code", "em", "i", "mark", "s", "strong", "sub", "sup", "u"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_KEYS = frozenset({"url", "link", "source", "embed", "href"})
MAX_BLOCKS = 500
MAX_DEPTH = 8  # nested lists

_NOT_EDITORJS = _(
    'The description must be EditorJS JSON: an object with a "blocks" list of '
    '{"type": ..., "data": {...}} blocks.'
)
_TOO_LONG = _("The description has too many blocks.")


def editorjs_clean(value: Any, *, field: str = "description") -> dict[str, Any] | None:
    """A sanitized copy of an EditorJS document; ``None``/empty input gives ``None``.

    Accepts a dict or a JSON string. Raises ValidationError (``ProductErrorCode.INVALID``
    on ``field``) for anything that is not EditorJS-shaped.
    """
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise field_error(field, _NOT_EDITORJS, ProductErrorCode.INVALID) from None
    if not isinstance(value, dict) or not isinstance(value.get("blocks"), list):
        raise field_error(field, _NOT_EDITORJS, ProductErrorCode.INVALID)
    if len(value["blocks"]) > MAX_BLOCKS:
        raise field_error(field, _TOO_LONG, ProductErrorCode.INVALID)
    blocks = []
    for block in value["blocks"]:
        if (
            not isinstance(block, dict)
            or not isinstance(block.get("type"), str)
            or not isinstance(block.get("data", {}), dict)
        ):
            raise field_error(field, _NOT_EDITORJS, ProductErrorCode.INVALID)
        cleaned: dict[str, Any] = {
            "type": nh3.clean_text(block["type"]),
            "data": _clean_value(block.get("data", {}), key=None, depth=0, field=field),
        }
        if isinstance(block.get("id"), str):
            cleaned["id"] = nh3.clean_text(block["id"])
        blocks.append(cleaned)
    document: dict[str, Any] = {"blocks": blocks}
    if isinstance(value.get("time"), int) and not isinstance(value.get("time"), bool):
        document["time"] = value["time"]
    if isinstance(value.get("version"), str):
        document["version"] = nh3.clean_text(value["version"])
    return document


def sanitize_html(text: str) -> str:
    """Inline HTML with only the allowed tags, attributes and URL schemes."""
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer nofollow",
    )


def editorjs_to_plaintext(document: dict[str, Any] | None) -> str:
    """The text of every block, tags removed, one block per line (for search)."""
    if not document:
        return ""
    lines: list[str] = []
    for block in document.get("blocks", []):
        parts: list[str] = []
        _collect_text(block.get("data", {}), parts, key=None)
        text = " ".join(part for part in parts if part)
        if text:
            lines.append(text)
    return "\n".join(lines)


def _clean_value(value: Any, *, key: str | None, depth: int, field: str) -> Any:
    if depth > MAX_DEPTH:
        raise field_error(field, _NOT_EDITORJS, ProductErrorCode.INVALID)
    if isinstance(value, str):
        if key in URL_KEYS:
            return value if value.strip().lower().startswith(("http://", "https://")) else ""
        return sanitize_html(value)
    if isinstance(value, dict):
        return {
            nh3.clean_text(str(k)): _clean_value(v, key=str(k), depth=depth + 1, field=field)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_clean_value(item, key=key, depth=depth + 1, field=field) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    raise field_error(field, _NOT_EDITORJS, ProductErrorCode.INVALID)


_TEXT_SKIP_KEYS = URL_KEYS | {"level", "style", "withBorder", "stretched", "withBackground"}


def _collect_text(value: Any, parts: list[str], *, key: str | None) -> None:
    if key in _TEXT_SKIP_KEYS:
        return
    if isinstance(value, str):
        parts.append(html.unescape(nh3.clean(value, tags=set())).strip())
    elif isinstance(value, dict):
        for k, v in value.items():
            _collect_text(v, parts, key=str(k))
    elif isinstance(value, list):
        for item in value:
            _collect_text(item, parts, key=key)
