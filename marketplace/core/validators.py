"""Field validators shared by the domain's models."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Letters and symbols that draw nothing (fillers and the blank Braille cell), often
# pasted to make a name that looks empty get past a "not blank" check.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Unicode categories that show something by themselves: letters, numbers, punctuation,
# symbols. Spaces (Z*), controls and format characters such as U+200B or U+FEFF (C*) and
# combining marks without a base (M*) do not.
_VISIBLE_CATEGORIES = ("L", "N", "P", "S")


def has_visible_character(text: str) -> bool:
    """Whether ``text`` shows anything on screen."""
    return any(
        char not in _BLANK_LOOKING and unicodedata.category(char).startswith(_VISIBLE_CATEGORIES)
        for char in text
    )


@deconstructible
class VisibleTextValidator:
    """Refuses text made only of spaces and invisible characters (code ``required``,
    which the API reports as ``REQUIRED``; not ``blank``, whose message Django replaces
    with the field's own)."""

    message = _("Enter a name with at least one visible character.")
    code = "required"

    def __call__(self, value: str) -> None:
        if not has_visible_character(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VisibleTextValidator)

    def __hash__(self) -> int:
        return hash(type(self))
