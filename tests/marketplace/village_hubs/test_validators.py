import pytest
from django.core.exceptions import ValidationError

from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.validators import (
    normalize_bpom_number,
    normalize_nib,
    normalize_nomor_induk_koperasi,
    normalize_npwp,
    normalize_pirt_number,
    pirt_expiry_year,
    validate_bpom_number,
    validate_nib,
    validate_nomor_induk_koperasi,
    validate_npwp,
    validate_pirt_number,
)


def _code(call, value) -> str:
    with pytest.raises(ValidationError) as exc_info:
        call(value)
    return exc_info.value.code


def test_error_code_values_are_lowercase_names():
    assert all(code.value == code.name.lower() for code in VillageHubErrorCode)


# --- Nomor Induk Koperasi ----------------------------------------------------------------


def test_nomor_induk_koperasi_valid():
    validate_nomor_induk_koperasi("3171020010001234")
    assert normalize_nomor_induk_koperasi(" 3171 0200 1000 1234 ") == "3171020010001234"
    assert normalize_nomor_induk_koperasi("3171.0200.1000.1234") == "3171020010001234"


@pytest.mark.parametrize("value", ["", "317102001000123", "31710200100012345", "317102001000123A"])
def test_nomor_induk_koperasi_invalid(value):
    assert _code(validate_nomor_induk_koperasi, value) == "invalid_nik_koperasi"
    assert _code(normalize_nomor_induk_koperasi, value) == "invalid_nik_koperasi"


# --- NIB -------------------------------------------------------------------------------------


def test_nib_valid():
    validate_nib("9120001234567")
    assert normalize_nib("9120 0012 34567") == "9120001234567"


@pytest.mark.parametrize("value", ["", "912000123456", "91200012345678", "NIB9120001234"])
def test_nib_invalid(value):
    assert _code(validate_nib, value) == "invalid_nib"
    assert _code(normalize_nib, value) == "invalid_nib"


# --- NPWP ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01.234.567.8-901.000", "012345678901000"),
        ("012345678901000", "012345678901000"),
        ("0012 3456 7890 1000", "0012345678901000"),  # 16-digit NPWP
    ],
)
def test_npwp_valid(typed, stored):
    assert normalize_npwp(typed) == stored
    validate_npwp(stored)


@pytest.mark.parametrize("value", ["", "01.234.567.8-901", "01234567890100012", "NPWP"])
def test_npwp_invalid(value):
    assert _code(normalize_npwp, value) == "invalid_npwp"


def test_npwp_validator_wants_digits_only():
    assert _code(validate_npwp, "01.234.567.8-901.000") == "invalid_npwp"


# --- P-IRT -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "P-IRT No. 2063302010027-27",
        "P-IRT No 2063302010027-27",
        "PIRT No. 2063302010027-27",
        "p-irt no. 2063302010027-27",
        "P-IRT: 2063302010027-27",
        "P-IRT 206330201002727",
        "P IRT Nomor 2063302010027 - 27",
        "2063302010027-27",
        "206330201002727",
        "  2063302010027-27  ",
    ],
)
def test_pirt_number_variants_normalize_to_15_digits(typed):
    assert normalize_pirt_number(typed) == "2063302010027-27"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "P-IRT",
        "P-IRT No. 206330201002-27",  # 14 digits
        "P-IRT No. 20633020100271-27",  # 16 digits
        "P-IRT No. 2063302010027-2",
        "SPP-IRT 2063302010027-27",
        "MD 235602169254",
    ],
)
def test_pirt_number_invalid(typed):
    assert _code(normalize_pirt_number, typed) == "invalid_pirt_number"


def test_pirt_validator_accepts_only_the_stored_form():
    validate_pirt_number("2063302010027-27")
    assert _code(validate_pirt_number, "P-IRT No. 2063302010027-27") == "invalid_pirt_number"
    assert _code(validate_pirt_number, "206330201002727") == "invalid_pirt_number"


@pytest.mark.parametrize(
    ("number", "year"),
    [("2063302010027-27", 2027), ("2063302010027-19", 2019), ("2063302010027-00", 2000)],
)
def test_pirt_expiry_year_is_2000_plus_last_two_digits(number, year):
    assert pirt_expiry_year(number) == year


def test_pirt_expiry_year_of_invalid_number_raises():
    assert _code(pirt_expiry_year, "2063302010027") == "invalid_pirt_number"


# --- BPOM ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("MD 235602169254", "MD 235602169254"),
        ("MD235602169254", "MD 235602169254"),
        ("md 235602169254", "MD 235602169254"),
        ("BPOM RI MD 235602169254", "MD 235602169254"),
        ("BPOM MD 2356 0216 9254", "MD 235602169254"),
        ("ML 123456789012", "ML 123456789012"),
    ],
)
def test_bpom_number_valid(typed, stored):
    assert normalize_bpom_number(typed) == stored
    validate_bpom_number(stored)


@pytest.mark.parametrize(
    "typed",
    ["", "MD 23560216925", "MD 2356021692541", "MK 235602169254", "NA18201234567", "235602169254"],
)
def test_bpom_number_invalid(typed):
    assert _code(normalize_bpom_number, typed) == "invalid_bpom_number"


def test_bpom_validator_accepts_only_the_stored_form():
    assert _code(validate_bpom_number, "MD235602169254") == "invalid_bpom_number"
    assert _code(validate_bpom_number, "md 235602169254") == "invalid_bpom_number"
