"""The request a view gets once its user has signed in.

``login_required``, ``counter_view`` and ``dinas_required`` let only a signed-in user
through, so behind them ``request.user`` is a :class:`User`, never ``AnonymousUser``.
Views behind them take a :class:`SignedInRequest` to say so (to readers and to mypy).
"""

from __future__ import annotations

from django.http import HttpRequest

from marketplace.accounts.models import User


class SignedInRequest(HttpRequest):
    """An ``HttpRequest`` whose user is signed in: for views behind ``login_required``
    (or the pages' own sign-in checks). Only a type: Django builds the request."""

    user: User
