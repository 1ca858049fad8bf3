from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from marketplace.regions.validators import (
    validate_district_code,
    validate_province_code,
    validate_regency_code,
    validate_village_code,
)


@pytest.mark.parametrize(
    ("validator", "code"),
    [
        (validate_province_code, "51"),
        (validate_regency_code, "51.03"),
        (validate_regency_code, "33.73"),
        (validate_district_code, "51.03.05"),
        (validate_village_code, "51.03.05.2001"),
        (validate_village_code, "33.73.04.1001"),
        (validate_village_code, "91.03.01.3007"),
    ],
)
def test_validator_accepts_kemendagri_code(validator, code):
    validator(code)


@pytest.mark.parametrize(
    ("validator", "code"),
    [
        (validate_province_code, "5"),
        (validate_province_code, "510"),
        (validate_province_code, "51\n"),
        (validate_province_code, "٥١"),  # Arabic-Indic digits
        (validate_regency_code, "5103"),
        (validate_regency_code, "51.3"),
        (validate_district_code, "51.03.5"),
        (validate_district_code, "51.03.05.2001"),
        (validate_village_code, "5103052001"),  # dots missing
        (validate_village_code, "1101010001"),  # BPS code
        (validate_village_code, "51.03.05.4001"),  # no such kind
        (validate_village_code, "51.03.05.001"),
        (validate_village_code, " 51.03.05.2001"),
    ],
)
def test_validator_refuses_other_code(validator, code):
    with pytest.raises(ValidationError) as excinfo:
        validator(code)
    assert excinfo.value.code == "invalid"


def test_validator_message_shows_an_example():
    # when
    with pytest.raises(ValidationError) as excinfo:
        validate_village_code("51.03.05")

    # then: in English on request, in Indonesian by default
    with translation.override("en"):
        assert excinfo.value.messages == [
            "Enter a valid village code, for example “51.03.05.2001”."
        ]
    assert excinfo.value.messages == [
        "Masukkan kode desa/kelurahan yang benar, misalnya “51.03.05.2001”."
    ]
