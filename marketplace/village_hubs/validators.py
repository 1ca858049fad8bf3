"""Formats of Indonesian business identifiers and product permits.

Each identifier has one ``*_RE`` (the stored form), a ``validate_*`` model-field validator
raising ValidationError with a VillageHubErrorCode code, and where people type variants a
``normalize_*`` function returning the stored form (raising the same error when the input
is not recognisable). Sources: shared/domain/coop-identity.md, umkm-products.md.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.village_hubs.error_codes import VillageHubErrorCode

# Nomor Induk Koperasi: 16 digits. UNVERIFIED (coop-identity.md §1) — change only here.
NIK_KOPERASI_RE = r"^\d{16}$"
# NIB from OSS: 13 digits (umkm-products.md §2).
NIB_RE = r"^\d{13}$"
# NPWP, digits only: 15 (old "01.234.567.8-901.000") or 16 (since the 2024 switch to
# NIK/16-digit NPWP; best knowledge, UNVERIFIED).
NPWP_RE = r"^\d{15,16}$"
# P-IRT: 13 digits, dash, 2 digits = year of expiry (umkm-products.md §3). Newer OSS-issued
# numbers may be longer (UNVERIFIED) and are not accepted yet.
PIRT_RE = r"^\d{13}-\d{2}$"
PIRT_INPUT_RE = r"^(?:P\s*-?\s*IRT\s*(?:No\.?|Nomor)?\s*:?\s*)?(\d{13})\s*-?\s*(\d{2})$"
# BPOM izin edar for food: MD (domestic) / ML (imported) + 12 digits (umkm-products.md §4).
BPOM_RE = r"^(MD|ML) \d{12}$"
BPOM_INPUT_RE = r"^(?:BPOM\s*(?:RI)?\s*)?(MD|ML)\s*[.-]?\s*((?:\d\s*){12})$"

_NON_DIGITS_SEPARATORS = re.compile(r"[\s.\-]")


def _digits(value: str) -> str:
    return _NON_DIGITS_SEPARATORS.sub("", value or "")


def validate_nomor_induk_koperasi(value: str) -> None:
    if not re.fullmatch(NIK_KOPERASI_RE, value or ""):
        raise ValidationError(
            _("Enter the cooperative's 16-digit Nomor Induk Koperasi."),
            code=VillageHubErrorCode.INVALID_NIK_KOPERASI.value,
        )


def normalize_nomor_induk_koperasi(value: str) -> str:
    """Drop spaces, dots and dashes; raise ValidationError unless 16 digits remain."""
    digits = _digits(value)
    validate_nomor_induk_koperasi(digits)
    return digits


def validate_nib(value: str) -> None:
    if not re.fullmatch(NIB_RE, value or ""):
        raise ValidationError(
            _("Enter the 13-digit NIB (Nomor Induk Berusaha) from OSS."),
            code=VillageHubErrorCode.INVALID_NIB.value,
        )


def normalize_nib(value: str) -> str:
    """Drop spaces, dots and dashes; raise ValidationError unless 13 digits remain."""
    digits = _digits(value)
    validate_nib(digits)
    return digits


def validate_npwp(value: str) -> None:
    if not re.fullmatch(NPWP_RE, value or ""):
        raise ValidationError(
            _("Enter the NPWP (tax number): 15 or 16 digits."),
            code=VillageHubErrorCode.INVALID_NPWP.value,
        )


def normalize_npwp(value: str) -> str:
    """``01.234.567.8-901.000`` → ``012345678901000``; raise ValidationError if not 15/16 digits."""
    digits = _digits(value)
    validate_npwp(digits)
    return digits


def _pirt_error() -> ValidationError:
    return ValidationError(
        _("Enter the P-IRT number as printed on the label, e.g. P-IRT No. 1234567890123-45."),
        code=VillageHubErrorCode.INVALID_PIRT_NUMBER.value,
    )


def validate_pirt_number(value: str) -> None:
    if not re.fullmatch(PIRT_RE, value or ""):
        raise _pirt_error()


def normalize_pirt_number(value: str) -> str:
    """``P-IRT No. 1234567890123-45``, ``PIRT 123456789012345`` … → ``1234567890123-45``.

    Raises ValidationError (``invalid_pirt_number``) when the text is not a P-IRT number.
    """
    match = re.fullmatch(PIRT_INPUT_RE, (value or "").strip(), flags=re.IGNORECASE)
    if match is None:
        raise _pirt_error()
    return f"{match[1]}-{match[2]}"


def pirt_expiry_year(number: str) -> int:
    """Year the P-IRT permit expires: 2000 + its last two digits (``…-27`` → 2027)."""
    validate_pirt_number(number)
    return 2000 + int(number[-2:])


def _bpom_error() -> ValidationError:
    return ValidationError(
        _("Enter the BPOM registration number: MD or ML followed by 12 digits."),
        code=VillageHubErrorCode.INVALID_BPOM_NUMBER.value,
    )


def validate_bpom_number(value: str) -> None:
    if not re.fullmatch(BPOM_RE, value or ""):
        raise _bpom_error()


def normalize_bpom_number(value: str) -> str:
    """``BPOM RI MD 235602169254``, ``md235602169254`` … → ``MD 235602169254``.

    Raises ValidationError (``invalid_bpom_number``) when the text is not an MD/ML number.
    """
    match = re.fullmatch(BPOM_INPUT_RE, (value or "").strip(), flags=re.IGNORECASE)
    if match is None:
        raise _bpom_error()
    return f"{match[1].upper()} {_digits(match[2])}"
