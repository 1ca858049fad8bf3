"""Global IDs decode only to the type a field expects, with Saleor's errors."""

import pytest
from django.core.exceptions import ValidationError

from storefront_api.core.ids import decode_global_id, decode_int_pk, global_id


def test_round_trip():
    assert global_id("Product", 42) == "UHJvZHVjdDo0Mg=="
    assert decode_int_pk("UHJvZHVjdDo0Mg==", only_type="Product") == 42


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not-base64!", "Couldn't resolve id: not-base64!."),
        (global_id("Category", 1), "Must receive a Product id."),
        (global_id("Product", "abc"), "Couldn't resolve id: UHJvZHVjdDphYmM=."),
    ],
)
def test_bad_ids_are_refused_on_the_field(value, message):
    with pytest.raises(ValidationError) as caught:
        decode_int_pk(value, only_type="Product", field="product")

    error = caught.value.error_dict["product"][0]
    assert error.code == "graphql_error"
    assert error.message == message


def test_string_keys_are_kept_as_strings():
    value = global_id("Checkout", "5f0b1d5e-ffff-4c53-a1c2-6b1a1b9d3f00")

    assert decode_global_id(value, only_type="Checkout") == "5f0b1d5e-ffff-4c53-a1c2-6b1a1b9d3f00"
