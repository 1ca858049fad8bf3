"""Who is asking: ``request.user`` from the JWT in the request's headers, as Saleor reads it.

Accepted headers: ``Authorization: Bearer <token>``, ``Authorization: JWT <token>`` and
the legacy ``Authorization-Bearer: <token>`` that @saleor/sdk sends.

The user is resolved lazily, the first time a resolver looks at ``info.context.user``.
A bad token (expired, forged, revoked) then raises PyJWT's exception, which the view
reports as a top-level error coded with its class name (``ExpiredSignatureError``):
@saleor/sdk refreshes its token when it sees that code. Fields that never look at the
user (``shop``, ``tokenCreate``, ``tokenRefresh``) keep working with a stale token.
Saleor resolves the user before every mutation instead, which fails ``tokenRefresh``
sent with an expired access token; nothing relies on that.
"""

from __future__ import annotations

import copy
import logging

import jwt
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from marketplace.accounts import tokens
from marketplace.accounts.models import User

logger = logging.getLogger(__name__)

AUTH_HEADER = "HTTP_AUTHORIZATION"
LEGACY_AUTH_HEADER = "HTTP_AUTHORIZATION_BEARER"  # Authorization-Bearer: <token>
AUTH_PREFIXES = frozenset({"BEARER", "JWT"})

_OUTCOME_ATTR = "_jwt_auth_outcome"


def get_token_from_request(request: HttpRequest) -> str | None:
    """The raw token the client sent, or ``None``."""
    token = request.META.get(LEGACY_AUTH_HEADER, "").strip()
    if token:
        return token
    parts = request.META.get(AUTH_HEADER, "").split(maxsplit=1)
    if len(parts) == 2 and parts[0].upper() in AUTH_PREFIXES:
        return parts[1].strip()
    return None


def _resolve_user(request: HttpRequest) -> User | AnonymousUser:
    # The user the token names, or why the token was rejected.
    outcome: User | AnonymousUser | jwt.PyJWTError | None = request.__dict__.get(_OUTCOME_ATTR)
    if outcome is None:
        token = get_token_from_request(request)
        try:
            user = tokens.user_from_access_token(token) if token else None
            outcome = user or AnonymousUser()
        except jwt.PyJWTError as exc:
            logger.info("jwt_rejected", extra={"reason": type(exc).__name__})
            outcome = exc
        setattr(request, _OUTCOME_ATTR, outcome)
    if isinstance(outcome, jwt.PyJWTError):
        # A fresh instance each time, so tracebacks do not pile up on one object.
        raise copy.copy(outcome)
    return outcome


def authenticate_request(request: HttpRequest) -> None:
    """Set ``request.user``, resolved from the token on first use."""
    request.__dict__.pop(_OUTCOME_ATTR, None)
    # A lazy proxy of the user, as Django's AuthenticationMiddleware sets it.
    request.user = SimpleLazyObject(lambda: _resolve_user(request))  # type: ignore[assignment]
