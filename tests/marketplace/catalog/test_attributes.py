"""Product types, attributes and attribute values on products and variants (domain)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from marketplace.catalog import attributes
from marketplace.catalog.attributes import AttributeInput, AttributeValueData
from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeValue,
    ProductType,
)
from tests.factories.catalog import ProductFactory, ProductTypeFactory, ProductVariantFactory

pytestmark = pytest.mark.django_db


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [
        (field, error.code) for field, errors in exc.value.error_dict.items() for error in errors
    ]


def product_values(product) -> list[tuple[str, str]]:
    return [
        (row.value.attribute.slug, row.value.name)
        for row in AssignedProductAttributeValue.objects.filter(product=product)
        .select_related("value__attribute")
        .order_by("value__attribute__slug", "sort_order")
    ]


@pytest.fixture
def setup():
    size = attributes.attribute_create(
        name="Ukuran",
        values=[AttributeValueData(name="250 g"), AttributeValueData(name="500 g")],
    )
    origin = attributes.attribute_create(name="Asal", input_type="plain-text", value_required=True)
    weight = attributes.attribute_create(name="Kadar air", input_type="numeric")
    product_type = attributes.product_type_create(
        name="Kopi", product_attributes=[origin, weight], variant_attributes=[size]
    )
    product = ProductFactory(product_type=product_type)
    variant = ProductVariantFactory(product=product)
    return size, origin, weight, product_type, product, variant


@pytest.mark.usefixtures("empty_taxonomy")
def test_attribute_create_with_values_and_unique_slugs():
    attribute = attributes.attribute_create(
        name="Rasa", values=[AttributeValueData(name="Pedas"), AttributeValueData(name="Manis")]
    )
    assert attribute.slug == "rasa"
    assert list(attribute.values.values_list("slug", "sort_order")) == [
        ("pedas", 0),
        ("manis", 1),
    ]
    with pytest.raises(ValidationError) as exc:
        attributes.attribute_create(name="Lain", slug="rasa")
    assert errors_of(exc) == [("slug", "unique")]
    with pytest.raises(ValidationError) as exc:
        attributes.attribute_create(
            name="Warna", values=[AttributeValueData(name="Merah"), AttributeValueData("merah")]
        )
    assert errors_of(exc) == [("values", "unique")]
    with pytest.raises(ValidationError) as exc:
        attributes.attribute_create(
            name="Catatan", input_type="plain-text", values=[AttributeValueData(name="x")]
        )
    assert errors_of(exc) == [("values", "invalid")]
    assert Attribute.objects.count() == 1


def test_attribute_value_crud_and_slug_unique_per_attribute():
    first = attributes.attribute_create(name="Rasa", values=[AttributeValueData(name="Pedas")])
    other = attributes.attribute_create(name="Level", values=[AttributeValueData(name="Pedas")])
    value = attributes.attribute_value_create(attribute=first, name="Manis")
    assert value.slug == "manis"
    with pytest.raises(ValidationError) as exc:
        attributes.attribute_value_create(attribute=first, name="Pedas")
    assert errors_of(exc) == [("name", "already_exists")]
    value = attributes.attribute_value_update(value=value, name="Gurih")
    assert (value.name, value.slug) == ("Gurih", "gurih")
    attributes.attribute_value_delete(value=value)
    assert list(first.values.values_list("slug", flat=True)) == ["pedas"]
    assert list(other.values.values_list("slug", flat=True)) == ["pedas"]


def test_product_type_delete_refused_while_products_use_it(setup):
    product_type = setup[3]
    with pytest.raises(ValidationError) as exc:
        attributes.product_type_delete(product_type=product_type)
    assert errors_of(exc) == [("id", "invalid")]
    assert ProductType.objects.filter(pk=product_type.pk).exists()
    empty = ProductTypeFactory()
    attributes.product_type_delete(product_type=empty)
    assert not ProductType.objects.filter(pk=empty.pk).exists()


def test_assign_refusals(setup):
    size, origin, _weight, product_type, _product, _variant = setup
    with pytest.raises(ValidationError) as exc:
        attributes.product_type_attributes_assign(
            product_type=product_type, product_attributes=[size]
        )
    assert errors_of(exc) == [("operations", "attribute_already_assigned")]
    assert exc.value.error_dict["operations"][0].params == {"attributes": [size.pk]}
    note = attributes.attribute_create(name="Catatan", input_type="plain-text")
    with pytest.raises(ValidationError) as exc:
        attributes.product_type_attributes_assign(
            product_type=product_type, variant_attributes=[(note, True)]
        )
    assert errors_of(exc) == [("operations", "attribute_cannot_be_assigned")]
    single = ProductTypeFactory(has_variants=False)
    with pytest.raises(ValidationError) as exc:
        attributes.product_type_attributes_assign(
            product_type=single, variant_attributes=[(size, False)]
        )
    assert errors_of(exc) == [("operations", "attribute_variants_disabled")]
    assert not note.attribute_variant.exists()


def test_product_attributes_set_creates_text_and_numeric_values(setup):
    _size, origin, weight, _type, product, _variant = setup
    attributes.product_attributes_set(
        product=product,
        attributes=[
            AttributeInput(attribute=origin, plain_text="Kintamani, Bali"),
            AttributeInput(attribute=weight, numeric="12.5"),
        ],
        creation=True,
    )
    assert product_values(product) == [("asal", "Kintamani, Bali"), ("kadar-air", "12.5")]
    # setting again replaces the value in place (one row per product and attribute)
    attributes.product_attributes_set(
        product=product, attributes=[AttributeInput(attribute=origin, plain_text="Toraja")]
    )
    assert product_values(product) == [("asal", "Toraja"), ("kadar-air", "12.5")]
    assert AttributeValue.objects.filter(attribute=origin).count() == 1


@pytest.mark.parametrize(
    ("make_input", "code"),
    [
        (lambda s: AttributeInput(attribute=s[2], numeric="dua belas"), "invalid"),
        (lambda s: AttributeInput(attribute=s[2], numeric="nan"), "invalid"),
        (lambda s: AttributeInput(attribute=s[1], plain_text="  "), "required"),
        (lambda s: AttributeInput(attribute=s[0], value_names=("250 g",)), "not_found"),
    ],
    ids=["non-numeric", "nan", "blank-required", "variant-attribute-on-product"],
)
def test_product_attributes_set_refusals_change_nothing(setup, make_input, code):
    product = setup[4]
    attributes.product_attributes_set(
        product=product,
        attributes=[AttributeInput(attribute=setup[1], plain_text="Kintamani")],
    )
    with pytest.raises(ValidationError) as exc:
        attributes.product_attributes_set(product=product, attributes=[make_input(setup)])
    assert [c for _f, c in errors_of(exc)] == [code]
    assert [f for f, _c in errors_of(exc)] == ["attributes"]
    assert product_values(product) == [("asal", "Kintamani")]


def test_missing_required_attribute_on_creation(setup):
    _size, origin, weight, _type, product, _variant = setup
    with pytest.raises(ValidationError) as exc:
        attributes.product_attributes_set(
            product=product,
            attributes=[AttributeInput(attribute=weight, numeric="3")],
            creation=True,
        )
    assert errors_of(exc) == [("attributes", "required")]
    assert exc.value.error_dict["attributes"][0].params == {"attributes": [origin.pk]}
    assert product_values(product) == []


def test_variant_values_by_id_by_name_and_of_another_attribute(setup):
    size, _origin, _weight, _type, _product, variant = setup
    other = attributes.attribute_create(name="Rasa", values=[AttributeValueData(name="Pedas")])
    small = size.values.get(slug="250-g")
    attributes.variant_attributes_set(
        variant=variant, attributes=[AttributeInput(attribute=size, value_ids=(small.pk,))]
    )
    assert list(
        AssignedVariantAttributeValue.objects.filter(variant=variant).values_list(
            "value__name", flat=True
        )
    ) == ["250 g"]
    foreign = other.values.get()
    with pytest.raises(ValidationError) as exc:
        attributes.variant_attributes_set(
            variant=variant, attributes=[AttributeInput(attribute=size, value_ids=(foreign.pk,))]
        )
    assert errors_of(exc) == [("attributes", "invalid")]
    assert exc.value.error_dict["attributes"][0].params == {
        "attributes": [size.pk],
        "values": [foreign.pk],
    }
    attributes.variant_attributes_set(
        variant=variant, attributes=[AttributeInput(attribute=size, value_names=("1 kg",))]
    )
    assert list(size.values.values_list("name", flat=True)) == ["250 g", "500 g", "1 kg"]
    assert list(
        AssignedVariantAttributeValue.objects.filter(variant=variant).values_list(
            "value__name", flat=True
        )
    ) == ["1 kg"]


def test_unassign_removes_values_from_products(setup):
    _size, origin, _weight, product_type, product, _variant = setup
    attributes.product_attributes_set(
        product=product, attributes=[AttributeInput(attribute=origin, plain_text="Bali")]
    )
    attributes.product_type_attributes_unassign(product_type=product_type, attributes=[origin])
    assert product_values(product) == []
    assert not origin.attribute_product.exists()


def test_product_type_update_replaces_attributes(setup):
    size, origin, weight, product_type, _product, _variant = setup
    attributes.product_type_update(
        product_type=product_type, name="Kopi bubuk", product_attributes=[weight]
    )
    product_type.refresh_from_db()
    assert product_type.name == "Kopi bubuk"
    assert list(product_type.product_attributes.all()) == [weight]
    assert list(product_type.variant_attributes.all()) == [size]
    assert origin.attribute_product.count() == 0


def test_units_are_saleors_measurement_units():
    # a unit Saleor's MeasurementUnitsEnum lacks cannot be stored (clients could not read it)
    with pytest.raises(ValidationError) as refused:
        attributes.attribute_create(name="Kadar air", input_type="numeric", unit="%")
    assert refused.value.error_dict["unit"][0].code == "invalid"
    assert attributes.attribute_create(name="Berat", input_type="numeric", unit="kg").unit == "kg"
