"""Exceptions the API reports as top-level GraphQL errors, named as Saleor names them."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _


class PermissionDenied(Exception):
    """The requestor may not read this field or run this mutation.

    Reported as ``extensions.exception.code == "PermissionDenied"``, with Saleor's message.
    """

    def __init__(self, message: str | None = None, *, permissions: Iterable[str] = ()) -> None:
        self.permissions = tuple(permissions)
        if not message:
            if self.permissions:
                message = _(
                    "To access this path, you need one of the following permissions: "
                    "%(permissions)s"
                ) % {"permissions": ", ".join(self.permissions)}
            else:
                message = _("You do not have permission to perform this action")
        super().__init__(message)
