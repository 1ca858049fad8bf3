"""``updateMetadata``, ``deleteMetadata``, ``updatePrivateMetadata`` and
``deletePrivateMetadata``, as Saleor's.

``id`` is a global ID of a type with metadata (``User``, ``Checkout``, ``Order``,
``Product``, ``ProductVariant``), or the bare UUID of an order or a checkout. An ID that
does not decode gives ``GRAPHQL_ERROR``; a type without metadata or an object that does
not exist gives ``NOT_FOUND``; an empty key gives ``REQUIRED``. Who may change what is in
:mod:`storefront_api.meta.permissions`; a refusal is a top-level ``PermissionDenied``.
"""

from __future__ import annotations

import uuid
from typing import Any

import graphene
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from marketplace.core import metadata as services
from marketplace.core.error_codes import MetadataErrorCode
from marketplace.core.exceptions import field_error
from marketplace.orders.models import Order as OrderModel
from storefront_api.checkout.utils import checkout_get
from storefront_api.core.metadata import (
    MetadataError,
    MetadataInput,
    ObjectWithMetadata,
    metadata_input_items,
)
from storefront_api.core.mutations import BaseMutation
from storefront_api.meta.permissions import METADATA_TYPES, MetadataType

ID_DESCRIPTION = "ID or token (for Order and Checkout) of an object to update."


def _not_a_node(value: str) -> Exception:
    return field_error(
        "id",
        _("Couldn't resolve to a node: %(id)s") % {"id": value},
        MetadataErrorCode.GRAPHQL_ERROR,
    )


def _by_token(value: str) -> tuple[str, Any] | None:
    """An order or checkout named by its bare UUID (Saleor's ``token``)."""
    try:
        token = uuid.UUID(value)
    except ValueError:
        return None
    order = OrderModel.objects.filter(pk=token).first()
    if order is not None:
        return "Order", order
    checkout = checkout_get(token)
    return ("Checkout", checkout) if checkout is not None else None


def metadata_target(
    info: graphene.ResolveInfo, value: str, *, private: bool
) -> tuple[MetadataType, Any]:
    """The object ``value`` names, once the requestor may change its metadata."""
    try:
        type_name, pk = from_global_id(value)
    except (TypeError, ValueError, UnicodeDecodeError):
        type_name, pk = "", ""
    if not type_name or not pk:
        found = _by_token(value)
        if found is None:
            raise _not_a_node(value)
        type_name, instance = found
        meta_type = METADATA_TYPES[type_name]
    else:
        if type_name not in METADATA_TYPES:
            if info.schema.get_type(type_name) is None:
                raise field_error(
                    "id",
                    _("Invalid type: %(type)s") % {"type": type_name},
                    MetadataErrorCode.GRAPHQL_ERROR,
                )
            raise field_error(
                "id",
                _("Couldn't resolve to a item with meta: %(id)s") % {"id": value},
                MetadataErrorCode.NOT_FOUND,
            )
        meta_type = METADATA_TYPES[type_name]
        instance = meta_type.get(pk)
    check = meta_type.private if private else meta_type.public
    check(info, instance)
    if instance is None:
        raise field_error(
            "id",
            _("Couldn't resolve to a node: %(id)s") % {"id": value},
            MetadataErrorCode.NOT_FOUND,
        )
    return meta_type, instance


class _MetadataMutation(BaseMutation):
    item = graphene.Field(ObjectWithMetadata)

    private = False

    class Meta:
        abstract = True


class _UpdateMutation(_MetadataMutation):
    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: list[Any]
    ) -> Any:
        _meta_type, instance = metadata_target(info, id, private=cls.private)
        services.metadata_update(
            instance=instance, items=metadata_input_items(input), private=cls.private
        )
        return cls(item=instance, errors=[])


class _DeleteMutation(_MetadataMutation):
    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, keys: list[str]
    ) -> Any:
        _meta_type, instance = metadata_target(info, id, private=cls.private)
        services.metadata_delete(instance=instance, keys=keys, private=cls.private)
        return cls(item=instance, errors=[])


class UpdateArguments:
    id = graphene.ID(required=True, description=ID_DESCRIPTION)
    input = graphene.List(
        graphene.NonNull(MetadataInput),
        required=True,
        description="Fields required to update the object's metadata.",
    )


class DeleteArguments:
    id = graphene.ID(required=True, description=ID_DESCRIPTION)
    keys = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Metadata keys to delete."
    )


class UpdateMetadata(_UpdateMutation):
    class Arguments(UpdateArguments):
        pass

    class Meta:
        description = (
            "Updates metadata of an object. Requires permissions to modify and to read the "
            "metadata of the object it's attached to.\n\nWarning: never store sensitive "
            "information, including financial data such as credit card details."
        )
        error_type_class = MetadataError
        error_type_field = "metadata_errors"


class UpdatePrivateMetadata(_UpdateMutation):
    private = True

    class Arguments(UpdateArguments):
        pass

    class Meta:
        description = (
            "Updates private metadata of an object. Requires permissions to modify and to "
            "read the metadata of the object it's attached to.\n\nWarning: never store "
            "sensitive information, including financial data such as credit card details."
        )
        error_type_class = MetadataError
        error_type_field = "metadata_errors"


class DeleteMetadata(_DeleteMutation):
    class Arguments(DeleteArguments):
        pass

    class Meta:
        description = (
            "Delete metadata of an object. To use it, you need to have access to the "
            "modified object."
        )
        error_type_class = MetadataError
        error_type_field = "metadata_errors"


class DeletePrivateMetadata(_DeleteMutation):
    private = True

    class Arguments(DeleteArguments):
        pass

    class Meta:
        description = (
            "Delete object's private metadata. To use it, you need to be an authenticated "
            "staff user or an app and have access to the modified object."
        )
        error_type_class = MetadataError
        error_type_field = "metadata_errors"


class MetaMutations(graphene.ObjectType):
    delete_metadata = DeleteMetadata.Field()
    delete_private_metadata = DeletePrivateMetadata.Field()
    update_metadata = UpdateMetadata.Field()
    update_private_metadata = UpdatePrivateMetadata.Field()
