"""Write use cases of product types, attributes and attribute values (Saleor's semantics).

Product types and attributes are the shared taxonomy of the platform (who may change
them is the API's job). Values on products and variants are set with
:func:`product_attributes_set` / :func:`variant_attributes_set`, which accept only
attributes assigned to the product's type at that level, as Saleor's
``AttributeAssignmentMixin`` does; error codes are Saleor's ``ProductErrorCode`` for
product types and assigned values and ``AttributeErrorCode`` for attributes and their
values. Errors about attributes or values carry ``params={"attributes": [pk, ...]}`` /
``{"values": [pk, ...]}`` (primary keys; the API turns them into global IDs).

Differences from Saleor, on purpose:

* ``product_type_delete`` refuses while products use the type (Saleor deletes them).
* Unassigning an attribute from a product type also removes that attribute's values
  from the type's products or variants, so a product never carries a value of an
  attribute its type does not have.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.catalog import files
from marketplace.catalog.error_codes import AttributeErrorCode, ProductErrorCode
from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeEntityType,
    AttributeInputType,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Product,
    ProductType,
    ProductTypeKind,
    ProductVariant,
)
from marketplace.catalog.rich_text import editorjs_clean, editorjs_to_plaintext
from marketplace.core.exceptions import field_error, full_clean_with_codes

logger = logging.getLogger(__name__)

CHOICE_INPUT_TYPES = frozenset({AttributeInputType.DROPDOWN, AttributeInputType.MULTISELECT})
# Saleor's ``AttributeInputType.ALLOWED_IN_VARIANT_SELECTION`` (without swatch).
VARIANT_SELECTION_INPUT_TYPES = frozenset(
    {AttributeInputType.DROPDOWN, AttributeInputType.BOOLEAN, AttributeInputType.NUMERIC}
)
NAME_MAX_LENGTH = 250


def _slug(text: str, max_length: int = 240) -> str:
    return slugify(text, allow_unicode=True)[:max_length] or uuid.uuid4().hex[:8]


def _unique_slug(queryset: Any, text: str) -> str:
    base = _slug(text)
    slug, n = base, 1
    while queryset.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _error(field: str, message: Any, code: Any, **params: Any) -> ValidationError:
    code_value = code.value
    return ValidationError({field: ValidationError(message, code=code_value, params=params)})


def _truncate(text: str, length: int = 200) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


# --- product types -----------------------------------------------------------------------


def _check_variant_attributes_allowed(
    product_type: ProductType, variant_attributes: Sequence[Attribute]
) -> None:
    if variant_attributes and not product_type.has_variants:
        raise _error(
            "variant_attributes",
            _("Variant attributes can't be assigned to a product type without variants."),
            ProductErrorCode.ATTRIBUTE_VARIANTS_DISABLED,
            attributes=[attribute.pk for attribute in variant_attributes],
        )


@transaction.atomic
def product_type_create(
    *,
    name: str,
    slug: str | None = None,
    kind: str = ProductTypeKind.NORMAL,
    has_variants: bool = True,
    is_shipping_required: bool = True,
    weight_grams: int | None = None,
    product_attributes: Sequence[Attribute] = (),
    variant_attributes: Sequence[Attribute] = (),
) -> ProductType:
    """Create a product type, optionally with product- and variant-level attributes."""
    product_type = ProductType(
        name=name,
        slug=slug or _unique_slug(ProductType.objects.all(), name),
        kind=kind,
        has_variants=has_variants,
        is_shipping_required=is_shipping_required,
        weight_grams=weight_grams,
    )
    full_clean_with_codes(product_type, ProductErrorCode)
    _check_variant_attributes_allowed(product_type, variant_attributes)
    product_type.save()
    if product_attributes or variant_attributes:
        product_type_attributes_assign(
            product_type=product_type,
            product_attributes=product_attributes,
            variant_attributes=[(attribute, False) for attribute in variant_attributes],
        )
    logger.info("product_type_created", extra={"product_type_id": product_type.pk})
    return product_type


_PRODUCT_TYPE_FIELDS = ("name", "slug", "kind", "has_variants", "is_shipping_required")


@transaction.atomic
def product_type_update(
    *,
    product_type: ProductType,
    product_attributes: Sequence[Attribute] | None = None,
    variant_attributes: Sequence[Attribute] | None = None,
    **data: Any,
) -> ProductType:
    """Change a product type. ``product_attributes`` / ``variant_attributes``, when given,
    replace the attributes assigned at that level (removed ones lose their values)."""
    unknown = set(data) - {*_PRODUCT_TYPE_FIELDS, "weight_grams"}
    if unknown:
        raise TypeError(f"unexpected keyword arguments: {', '.join(sorted(unknown))}")
    for field, value in data.items():
        setattr(product_type, field, value)
    if "slug" in data and not data["slug"]:
        product_type.slug = _unique_slug(
            ProductType.objects.exclude(pk=product_type.pk), product_type.name
        )
    full_clean_with_codes(product_type, ProductErrorCode)
    if variant_attributes is None and not product_type.has_variants:
        current = list(Attribute.objects.filter(attribute_variant__product_type=product_type))
        _check_variant_attributes_allowed(product_type, current)
    _check_variant_attributes_allowed(product_type, variant_attributes or [])
    product_type.save()
    for level, wanted in (("product", product_attributes), ("variant", variant_attributes)):
        if wanted is None:
            continue
        through = AttributeProduct if level == "product" else AttributeVariant
        assigned = set(
            through.objects.filter(product_type=product_type).values_list("attribute_id", flat=True)
        )
        wanted_ids = {attribute.pk for attribute in wanted}
        removed = assigned - wanted_ids
        if removed:
            product_type_attributes_unassign(
                product_type=product_type, attributes=list(Attribute.objects.filter(pk__in=removed))
            )
        added = [attribute for attribute in wanted if attribute.pk not in assigned]
        if added:
            product_type_attributes_assign(
                product_type=product_type,
                product_attributes=added if level == "product" else (),
                variant_attributes=[(a, False) for a in added] if level == "variant" else (),
            )
    logger.info("product_type_updated", extra={"product_type_id": product_type.pk})
    return product_type


@transaction.atomic
def product_type_delete(*, product_type: ProductType) -> None:
    """Delete a product type that no product uses.

    Saleor deletes the products of the type as well; here that is refused (``INVALID`` on
    ``id``): a cooperative's products must never disappear with a taxonomy change.
    """
    used_by = Product.objects.filter(product_type=product_type).count()
    if used_by:
        raise field_error(
            "id",
            _(
                "This product type is used by %(count)s products. Move them to another "
                "product type or delete them first."
            )
            % {"count": used_by},
            ProductErrorCode.INVALID,
        )
    product_type_id = product_type.pk
    product_type.delete()
    logger.info("product_type_deleted", extra={"product_type_id": product_type_id})


# --- assigning attributes to product types -----------------------------------------------


@transaction.atomic
def product_type_attributes_assign(
    *,
    product_type: ProductType,
    product_attributes: Sequence[Attribute] = (),
    variant_attributes: Sequence[tuple[Attribute, bool]] = (),
) -> ProductType:
    """Assign attributes to a product type (Saleor's ``productAttributeAssign``).

    ``variant_attributes`` are ``(attribute, variant_selection)`` pairs; variant selection
    is allowed for dropdown, boolean and numeric attributes only. An attribute is
    assigned at most once per type, at one level.
    """
    pks = [a.pk for a in product_attributes] + [a.pk for a, _sel in variant_attributes]
    errors = _assignment_errors(product_type, pks, variant_attributes)
    if errors:
        raise ValidationError({"operations": errors})
    AttributeProduct.objects.bulk_create(
        AttributeProduct(product_type=product_type, attribute=attribute)
        for attribute in product_attributes
    )
    AttributeVariant.objects.bulk_create(
        AttributeVariant(
            product_type=product_type, attribute=attribute, variant_selection=selection
        )
        for attribute, selection in variant_attributes
    )
    logger.info(
        "product_type_attributes_assigned",
        extra={"product_type_id": product_type.pk, "attribute_ids": pks},
    )
    return product_type


def _assignment_errors(
    product_type: ProductType,
    pks: list[int],
    variant_attributes: Sequence[tuple[Attribute, bool]],
) -> list[ValidationError]:
    """What is wrong with assigning the attributes ``pks`` to ``product_type``: given
    twice, variant attributes on a type without variants, variant selection on a type
    of attribute that cannot have it, or already assigned."""
    errors: list[ValidationError] = []
    duplicated = sorted({pk for pk in pks if pks.count(pk) > 1})
    if duplicated:
        errors.append(
            ValidationError(
                _("An attribute is given more than once."),
                code=ProductErrorCode.DUPLICATED_INPUT_ITEM.value,
                params={"attributes": duplicated},
            )
        )
    if variant_attributes and not product_type.has_variants:
        errors.append(
            ValidationError(
                _("Variant attributes can't be assigned to a product type without variants."),
                code=ProductErrorCode.ATTRIBUTE_VARIANTS_DISABLED.value,
                params={"attributes": [a.pk for a, _sel in variant_attributes]},
            )
        )
    not_selectable = [
        a.pk
        for a, selection in variant_attributes
        if selection and a.input_type not in VARIANT_SELECTION_INPUT_TYPES
    ]
    if not_selectable:
        errors.append(
            ValidationError(
                _(
                    "Some of the attributes types are not supported for variant selection. "
                    "Supported types are: dropdown, boolean, numeric."
                ),
                code=ProductErrorCode.ATTRIBUTE_CANNOT_BE_ASSIGNED.value,
                params={"attributes": not_selectable},
            )
        )
    already = list(
        Attribute.objects.filter(pk__in=pks)
        .filter(
            Q(attribute_product__product_type=product_type)
            | Q(attribute_variant__product_type=product_type)
        )
        .distinct()
        .order_by("pk")
    )
    if already:
        errors.append(
            ValidationError(
                _("%(names)s have already been assigned to this product type.")
                % {"names": ", ".join(f"{a.name} ({a.slug})" for a in already)},
                code=ProductErrorCode.ATTRIBUTE_ALREADY_ASSIGNED.value,
                params={"attributes": [a.pk for a in already]},
            )
        )
    return errors


@transaction.atomic
def product_type_attributes_unassign(
    *, product_type: ProductType, attributes: Sequence[Attribute]
) -> ProductType:
    """Unassign attributes from a product type at both levels (Saleor's
    ``productAttributeUnassign``); their values are removed from the type's products and
    variants. Attributes not assigned are ignored."""
    ids = [attribute.pk for attribute in attributes]
    AttributeProduct.objects.filter(product_type=product_type, attribute_id__in=ids).delete()
    AttributeVariant.objects.filter(product_type=product_type, attribute_id__in=ids).delete()
    AssignedProductAttributeValue.objects.filter(
        product__product_type=product_type, value__attribute_id__in=ids
    ).delete()
    AssignedVariantAttributeValue.objects.filter(
        variant__product__product_type=product_type, value__attribute_id__in=ids
    ).delete()
    Product.objects.filter(product_type=product_type).update(search_index_dirty=True)
    logger.info(
        "product_type_attributes_unassigned",
        extra={"product_type_id": product_type.pk, "attribute_ids": ids},
    )
    return product_type


# --- attributes and their values ---------------------------------------------------------


@dataclass(frozen=True)
class AttributeValueData:
    """A predefined value of a choice attribute (``name``; slug made from it if absent)."""

    name: str
    slug: str | None = None
    external_reference: str | None = None


def _check_value_names_unique(
    attribute: Attribute, values: Sequence[AttributeValueData], field: str
) -> list[str]:
    slugs = [value.slug or _slug(value.name) for value in values]
    existing = set(
        AttributeValue.objects.filter(attribute=attribute, slug__in=slugs).values_list(
            "slug", flat=True
        )
        if attribute.pk
        else []
    )
    if len(set(slugs)) != len(slugs) or existing:
        raise field_error(field, _("Provided values are not unique."), AttributeErrorCode.UNIQUE)
    for value in values:
        if not value.name.strip():
            raise field_error(
                field, _("Attribute values cannot be blank."), AttributeErrorCode.REQUIRED
            )
    return slugs


def _create_values(
    attribute: Attribute, values: Sequence[AttributeValueData], slugs: Sequence[str]
) -> list[AttributeValue]:
    start = AttributeValue.objects.filter(attribute=attribute).count()
    rows = []
    for index, (value, slug) in enumerate(zip(values, slugs, strict=True)):
        row = AttributeValue(
            attribute=attribute,
            name=value.name.strip(),
            slug=slug,
            sort_order=start + index,
            external_reference=value.external_reference or None,
        )
        full_clean_with_codes(row, AttributeErrorCode, exclude=["attribute"])
        rows.append(row)
    return AttributeValue.objects.bulk_create(rows)


def _check_values_allowed(attribute: Attribute, values: Sequence[Any], field: str) -> None:
    if values and attribute.input_type not in CHOICE_INPUT_TYPES:
        raise field_error(
            field,
            _("Values cannot be used with input type %(input_type)s.")
            % {"input_type": attribute.input_type},
            AttributeErrorCode.INVALID,
        )


def _check_entity_type(attribute: Attribute) -> None:
    """Single-reference attributes need an entity type (Saleor: ``REQUIRED``); others
    take none; Lumbung references collections only."""
    if attribute.input_type == AttributeInputType.SINGLE_REFERENCE:
        if not attribute.entity_type:
            raise field_error(
                "entity_type",
                _("Entity type is required for reference input type."),
                AttributeErrorCode.REQUIRED,
            )
        if attribute.entity_type not in AttributeEntityType.values:
            raise field_error(
                "entity_type",
                _("Lumbung's reference attributes can only point at collections."),
                AttributeErrorCode.INVALID,
            )
    elif attribute.entity_type:
        raise field_error(
            "entity_type",
            _("Entity type is only used by reference attributes."),
            AttributeErrorCode.INVALID,
        )


@transaction.atomic
def attribute_create(
    *,
    name: str,
    slug: str | None = None,
    input_type: str = AttributeInputType.DROPDOWN,
    unit: str = "",
    entity_type: str = "",
    value_required: bool = False,
    visible_in_storefront: bool = True,
    filterable_in_storefront: bool = True,
    storefront_search_position: int = 0,
    values: Sequence[AttributeValueData] = (),
    external_reference: str | None = None,
) -> Attribute:
    """Create a product attribute; ``values`` (dropdown/multiselect only) are its choices.

    An explicit ``slug`` already taken is refused with ``UNIQUE``; without one, a free
    slug is made from the name. ``unit`` is one of Saleor's measurement units (or "");
    ``entity_type`` is given for single-reference attributes only (``Collection``).
    """
    attribute = Attribute(
        name=name,
        slug=slug or _unique_slug(Attribute.objects.all(), name),
        input_type=input_type,
        unit=unit,
        entity_type=entity_type,
        value_required=value_required,
        visible_in_storefront=visible_in_storefront,
        filterable_in_storefront=filterable_in_storefront,
        storefront_search_position=storefront_search_position,
        external_reference=external_reference or None,
    )
    _check_entity_type(attribute)
    full_clean_with_codes(attribute, AttributeErrorCode)
    _check_values_allowed(attribute, values, "values")
    slugs = _check_value_names_unique(attribute, values, "values")
    attribute.save()
    _create_values(attribute, values, slugs)
    logger.info("attribute_created", extra={"attribute_id": attribute.pk})
    return attribute


_ATTRIBUTE_FIELDS = frozenset(
    {
        "name",
        "slug",
        "unit",
        "value_required",
        "visible_in_storefront",
        "filterable_in_storefront",
        "storefront_search_position",
        "external_reference",
    }
)


@transaction.atomic
def attribute_update(
    *,
    attribute: Attribute,
    remove_values: Sequence[AttributeValue] = (),
    add_values: Sequence[AttributeValueData] = (),
    **data: Any,
) -> Attribute:
    """Change an attribute; ``remove_values`` (of this attribute) are deleted with their
    assignments, ``add_values`` created. The input type cannot change (as in Saleor)."""
    unknown = set(data) - _ATTRIBUTE_FIELDS
    if unknown:
        raise TypeError(f"unexpected keyword arguments: {', '.join(sorted(unknown))}")
    foreign = [value.pk for value in remove_values if value.attribute_id != attribute.pk]
    if foreign:
        raise _error(
            "remove_values",
            _("Value %(value)s does not belong to this attribute.") % {"value": foreign[0]},
            AttributeErrorCode.INVALID,
            values=foreign,
        )
    for field, value in data.items():
        setattr(attribute, field, value)
    attribute.external_reference = attribute.external_reference or None
    if "slug" in data and not data["slug"]:
        attribute.slug = _unique_slug(Attribute.objects.exclude(pk=attribute.pk), attribute.name)
    full_clean_with_codes(attribute, AttributeErrorCode)
    _check_values_allowed(attribute, add_values, "add_values")
    removed_ids = [value.pk for value in remove_values]
    AttributeValue.objects.filter(pk__in=removed_ids).delete()
    slugs = _check_value_names_unique(attribute, add_values, "add_values")
    attribute.save()
    _create_values(attribute, add_values, slugs)
    _mark_products_dirty(attribute_ids=[attribute.pk])
    logger.info(
        "attribute_updated",
        extra={"attribute_id": attribute.pk, "values_removed": len(removed_ids)},
    )
    return attribute


@transaction.atomic
def attribute_delete(*, attribute: Attribute) -> None:
    """Delete an attribute with its values, type assignments and values on products."""
    attribute_id = attribute.pk
    _mark_products_dirty(attribute_ids=[attribute_id])
    attribute.delete()
    logger.info("attribute_deleted", extra={"attribute_id": attribute_id})


@transaction.atomic
def attributes_delete(*, attributes: Sequence[Attribute]) -> int:
    """Delete several attributes at once (as :func:`attribute_delete`); their number."""
    ids = [attribute.pk for attribute in attributes]
    _mark_products_dirty(attribute_ids=ids)
    Attribute.objects.filter(pk__in=ids).delete()
    logger.info("attributes_deleted", extra={"attribute_ids": ids})
    return len(ids)


@transaction.atomic
def attribute_values_delete(*, values: Sequence[AttributeValue]) -> int:
    """Delete several values at once (as :func:`attribute_value_delete`); their number."""
    ids = [value.pk for value in values]
    _mark_products_dirty(value_ids=ids)
    AttributeValue.objects.filter(pk__in=ids).delete()
    logger.info("attribute_values_deleted", extra={"value_ids": ids})
    return len(ids)


@transaction.atomic
def attribute_values_reorder(
    *, attribute: Attribute, moves: Sequence[tuple[AttributeValue, int]]
) -> Attribute:
    """Move values of ``attribute`` by relative steps (Saleor's ``ReorderInput``: +1 one
    place later, -1 one place earlier), in the order given; positions are then
    renumbered 0..n-1. Values of another attribute are refused (``NOT_FOUND``)."""
    foreign = [value.pk for value, _step in moves if value.attribute_id != attribute.pk]
    if foreign:
        raise _error(
            "moves",
            _("Couldn't resolve to an attribute value: %(value)s.") % {"value": foreign[0]},
            AttributeErrorCode.NOT_FOUND,
            values=foreign,
        )
    order = list(
        AttributeValue.objects.select_for_update()
        .filter(attribute=attribute)
        .order_by("sort_order", "pk")
    )
    for value, step in moves:
        index = next(i for i, row in enumerate(order) if row.pk == value.pk)
        row = order.pop(index)
        order.insert(max(0, min(len(order), index + step)), row)
    for position, row in enumerate(order):
        row.sort_order = position
    AttributeValue.objects.bulk_update(order, ["sort_order"])
    logger.info("attribute_values_reordered", extra={"attribute_id": attribute.pk})
    return attribute


@transaction.atomic
def attribute_value_create(
    *,
    attribute: Attribute,
    name: str,
    slug: str | None = None,
    external_reference: str | None = None,
) -> AttributeValue:
    """Add a choice to a dropdown or multiselect attribute; the slug is unique per
    attribute (``ALREADY_EXISTS`` on ``name`` otherwise)."""
    _check_values_allowed(attribute, [name], "attribute")
    value = AttributeValue(
        attribute=attribute,
        name=(name or "").strip(),
        slug=slug or _slug(name or ""),
        sort_order=AttributeValue.objects.filter(attribute=attribute).count(),
        external_reference=external_reference or None,
    )
    _check_value_slug_free(value)
    full_clean_with_codes(value, AttributeErrorCode)
    value.save()
    logger.info(
        "attribute_value_created", extra={"attribute_id": attribute.pk, "value_id": value.pk}
    )
    return value


def _check_value_slug_free(value: AttributeValue) -> None:
    taken = AttributeValue.objects.filter(attribute_id=value.attribute_id, slug=value.slug)
    if value.pk:
        taken = taken.exclude(pk=value.pk)
    if taken.exists():
        raise field_error(
            "name",
            _("Value with slug %(slug)s already exists.") % {"slug": value.slug},
            AttributeErrorCode.ALREADY_EXISTS,
        )


@transaction.atomic
def attribute_value_update(
    *,
    value: AttributeValue,
    name: str | None = None,
    slug: str | None = None,
    external_reference: str | None = None,
) -> AttributeValue:
    """Rename a value; without ``slug`` a new name also gives a new slug (as Saleor).
    ``external_reference`` (when given; "" clears it) is the value's ID elsewhere."""
    if external_reference is not None:
        value.external_reference = external_reference or None
    if name is not None:
        value.name = name.strip()
        value.slug = slug or _slug(name)
    elif slug:
        value.slug = slug
    _check_value_slug_free(value)
    full_clean_with_codes(value, AttributeErrorCode)
    value.save()
    _mark_products_dirty(value_ids=[value.pk])
    logger.info("attribute_value_updated", extra={"value_id": value.pk})
    return value


@transaction.atomic
def attribute_value_delete(*, value: AttributeValue) -> None:
    """Delete a value; products and variants carrying it lose it."""
    value_id = value.pk
    _mark_products_dirty(value_ids=[value_id])
    value.delete()
    logger.info("attribute_value_deleted", extra={"value_id": value_id})


def _mark_products_dirty(
    *, attribute_ids: Iterable[int] = (), value_ids: Iterable[int] = ()
) -> None:
    condition = Q(attribute_values__value__attribute_id__in=list(attribute_ids)) | Q(
        variants__attribute_values__value__attribute_id__in=list(attribute_ids)
    )
    if value_ids:
        condition = Q(attribute_values__value_id__in=list(value_ids)) | Q(
            variants__attribute_values__value_id__in=list(value_ids)
        )
    ids = Product.objects.filter(condition).values("pk")
    Product.objects.filter(pk__in=ids).update(search_index_dirty=True)


# --- values on products and variants -----------------------------------------------------


@dataclass(frozen=True)
class AttributeInput:
    """Values of one attribute for a product or variant, as Saleor's ``AttributeValueInput``.

    Choice attributes take ``value_ids`` (existing values; must be this attribute's)
    and/or ``value_names`` (found by slug or created). Other input types take the field
    of their type; ``numeric`` is a string that must parse as a finite number.
    """

    attribute: Attribute
    value_ids: tuple[int, ...] = ()
    value_names: tuple[str, ...] = ()
    plain_text: str | None = None
    rich_text: Any = None
    numeric: str | None = None
    boolean: bool | None = None
    date: date | None = None
    date_time: datetime | None = None
    # file attributes: the uploaded file's URL or path (``files.attribute_file_resolve``)
    file: str | None = None
    # single-reference attributes: the primary key of the referenced collection
    reference_id: int | None = None


def _attr_error(message: Any, code: ProductErrorCode, attribute: Attribute) -> ValidationError:
    return ValidationError(message, code=code.value, params={"attributes": [attribute.pk]})


def _validate_input(item: AttributeInput, errors: list[ValidationError]) -> None:
    attribute = item.attribute
    kind = attribute.input_type
    if kind in CHOICE_INPUT_TYPES:
        _validate_choices(item, errors)
        return
    if kind == AttributeInputType.FILE:
        _validate_file(item, errors)
        return
    if kind == AttributeInputType.SINGLE_REFERENCE:
        _validate_reference(item, errors)
        return
    empty_by_kind: dict[str, bool] = {
        AttributeInputType.PLAIN_TEXT: not (item.plain_text or "").strip(),
        AttributeInputType.RICH_TEXT: not editorjs_to_plaintext(
            editorjs_clean(item.rich_text) if item.rich_text else None
        ).strip(),
        AttributeInputType.NUMERIC: item.numeric is None or not str(item.numeric).strip(),
        AttributeInputType.BOOLEAN: item.boolean is None,
        AttributeInputType.DATE: item.date is None,
        AttributeInputType.DATE_TIME: item.date_time is None,
    }
    empty = empty_by_kind[kind]
    if empty and attribute.value_required:
        errors.append(
            _attr_error(
                _("Attribute expects a value but none were given."),
                ProductErrorCode.REQUIRED,
                attribute,
            )
        )
    if kind == AttributeInputType.NUMERIC and not empty:
        try:
            number = float(str(item.numeric).strip())
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            errors.append(
                _attr_error(_("Numeric value is required."), ProductErrorCode.INVALID, attribute)
            )


def _validate_choices(item: AttributeInput, errors: list[ValidationError]) -> None:
    """Values of a dropdown or multiselect attribute, by id or by name: none blank, one
    for a dropdown, none twice, every id one of the attribute's values."""
    attribute = item.attribute
    kind = attribute.input_type
    count = len(item.value_ids) + len(item.value_names)
    names = list(item.value_names)
    if any(not name.strip() for name in names):
        errors.append(
            _attr_error(
                _("Attribute values cannot be blank."), ProductErrorCode.REQUIRED, attribute
            )
        )
    elif count == 0 and attribute.value_required:
        errors.append(
            _attr_error(
                _("Attribute expects a value but none were given."),
                ProductErrorCode.REQUIRED,
                attribute,
            )
        )
    elif kind == AttributeInputType.DROPDOWN and count > 1:
        errors.append(
            _attr_error(
                _("Attribute must take only one value."), ProductErrorCode.INVALID, attribute
            )
        )
    slugs = [*item.value_ids, *(_slug(name) for name in names)]
    if len(set(slugs)) != len(slugs):
        errors.append(
            _attr_error(
                _("Duplicated attribute values are provided."),
                ProductErrorCode.DUPLICATED_INPUT_ITEM,
                attribute,
            )
        )
    if item.value_ids:
        found = set(
            AttributeValue.objects.filter(pk__in=item.value_ids, attribute=attribute).values_list(
                "pk", flat=True
            )
        )
        foreign = [pk for pk in item.value_ids if pk not in found]
        if foreign:
            errors.append(
                ValidationError(
                    _("Values %(values)s do not belong to attribute %(attribute)s.")
                    % {"values": ", ".join(map(str, foreign)), "attribute": attribute.slug},
                    code=ProductErrorCode.INVALID.value,
                    params={"attributes": [attribute.pk], "values": foreign},
                )
            )


def _validate_file(item: AttributeInput, errors: list[ValidationError]) -> None:
    attribute = item.attribute
    if not (item.file or "").strip():
        if attribute.value_required:
            errors.append(
                _attr_error(
                    _("A file URL is required for this attribute."),
                    ProductErrorCode.REQUIRED,
                    attribute,
                )
            )
        return
    if files.attribute_file_resolve(item.file or "") is None:
        errors.append(
            _attr_error(
                _("The file_url must be the path to the default storage."),
                ProductErrorCode.INVALID,
                attribute,
            )
        )


def _validate_reference(item: AttributeInput, errors: list[ValidationError]) -> None:
    from marketplace.content.models import Collection  # content sits above the catalog

    attribute = item.attribute
    if item.reference_id is None:
        if attribute.value_required:
            errors.append(
                _attr_error(
                    _("A reference is required for this attribute."),
                    ProductErrorCode.REQUIRED,
                    attribute,
                )
            )
        return
    if not Collection.objects.filter(pk=item.reference_id).exists():
        errors.append(
            _attr_error(
                _(
                    "Invalid reference, must be an object from available choices defined by "
                    "reference types on attribute."
                ),
                ProductErrorCode.INVALID,
                attribute,
            )
        )


def _instance_values(item: AttributeInput, *, owner_slug: str) -> list[AttributeValue]:
    """The values to assign for an already validated ``item`` (created if needed)."""
    attribute = item.attribute
    kind = attribute.input_type
    if kind in CHOICE_INPUT_TYPES:
        return _choice_values(item)
    if kind == AttributeInputType.BOOLEAN:
        if item.boolean is None:
            return []
        value, _created = AttributeValue.objects.get_or_create(
            attribute=attribute,
            slug=f"{attribute.pk}_{str(item.boolean).lower()}",
            defaults={
                "name": f"{attribute.name}: {'Yes' if item.boolean else 'No'}"[:NAME_MAX_LENGTH],
                "boolean": item.boolean,
            },
        )
        return [value]
    defaults = _own_value_defaults(item)
    if defaults is None:
        return []
    value, _created = AttributeValue.objects.update_or_create(
        attribute=attribute, slug=f"{owner_slug}-{attribute.pk}", defaults=defaults
    )
    return [value]


def _choice_values(item: AttributeInput) -> list[AttributeValue]:
    """A dropdown's or multiselect's values: those given by id, then those given by
    name (an existing value of that slug or name, else a new one at the end)."""
    attribute = item.attribute
    by_id = AttributeValue.objects.in_bulk(list(item.value_ids))
    values = [by_id[pk] for pk in item.value_ids]
    for name in item.value_names:
        value = (
            AttributeValue.objects.filter(attribute=attribute)
            .filter(Q(slug=_slug(name)) | Q(name__iexact=name.strip()))
            .first()
        )
        if value is None:
            value = AttributeValue.objects.create(
                attribute=attribute,
                name=name.strip()[:NAME_MAX_LENGTH],
                slug=_slug(name),
                sort_order=AttributeValue.objects.filter(attribute=attribute).count(),
            )
        values.append(value)
    return values


def _own_value_defaults(item: AttributeInput) -> dict[str, Any] | None:
    """The fields of the value an owner keeps for itself (file, reference, text, number,
    date); None when ``item`` holds nothing to keep."""
    kind = item.attribute.input_type
    defaults: dict[str, Any]
    if kind == AttributeInputType.FILE:
        stored = files.attribute_file_resolve(item.file or "")
        if stored is None:
            return None
        defaults = {
            "name": _truncate(stored.path.rsplit("/", 1)[-1]),
            "file_url": stored.path,
            "content_type": stored.content_type,
        }
    elif kind == AttributeInputType.SINGLE_REFERENCE:
        from marketplace.content.models import Collection

        collection = (
            Collection.objects.filter(pk=item.reference_id).first()
            if item.reference_id is not None
            else None
        )
        if collection is None:
            return None
        defaults = {"name": _truncate(collection.name), "reference_collection": collection}
    elif kind == AttributeInputType.PLAIN_TEXT:
        text = (item.plain_text or "").strip()
        if not text:
            return None
        defaults = {"name": _truncate(text), "plain_text": item.plain_text}
    elif kind == AttributeInputType.RICH_TEXT:
        document = editorjs_clean(item.rich_text) if item.rich_text else None
        text = editorjs_to_plaintext(document).strip()
        if not text:
            return None
        defaults = {"name": _truncate(text), "rich_text": document}
    elif kind == AttributeInputType.NUMERIC:
        if item.numeric is None or not str(item.numeric).strip():
            return None
        defaults = {"name": str(item.numeric).strip()}
    else:  # date, date-time
        if kind == AttributeInputType.DATE:
            if item.date is None:
                return None
            moment = datetime.combine(item.date, time.min, tzinfo=UTC)
            defaults = {"name": item.date.isoformat(), "date_time": moment}
        else:
            if item.date_time is None:
                return None
            defaults = {"name": item.date_time.isoformat(), "date_time": item.date_time}
    return defaults


def _validate(
    items: Sequence[AttributeInput],
    *,
    allowed: Any,
    creation: bool,
) -> None:
    errors: list[ValidationError] = []
    allowed_ids = set(allowed.values_list("pk", flat=True))
    given = [item.attribute.pk for item in items]
    duplicated = sorted({pk for pk in given if given.count(pk) > 1})
    if duplicated:
        errors.append(
            ValidationError(
                _("An attribute is given more than once."),
                code=ProductErrorCode.DUPLICATED_INPUT_ITEM.value,
                params={"attributes": duplicated},
            )
        )
    not_assigned = [item.attribute for item in items if item.attribute.pk not in allowed_ids]
    if not_assigned:
        errors.append(
            ValidationError(
                _(
                    "Could not resolve attributes: %(slugs)s. They are not assigned to the "
                    "product type at this level."
                )
                % {"slugs": ", ".join(a.slug for a in not_assigned)},
                code=ProductErrorCode.NOT_FOUND.value,
                params={"attributes": [a.pk for a in not_assigned]},
            )
        )
    for item in items:
        if item.attribute.pk in allowed_ids:
            _validate_input(item, errors)
    if creation and items:
        missing = list(
            allowed.filter(value_required=True).exclude(pk__in=given).values_list("pk", flat=True)
        )
        if missing:
            errors.append(
                ValidationError(
                    _("All attributes flagged as having a value required must be supplied."),
                    code=ProductErrorCode.REQUIRED.value,
                    params={"attributes": missing},
                )
            )
    if errors:
        raise ValidationError({"attributes": errors})


@transaction.atomic
def product_attributes_set(
    *, product: Product, attributes: Sequence[AttributeInput], creation: bool = False
) -> Product:
    """Set the values of the given product-level attributes on ``product``.

    Each given attribute's values are replaced (an empty input clears a value that is not
    required); attributes not given keep theirs. With ``creation`` every required
    attribute of the type must be given. Nothing is written when any input is refused.
    """
    _validate(
        attributes,
        allowed=Attribute.objects.filter(
            attribute_product__product_type_id=product.product_type_id
        ),
        creation=creation,
    )
    attribute_ids = [item.attribute.pk for item in attributes]
    AssignedProductAttributeValue.objects.filter(
        product=product, value__attribute_id__in=attribute_ids
    ).delete()
    rows = []
    for item in attributes:
        for index, value in enumerate(_instance_values(item, owner_slug=f"product-{product.pk}")):
            rows.append(
                AssignedProductAttributeValue(product=product, value=value, sort_order=index)
            )
    AssignedProductAttributeValue.objects.bulk_create(rows)
    Product.objects.filter(pk=product.pk).update(search_index_dirty=True)
    logger.info(
        "product_attributes_set",
        extra={"product_id": product.pk, "attribute_ids": attribute_ids},
    )
    return product


@transaction.atomic
def variant_attributes_set(
    *, variant: ProductVariant, attributes: Sequence[AttributeInput], creation: bool = False
) -> ProductVariant:
    """Set the values of the given variant-level attributes on ``variant``; as
    :func:`product_attributes_set`, for the attributes assigned to the type's variants."""
    product_type_id = (
        Product.objects.filter(pk=variant.product_id).values_list("product_type_id", flat=True)
    ).get()
    _validate(
        attributes,
        allowed=Attribute.objects.filter(attribute_variant__product_type_id=product_type_id),
        creation=creation,
    )
    attribute_ids = [item.attribute.pk for item in attributes]
    AssignedVariantAttributeValue.objects.filter(
        variant=variant, value__attribute_id__in=attribute_ids
    ).delete()
    rows = []
    for item in attributes:
        for index, value in enumerate(_instance_values(item, owner_slug=f"variant-{variant.pk}")):
            rows.append(
                AssignedVariantAttributeValue(variant=variant, value=value, sort_order=index)
            )
    AssignedVariantAttributeValue.objects.bulk_create(rows)
    Product.objects.filter(pk=variant.product_id).update(search_index_dirty=True)
    logger.info(
        "variant_attributes_set",
        extra={"variant_id": variant.pk, "attribute_ids": attribute_ids},
    )
    return variant
