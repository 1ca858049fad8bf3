"""Saleor's metadata types: ``MetadataItem`` (output) and ``MetadataInput`` (input).

Lumbung keeps no free-form metadata yet: objects answer ``metadata``/``privateMetadata``
with empty lists, and metadata sent in inputs is accepted and not stored.
"""

from __future__ import annotations

from typing import Any

import graphene


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


def metadata_field(description: str) -> graphene.Field:
    """``[MetadataItem!]!``, as Saleor's ``metadata`` and ``privateMetadata``."""
    return graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem))),
        description=description,
    )


def resolve_empty_metadata(root: Any, info: graphene.ResolveInfo) -> list[MetadataItem]:
    return []
