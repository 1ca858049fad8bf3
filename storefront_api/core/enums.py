"""GraphQL enums built from the domain's Python enums, named exactly as Saleor's.

Domain code lists its error codes in ``marketplace/<app>/error_codes.py``; the API turns
each into a graphene enum here. On the wire a value is the member's *name*
(``INVALID_CREDENTIALS``); resolvers may return the member or its value.
"""

from __future__ import annotations

from enum import Enum

import graphene

from marketplace.accounts import error_codes as account_error_codes


def to_graphene_enum(
    python_enum: type[Enum], *, name: str | None = None, description: str | None = None
) -> type[graphene.Enum]:
    """A graphene enum with ``python_enum``'s members; named after it unless ``name``."""
    return graphene.Enum(
        name or python_enum.__name__,
        [(member.name, member.value) for member in python_enum],
        description=description or python_enum.__doc__,
    )


def enum_values(graphene_enum: type[graphene.Enum]) -> frozenset[str]:
    """The Python values behind a graphene enum's members."""
    return frozenset(member.value for member in graphene_enum._meta.enum)


AccountErrorCode = to_graphene_enum(account_error_codes.AccountErrorCode)


class AddressTypeEnum(graphene.Enum):
    BILLING = "billing"
    SHIPPING = "shipping"
