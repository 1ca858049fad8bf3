"""What a Saleor storefront can send or read that Lumbung does not serve yet.

Saleor 3.24's storefront-reachable schema (see ``storefront_reach`` in
``test_schema_compatibility.py``) minus what Lumbung serves, as schema coordinates: a
missing type stands for its fields, a missing field for its arguments. The test fails
when a new gap appears and when a listed one is closed (then delete it here), so this
list always says exactly what a storefront would still miss. One line per Saleor type.
Empty since 2026-12-06: a storefront reaches nothing that Lumbung does not serve.
"""

from __future__ import annotations

NOT_YET_SERVED: frozenset[str] = frozenset()
