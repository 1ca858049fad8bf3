"""Write use cases of accounts: signing in and revoking tokens."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import User, new_jwt_token_key
from marketplace.core.exceptions import field_error

logger = logging.getLogger(__name__)

# Do not write ``last_login`` more often than this for one user (Saleor: 5 seconds).
DEFAULT_LAST_LOGIN_THRESHOLD = timedelta(seconds=5)


def user_authenticate(*, email: str, password: str) -> User:
    """The user these credentials belong to, if that user may sign in.

    Raises ValidationError on ``email`` with AccountErrorCode ``INVALID_CREDENTIALS``
    (unknown e-mail or wrong password, indistinguishable), then ``ACCOUNT_NOT_CONFIRMED``
    (unless ``settings.ALLOW_LOGIN_WITHOUT_CONFIRMATION``), then ``INACTIVE``.
    """
    user = User.objects.filter(email=User.objects.normalize_email(email).lower()).first()
    if user is None:
        User().set_password(password)  # same hashing time as a known e-mail
        password_ok = False
    else:
        password_ok = user.check_password(password)
    if user is None or not password_ok:
        logger.info("user_sign_in_failed", extra={"user_id": user.pk if user else None})
        raise field_error(
            "email", _("Please, enter valid credentials"), AccountErrorCode.INVALID_CREDENTIALS
        )
    if not user.is_confirmed and not getattr(settings, "ALLOW_LOGIN_WITHOUT_CONFIRMATION", False):
        raise field_error(
            "email",
            _("Account needs to be confirmed via email."),
            AccountErrorCode.ACCOUNT_NOT_CONFIRMED,
        )
    if not user.is_active:
        raise field_error("email", _("Account inactive."), AccountErrorCode.INACTIVE)
    return user


def user_record_login(*, user: User) -> None:
    """Set ``last_login`` to now, unless it was set a moment ago."""
    now = timezone.now()
    threshold = getattr(settings, "TOKEN_UPDATE_LAST_LOGIN_THRESHOLD", None)
    if threshold is None:
        threshold = DEFAULT_LAST_LOGIN_THRESHOLD
    elif not isinstance(threshold, timedelta):
        threshold = timedelta(seconds=float(threshold))
    if user.last_login is None or user.last_login + threshold < now:
        user.last_login = now
        user.save(update_fields=["last_login", "updated_at"])


def user_deactivate_all_tokens(*, user: User) -> User:
    """Revoke every access and refresh token issued to ``user`` so far."""
    user.jwt_token_key = new_jwt_token_key()
    user.save(update_fields=["jwt_token_key", "updated_at"])
    logger.info("user_tokens_deactivated", extra={"user_id": user.pk})
    return user
