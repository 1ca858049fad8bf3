"""The NIK (Nomor Induk Kependudukan), the 16-digit number of a resident's KTP.

Checked with ``lokal.parse_nik`` (lokal-id): 16 digits, a province code that exists,
a birth date that does (women's day + 40). Shown masked as ``3319********0001`` to
anyone but the member and their cooperative's admins.
"""

from __future__ import annotations

import re

import lokal
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.members.error_codes import MemberErrorCode

NIK_RE = re.compile(r"\d{16}")


def normalize_nik(value: str) -> str:
    """Digits only: people type ``3319 0145 0190 0001`` or ``3319.0145…``."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_nik(value: str) -> str:
    """The NIK as 16 digits; ``ValidationError`` (code ``invalid_nik``) when it is not one."""
    nik = normalize_nik(value)
    if not NIK_RE.fullmatch(nik):
        raise ValidationError(
            _("Enter the NIK from the KTP: 16 digits."), code=MemberErrorCode.INVALID_NIK.value
        )
    if not lokal.parse_nik(nik).valid:
        raise ValidationError(
            _("This is not a valid NIK: check the digits against the KTP."),
            code=MemberErrorCode.INVALID_NIK.value,
        )
    return nik


def mask_nik(nik: str) -> str:
    """``3319014501900001`` → ``3319********0001``."""
    if not nik:
        return ""
    return nik[:4] + "*" * max(len(nik) - 8, 0) + nik[-4:]
