"""Writes of Saleor-style metadata (:class:`marketplace.core.models.ModelWithMetadata`).

Keys are changed in one ``UPDATE`` with PostgreSQL's ``jsonb`` operators (``||`` to set,
``-`` to remove), so two clients changing different keys at the same time both keep
their change. The object's own "last changed" column moves too (``updated_at`` or
``last_change``). Who may change which object is the API's decision.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db.models import F, Func, JSONField, TextField, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.error_codes import MetadataErrorCode
from marketplace.core.models import ModelWithMetadata

logger = logging.getLogger(__name__)

PUBLIC = "metadata"
PRIVATE = "private_metadata"
_CHANGED_AT_FIELDS = ("updated_at", "last_change")


def metadata_clean(*, items: Mapping[str, str], field: str = "input") -> dict[str, str]:
    """``items`` with stripped keys; ``REQUIRED`` on ``field`` when a key is empty."""
    cleaned: dict[str, str] = {}
    for key, value in items.items():
        key = (key or "").strip()
        if not key:
            raise ValidationError(
                {
                    field: ValidationError(
                        _("Metadata key cannot be empty."),
                        code=MetadataErrorCode.REQUIRED.value,
                    )
                }
            )
        cleaned[key] = "" if value is None else str(value)
    return cleaned


def _changed_at(instance: ModelWithMetadata) -> dict[str, object]:
    names = {field.name for field in instance._meta.concrete_fields}
    return {name: timezone.now() for name in _CHANGED_AT_FIELDS if name in names}


def _write(instance: ModelWithMetadata, column: str, expression: Func) -> None:
    changes = {column: expression, **_changed_at(instance)}
    updated = instance._meta.model._default_manager.filter(pk=instance.pk).update(**changes)
    if not updated:
        raise ValidationError(
            {
                column: ValidationError(
                    _("Cannot update metadata for instance. Updating not existing object."),
                    code=MetadataErrorCode.NOT_FOUND.value,
                )
            }
        )
    instance.refresh_from_db(fields=[column, *[name for name in changes if name != column]])


def metadata_update(
    *,
    instance: ModelWithMetadata,
    items: Mapping[str, str],
    private: bool = False,
    field: str = "input",
) -> ModelWithMetadata:
    """Set ``items`` in the object's public (or private) metadata; other keys stay.

    Raises ValidationError ``REQUIRED`` on ``field`` for an empty key (nothing written).
    """
    column = PRIVATE if private else PUBLIC
    cleaned = metadata_clean(items=items, field=field)
    if cleaned:
        expression = Func(
            F(column),
            Value(cleaned, output_field=JSONField()),
            template="%(expressions)s",
            arg_joiner=" || ",
            output_field=JSONField(),
        )
        _write(instance, column, expression)
    logger.info(
        "metadata_updated",
        extra={"model": instance._meta.label, "pk": str(instance.pk), "private": private},
    )
    return instance


def metadata_delete(
    *, instance: ModelWithMetadata, keys: Sequence[str], private: bool = False
) -> ModelWithMetadata:
    """Remove ``keys`` from the object's public (or private) metadata; unknown keys are
    ignored."""
    column = PRIVATE if private else PUBLIC
    if keys:
        expression = Func(
            F(column),
            Value(list(keys), output_field=ArrayField(TextField())),
            template="%(expressions)s",
            arg_joiner=" - ",
            output_field=JSONField(),
        )
        _write(instance, column, expression)
    logger.info(
        "metadata_deleted",
        extra={"model": instance._meta.label, "pk": str(instance.pk), "private": private},
    )
    return instance
