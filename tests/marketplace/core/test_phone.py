import pytest
from django.core.exceptions import ValidationError

from marketplace.core.phone import InvalidPhoneNumber, normalize_phone_id, validate_phone_id


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62 (0) 812 3456 7890", "+6281234567890"),
        ("62812-3456-7890", "+6281234567890"),
        ("0062 812 3456 7890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        (" 0812345678 ", "+62812345678"),
        ("(0361) 701234", "+62361701234"),
        ("021-5551234", "+62215551234"),
        ("+6221 5551 2345", "+622155512345"),
    ],
)
def test_normalize_phone_id_returns_e164(typed, expected):
    # when
    normalized = normalize_phone_id(typed)

    # then
    assert normalized == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "telepon saya",
        "0812",  # too short
        "0812345678901234",  # too long
        "+1 415 555 2671",  # not Indonesian
        "+6512345678",  # Singapore
        "112",  # emergency number
        "0112345678",  # national numbers never start with 1
        "7123456789",  # bare national number that is not mobile
        "0812-3456-789O",  # letter O instead of zero
    ],
)
def test_normalize_phone_id_rejects_what_is_not_an_indonesian_number(typed):
    # when / then
    with pytest.raises(InvalidPhoneNumber):
        normalize_phone_id(typed)


def test_invalid_phone_number_is_a_value_error():
    # when / then
    with pytest.raises(ValueError, match="0812"):
        normalize_phone_id("0812")


def test_validate_phone_id_accepts_normalized_numbers():
    # when / then: no exception
    validate_phone_id("+6281234567890")
    validate_phone_id("+62361701234")


@pytest.mark.parametrize("value", ["081234567890", "6281234567890", "+62 812 3456 7890", ""])
def test_validate_phone_id_rejects_numbers_not_in_e164(value):
    # when
    with pytest.raises(ValidationError) as exc_info:
        validate_phone_id(value)

    # then
    assert exc_info.value.code == "invalid_phone"
