"""Coverage of what real Saleor storefront clients select (storefront-schema-coordinates.txt).

Every type, field and argument the clients send must exist in Lumbung's schema, except
the gaps listed here, each to be closed by an open issue. The test fails both when a new
gap appears and when a listed gap is closed (then delete it from the list), so the list
always says exactly what a Saleor client would still miss.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storefront_api.schema import schema
from tests.helpers import ROOT

COORDINATES = Path(ROOT).parent / "shared/reference/storefront-schema-coordinates.txt"

NOT_YET: frozenset[str] = frozenset()


def client_coordinates() -> set[str]:
    """``Type``, ``Type.field`` and ``Type.field(arg:)`` the clients' documents use."""
    coordinates: set[str] = set()
    current = None
    for line in COORDINATES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = line.strip()
            coordinates.add(current)
            continue
        match = re.match(r"\s+(\w+)(?:\(([^)]*)\))?", line)
        field, args = match.group(1), match.group(2) or ""
        coordinates.add(f"{current}.{field}")
        coordinates.update(
            f"{current}.{field}({arg.strip()}:)" for arg in args.split(",") if arg.strip()
        )
    return coordinates


def served(coordinate: str) -> bool:
    type_name, _, rest = coordinate.partition(".")
    graphql_type = schema.graphql_schema.type_map.get(type_name)
    if graphql_type is None:
        return False
    if not rest:
        return True
    field_name, _, arg = rest.partition("(")
    field = getattr(graphql_type, "fields", {}).get(field_name)
    if field is None:
        return False
    return not arg or arg.rstrip(":)") in field.args


def test_clients_find_every_type_field_and_argument_they_send():
    if not COORDINATES.exists():
        pytest.skip(f"the clients' coordinates are not at {COORDINATES}")
    coordinates = client_coordinates()
    missing = {c for c in coordinates if not served(c)}
    # report a missing type or field once, not each of its fields and arguments too
    missing = {
        c
        for c in missing
        if ("." not in c or c.partition(".")[0] not in missing)
        and ("(" not in c or c.partition("(")[0] not in missing)
    }

    assert sorted(missing - NOT_YET) == [], "clients would fail on these"
    assert sorted(NOT_YET - missing) == [], "served now: delete them from NOT_YET"
