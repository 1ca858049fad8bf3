"""``BaseMutation``: Saleor's mutation conventions on graphene 3.

A mutation declares, in ``Meta``:

* ``error_type_class``: its error type (Saleor's name, e.g. ``AccountError``), whose
  ``code`` field is a graphene enum from its area's ``enums`` module;
* ``error_type_field`` (optional): Saleor's deprecated duplicate of ``errors``
  (``accountErrors``, ``checkoutErrors``, ...), added when clients still select it;
* ``permissions`` (optional): :mod:`storefront_api.core.permissions` entries, one of
  which the requestor must hold; otherwise a top-level ``PermissionDenied`` error.

and implements ``perform_mutation(cls, root, info, /, **data)``, which returns an
instance of the mutation or raises Django's ``ValidationError``. The payload then
carries ``errors: [<ErrorType>!]!``: ``[]`` on success; on failure one entry per message
and every other payload field ``null``. ``ValidationError`` params named like fields of
the error type (``address_type``) fill those fields.
"""

from __future__ import annotations

import logging
from typing import Any

import graphene
from django.core.exceptions import ImproperlyConfigured, ValidationError
from graphene.types.mutation import MutationOptions

from storefront_api.core.enums import enum_values
from storefront_api.core.errors import validation_error_to_errors
from storefront_api.core.permissions import Permission, check_permissions

logger = logging.getLogger(__name__)

ERRORS_DESCRIPTION = "List of errors that occurred executing the mutation."


class BaseMutationOptions(MutationOptions):
    error_type_class: type[graphene.ObjectType] | None = None
    error_type_field: str | None = None
    error_codes: frozenset[str] = frozenset()
    permissions: tuple[Permission, ...] = ()


def _error_codes(error_type_class: type[graphene.ObjectType]) -> frozenset[str]:
    code_field = error_type_class._meta.fields.get("code")
    if code_field is None:
        raise ImproperlyConfigured(f"{error_type_class.__name__} has no `code` field.")
    code_type = code_field.type
    while hasattr(code_type, "of_type"):  # NonNull(Enum)
        code_type = code_type.of_type
    return enum_values(code_type)


class BaseMutation(graphene.Mutation):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(
        cls,
        error_type_class: type[graphene.ObjectType] | None = None,
        error_type_field: str | None = None,
        permissions: tuple[Permission, ...] = (),
        _meta: BaseMutationOptions | None = None,
        **options: Any,
    ) -> None:
        if error_type_class is None:
            raise ImproperlyConfigured(f"{cls.__name__}: set Meta.error_type_class.")
        if not _meta:
            _meta = BaseMutationOptions(cls)
        _meta.error_type_class = error_type_class
        _meta.error_type_field = error_type_field
        _meta.error_codes = _error_codes(error_type_class)
        _meta.permissions = tuple(permissions)
        super().__init_subclass_with_meta__(_meta=_meta, **options)

        def errors_field(**kwargs: Any) -> graphene.Field:
            return graphene.Field(
                graphene.List(graphene.NonNull(error_type_class)),
                required=True,
                **kwargs,
            )

        # Added after the mutation's own fields, so the SDL reads as Saleor's.
        if error_type_field:
            _meta.fields[error_type_field] = errors_field(
                deprecation_reason="Use `errors` field instead."
            )
        _meta.fields["errors"] = errors_field(description=ERRORS_DESCRIPTION)

    @classmethod
    def mutate(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> BaseMutation:
        check_permissions(info.context.user, cls._meta.permissions)
        try:
            response = cls.perform_mutation(root, info, **data)
        except ValidationError as exc:
            return cls.handle_errors(exc)
        if response.errors is None:
            response.errors = []
        if cls._meta.error_type_field:
            setattr(response, cls._meta.error_type_field, response.errors)
        return response

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *args: Any, **data: Any
    ) -> Any:
        # ``*args: Any, **data: Any``: each subclass declares its own (keyword) arguments,
        # which mypy accepts as an override of this signature only
        raise NotImplementedError

    @classmethod
    def handle_errors(cls, exc: ValidationError) -> BaseMutation:
        """The payload for a failed mutation: errors, every other field ``null``."""
        error_type = cls._meta.error_type_class
        error_fields = set(error_type._meta.fields)
        errors = []
        for data in validation_error_to_errors(exc, allowed_codes=cls._meta.error_codes):
            extra = {
                key: value
                for key, value in data["params"].items()
                if key in error_fields and key not in {"field", "message", "code"}
            }
            errors.append(
                error_type(field=data["field"], message=data["message"], code=data["code"], **extra)
            )
        logger.info(
            "mutation_rejected",
            extra={"mutation": cls.__name__, "codes": [error.code for error in errors]},
        )
        payload = cls(errors=errors)
        if cls._meta.error_type_field:
            setattr(payload, cls._meta.error_type_field, errors)
        return payload
