"""Whole answers to anonymous catalog reads, kept until the catalog changes.

A storefront asks the same few documents with the same variables over and over, and a
catalog answer costs 10–40 ms of Python to build from 1–2 ms of SQL. An answer is kept
when every one of these holds:

* the request carries no token (no ``Authorization`` / ``Authorization-Bearer``
  header): what a signed-in user, a staff member or an app sees is never shared;
* the operation is a query whose every root field is a catalog read
  (:data:`CATALOG_ROOT_FIELDS`: products, categories, collections, menus, pages,
  attributes, channels, shop, ...), never a mutation, ``checkout``, ``me``, orders or a
  cooperative's records;
* the answer has no errors;
* the connection is not inside a transaction (an uncommitted write could be in it).

The key is ``(document, operation, variables, language, generation, valid until)``:
the generation (:mod:`marketplace.core.freshness`) moves when a change to any watched
table commits, so an entry can never be served after the change it predates is
visible; ``valid until`` is the next moment something changes with no write (a
publication date, a reservation running out, midnight), past which the key changes
too. Entries live in the ``storefront`` cache (``STOREFRONT_CACHE_URL``; a bounded
per-process locmem cache by default) and expire by themselves at that moment.
``STOREFRONT_RESPONSE_CACHE = False`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone, translation
from graphql import DocumentNode, FieldNode, OperationDefinitionNode, OperationType

from marketplace.core.freshness import freshness
from storefront_api.core.auth import get_token_from_request

CACHE_ALIAS = "storefront"

# Root fields whose answer to an anonymous visitor depends only on the catalog's data,
# the arguments, the language and the time (never on who asks).
CATALOG_ROOT_FIELDS = frozenset(
    {
        "__typename",
        "__schema",
        "__type",
        "attribute",
        "attributes",
        "categories",
        "category",
        "channel",
        "channels",
        "collection",
        "collections",
        "menu",
        "menuItem",
        "menuItems",
        "menus",
        "page",
        "pageType",
        "pageTypes",
        "pages",
        "product",
        "productType",
        "productTypes",
        "productVariant",
        "productVariants",
        "products",
        "shop",
    }
)


def enabled() -> bool:
    return bool(getattr(settings, "STOREFRONT_RESPONSE_CACHE", True))


def _operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        return operations[0] if len(operations) == 1 else None
    return next((op for op in operations if op.name and op.name.value == operation_name), None)


def is_catalog_read(document: DocumentNode, operation_name: str | None) -> bool:
    """The operation is a query that selects only catalog root fields (no fragments
    at the root, whose fields would need resolving to know)."""
    operation = _operation(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return False
    return all(
        isinstance(selection, FieldNode) and selection.name.value in CATALOG_ROOT_FIELDS
        for selection in operation.selection_set.selections
    )


def cache_key(
    request: HttpRequest,
    document: DocumentNode,
    query: str,
    variables: dict[str, Any] | None,
    operation_name: str | None,
) -> tuple[str, float] | None:
    """The key for this request's answer and the seconds it may live, or ``None`` when
    the answer must not be shared."""
    if not enabled() or connection.in_atomic_block:
        return None
    if get_token_from_request(request) is not None:
        return None
    if not is_catalog_read(document, operation_name):
        return None
    generation, until = freshness.current()
    ttl = (until - timezone.now()).total_seconds()
    if ttl <= 0:
        return None
    try:
        variables_text = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None  # an uploaded file or such: not a catalog read anyway
    digest = hashlib.blake2b(digest_size=20)
    for part in (query, operation_name or "", variables_text, translation.get_language() or ""):
        digest.update(part.encode())
        digest.update(b"\0")
    key = f"gql:{generation}:{until.timestamp():.6f}:{digest.hexdigest()}"
    return key, ttl


def get(key: str) -> dict[str, Any] | None:
    return caches[CACHE_ALIAS].get(key)


def put(key: str, ttl: float, body: dict[str, Any]) -> None:
    if body.get("errors"):
        return
    caches[CACHE_ALIAS].set(key, body, timeout=max(1, int(ttl)))
