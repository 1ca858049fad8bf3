"""Indonesian phone numbers, stored in E.164 form (``+6281234567890``).

People type ``0812-3456-7890``, ``+62 812 3456 7890``, ``62812…`` or ``(0361) 701234``;
all of them are stored as ``+62`` followed by the national number without its leading 0,
which is also what ``https://wa.me/<digits>`` links need (without the ``+``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

COUNTRY_CALLING_CODE = "62"

# National significant number: a mobile prefix (8xx) or an area code (2x…9xx, never 0 or 1)
# followed by the subscriber number. 8–12 digits covers fixed lines (e.g. 361 701234) and
# 13-digit mobile numbers; the exact bounds are best knowledge, UNVERIFIED.
E164_ID_RE = r"^\+62[2-9]\d{7,11}$"
_E164_ID = re.compile(E164_ID_RE)
_SEPARATORS = re.compile(r"[\s().\-/]")


class InvalidPhoneNumber(ValueError):
    """The text is not an Indonesian phone number."""


def normalize_phone_id(value: str) -> str:
    """Return an Indonesian phone number in E.164 form (``+62…``).

    Accepts national (``08…``), international (``+62…``, ``62…``, ``0062…``) and bare
    mobile (``8…``) forms with spaces, dots, dashes, slashes or brackets between digits.
    Raises InvalidPhoneNumber otherwise (including numbers of other countries).
    """
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+"):
        if not digits.startswith("+" + COUNTRY_CALLING_CODE):
            raise InvalidPhoneNumber(value)
        national = digits[3:]
    elif digits.startswith("00" + COUNTRY_CALLING_CODE):
        national = digits[4:]
    elif digits.startswith(COUNTRY_CALLING_CODE):
        national = digits[2:]
    elif digits.startswith(("0", "8")):
        national = digits
    else:
        raise InvalidPhoneNumber(value)
    if national.startswith("0"):  # "+62 0812…", "0812…"
        national = national[1:]
    e164 = f"+{COUNTRY_CALLING_CODE}{national}"
    if not _E164_ID.fullmatch(e164):
        raise InvalidPhoneNumber(value)
    return e164


def validate_phone_id(value: str) -> None:
    """Model-field validator: the value must already be a normalized ``+62…`` number."""
    if not _E164_ID.fullmatch(value or ""):
        raise ValidationError(
            _("Enter an Indonesian phone number, e.g. 0812 3456 7890."),
            code="invalid_phone",
        )
