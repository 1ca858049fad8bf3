"""Validators for Kemendagri region codes, one per level (``PP.KK.CC.DDDD``).

Codes are written with their dots and leading zeros. ``[0-9]`` rather than ``\\d`` (which
also matches other scripts' digits) and ``\\A…\\Z`` rather than ``^…$`` (``$`` lets a
trailing newline through).
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_province_code = RegexValidator(
    regex=r"\A[0-9]{2}\Z",
    message=_("Enter a valid province code: two digits, for example “51”."),
    code="invalid",
)

validate_regency_code = RegexValidator(
    regex=r"\A[0-9]{2}\.[0-9]{2}\Z",
    message=_("Enter a valid regency or city code, for example “51.03”."),
    code="invalid",
)

validate_district_code = RegexValidator(
    regex=r"\A[0-9]{2}\.[0-9]{2}\.[0-9]{2}\Z",
    message=_("Enter a valid district code, for example “51.03.05”."),
    code="invalid",
)

# The first digit of the last part tells the kind: 1 kelurahan, 2 desa, 3 desa adat.
validate_village_code = RegexValidator(
    regex=r"\A[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[123][0-9]{3}\Z",
    message=_("Enter a valid village code, for example “51.03.05.2001”."),
    code="invalid",
)
