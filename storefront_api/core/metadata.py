"""Saleor's metadata API types: ``ObjectWithMetadata``, ``MetadataItem``, ``Metadata``,
``MetadataInput`` and ``MetadataError``.

Users, checkouts, orders, products and product variants keep metadata
(:class:`marketplace.core.models.ModelWithMetadata`) and implement ``ObjectWithMetadata``.
Public metadata is readable by whoever may see the object; private metadata needs the
object's staff permission (:mod:`storefront_api.meta.permissions`), otherwise a top-level
``PermissionDenied``. Types without stored metadata answer ``metadata`` and
``privateMetadata`` with empty lists.
"""

from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from storefront_api.core.enums import MetadataErrorCode
from storefront_api.core.types import Error


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


class Metadata(GenericScalar):
    """Metadata is a map of key-value pairs, both keys and values are `String`.

    Example:
    ```
    {
        "key1": "value1",
        "key2": "value2"
    }
    ```
    """


class MetadataError(Error):
    code = MetadataErrorCode(required=True, description="The error code.")


def metadata_items(metadata: dict[str, Any] | None) -> list[MetadataItem]:
    """``[MetadataItem]`` sorted by key, as Saleor lists them."""
    return [MetadataItem(key=key, value=value) for key, value in sorted((metadata or {}).items())]


def _filtered(metadata: dict[str, Any] | None, keys: list[str] | None) -> dict[str, Any]:
    metadata = metadata or {}
    if keys is None:
        return dict(metadata)
    return {key: value for key, value in metadata.items() if key in keys}


def _check_private(root: Any, info: graphene.ResolveInfo) -> None:
    from storefront_api.meta.permissions import check_private_metadata_read

    check_private_metadata_read(info, root)


class ObjectWithMetadata(graphene.Interface):
    private_metadata = graphene.List(
        graphene.NonNull(MetadataItem),
        required=True,
        description="List of private metadata items. Requires staff permissions to access.",
    )
    private_metafield = graphene.String(
        args={"key": graphene.NonNull(graphene.String)},
        description=(
            "A single key from private metadata. Requires staff permissions to access.\n\n"
            "Tip: Use GraphQL aliases to fetch multiple keys."
        ),
    )
    private_metafields = Metadata(
        args={"keys": graphene.List(graphene.NonNull(graphene.String))},
        description=(
            "Private metadata. Requires staff permissions to access. Use `keys` to control "
            "which fields you want to include. The default is to include everything."
        ),
    )
    metadata = graphene.List(
        graphene.NonNull(MetadataItem),
        required=True,
        description="List of public metadata items. Can be accessed without permissions.",
    )
    metafield = graphene.String(
        args={"key": graphene.NonNull(graphene.String)},
        description=(
            "A single key from public metadata.\n\nTip: Use GraphQL aliases to fetch multiple keys."
        ),
    )
    metafields = Metadata(
        args={"keys": graphene.List(graphene.NonNull(graphene.String))},
        description=(
            "Public metadata. Use `keys` to control which fields you want to include. The "
            "default is to include everything."
        ),
    )

    @classmethod
    def resolve_type(cls, instance: Any, info: graphene.ResolveInfo) -> Any:
        interface = info.schema.get_type("ObjectWithMetadata")
        for object_type in info.schema.get_possible_types(interface):
            graphene_type = object_type.graphene_type
            if graphene_type.is_type_of(instance, info):
                return graphene_type
        return None

    @staticmethod
    def resolve_metadata(root: Any, info: graphene.ResolveInfo) -> list[MetadataItem]:
        return metadata_items(root.metadata)

    @staticmethod
    def resolve_metafield(root: Any, info: graphene.ResolveInfo, *, key: str) -> str | None:
        return (root.metadata or {}).get(key)

    @staticmethod
    def resolve_metafields(
        root: Any, info: graphene.ResolveInfo, *, keys: list[str] | None = None
    ) -> dict[str, Any]:
        return _filtered(root.metadata, keys)

    @staticmethod
    def resolve_private_metadata(root: Any, info: graphene.ResolveInfo) -> list[MetadataItem]:
        _check_private(root, info)
        return metadata_items(root.private_metadata)

    @staticmethod
    def resolve_private_metafield(root: Any, info: graphene.ResolveInfo, *, key: str) -> str | None:
        _check_private(root, info)
        return (root.private_metadata or {}).get(key)

    @staticmethod
    def resolve_private_metafields(
        root: Any, info: graphene.ResolveInfo, *, keys: list[str] | None = None
    ) -> dict[str, Any]:
        _check_private(root, info)
        return _filtered(root.private_metadata, keys)


def metadata_field(description: str) -> graphene.Field:
    """``[MetadataItem!]!``, for types that keep no metadata (always empty)."""
    return graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem))),
        description=description,
    )


def resolve_empty_metadata(root: Any, info: graphene.ResolveInfo) -> list[MetadataItem]:
    return []


def metadata_input_items(items: list[Any] | None) -> dict[str, str]:
    """``{key: value}`` from a list of ``MetadataInput`` (the last value of a key wins)."""
    return {item["key"]: item["value"] for item in items or []}


def _no_key(root: Any, info: graphene.ResolveInfo, *, key: str) -> None:
    return None


def _no_keys(root: Any, info: graphene.ResolveInfo, *, keys: list[str] | None = None) -> dict:
    return {}


class NoStoredMetadata:
    """``ObjectWithMetadata``'s fields for types whose objects keep no metadata: the
    lists and maps are empty and every key is unset (nothing private to guard). Saleor's
    clients read them on categories, collections, menus, pages, lines…"""

    metadata = metadata_field("List of public metadata items. Can be accessed without permissions.")
    metafield = graphene.String(
        key=graphene.String(required=True), description="A single key from public metadata."
    )
    metafields = Metadata(
        keys=graphene.List(graphene.NonNull(graphene.String)),
        description="Public metadata. Use `keys` to control which fields you want to include.",
    )
    private_metadata = metadata_field(
        "List of private metadata items. Requires staff permissions to access."
    )
    private_metafield = graphene.String(
        key=graphene.String(required=True), description="A single key from private metadata."
    )
    private_metafields = Metadata(
        keys=graphene.List(graphene.NonNull(graphene.String)),
        description="Private metadata. Use `keys` to control which fields you want to include.",
    )

    resolve_metadata = staticmethod(resolve_empty_metadata)
    resolve_private_metadata = staticmethod(resolve_empty_metadata)
    resolve_metafield = staticmethod(_no_key)
    resolve_private_metafield = staticmethod(_no_key)
    resolve_metafields = staticmethod(_no_keys)
    resolve_private_metafields = staticmethod(_no_keys)
