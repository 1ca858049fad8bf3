"""Sign-in throttling: a growing delay after failed attempts, refused before hashing.

Checking a password costs a fixed slice of CPU on purpose (the hasher's work factor), so
a loop of wrong passwords both guesses and slows everyone down. Failed attempts are
counted under three keys, each with its own allowance; past it the delay doubles up to
``settings.LOGIN_THROTTLE_MAX_DELAY`` seconds:

* **an IP address with an account** (``PAIR``): one machine guessing one account's
  password. 3 failures free, then 1 s, 2 s, 4 s … after each further failure.
* **an account from anywhere** (``ACCOUNT``): the same guessing spread over many
  addresses. 10 failures free, then the delay doubles every 2 failures. Someone else's
  failures can delay an account's owner this way, never lock them out: the delay is
  capped, and a password reset by e-mail clears it.
* **an IP address, whatever the account** (``IP``): one machine trying many accounts
  (credential stuffing). 20 failures free (a village hub or a mobile operator puts many
  people behind one address), then the delay doubles every 5 failures.

While any of its keys is delayed, an attempt is refused at once with AccountErrorCode
``LOGIN_ATTEMPT_DELAYED`` and a message saying how long to wait; the password is not
hashed and the refusal is not counted. Unknown accounts are counted under the sign-in
name typed (hashed), so a delay tells nothing about whether an account exists. A success
clears the account's own counters (not the address's); a password reset clears the
account's counters everywhere. Counters live in the database (``SignInFailureCounter``,
upserted), shared by every worker and process, and are forgotten
``settings.LOGIN_THROTTLE_WINDOW`` seconds after their last failure. The idea is
Saleor's ``account/throttling.py``; the rules and the storage are ours.
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import SignInFailureCounter, User
from marketplace.core.exceptions import field_error

logger = logging.getLogger(__name__)

DEFAULT_MAX_DELAY = 900
DEFAULT_WINDOW = 3600


@dataclass(frozen=True)
class Rule:
    """``free`` failures without delay; beyond them the delay doubles every ``every``."""

    free: int
    every: int


PAIR = Rule(free=3, every=1)
ACCOUNT = Rule(free=10, every=2)
IP = Rule(free=20, every=5)


def max_delay() -> int:
    return int(getattr(settings, "LOGIN_THROTTLE_MAX_DELAY", DEFAULT_MAX_DELAY))


def window() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "LOGIN_THROTTLE_WINDOW", DEFAULT_WINDOW)))


def delay_seconds(failures: int, rule: Rule, *, cap: int | None = None) -> int:
    """Seconds to wait after ``failures`` failed attempts under ``rule``."""
    cap = max_delay() if cap is None else cap
    beyond = failures - rule.free
    if beyond <= 0 or cap <= 0:
        return 0
    exponent = (beyond - 1) // rule.every
    return cap if exponent >= 30 else min(cap, 2**exponent)


@dataclass(frozen=True)
class SignInAttempt:
    """Who is signing in, from where: the keys one attempt is counted under."""

    ip: str | None
    account: str  # "user:<pk>", or "login:<hash of the name typed>" for unknown accounts

    @classmethod
    def for_login(cls, *, ip: str | None, login: str, user: User | None) -> SignInAttempt:
        if user is not None:
            account = f"user:{user.pk}"
        else:
            digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]
            account = f"login:{digest}"
        return cls(ip=ip, account=account)

    def keys(self) -> dict[str, Rule]:
        keys = {self.account: ACCOUNT}
        if self.ip:
            keys[f"ip:{self.ip}"] = IP
            keys[f"ip:{self.ip}|{self.account}"] = PAIR
        return keys


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def sign_in_check(attempt: SignInAttempt) -> None:
    """Refuse the attempt while one of its keys is delayed (one indexed query).

    Raises ValidationError on ``email`` with ``LOGIN_ATTEMPT_DELAYED``.
    """
    now = timezone.now()
    blocked_until = (
        SignInFailureCounter.objects.filter(pk__in=list(attempt.keys()), blocked_until__gt=now)
        .order_by("-blocked_until")
        .values_list("blocked_until", flat=True)
        .first()
    )
    if blocked_until is None:
        return
    seconds = max(1, math.ceil((blocked_until - now).total_seconds()))
    logger.info("sign_in_delayed", extra={"account": attempt.account, "seconds": seconds})
    error = field_error(
        "email",
        _("Too many failed attempts to sign in. Please wait %(wait)s and try again.")
        % {"wait": _wait_text(seconds)},
        AccountErrorCode.LOGIN_ATTEMPT_DELAYED,
    )
    # the wait in seconds, kept on the error for a caller that wants to send Retry-After
    # (an attribute of this error only, not of ValidationError)
    error.retry_after = seconds  # type: ignore[attr-defined]
    raise error


_COUNT_FAILURE = f"""
INSERT INTO {SignInFailureCounter._meta.db_table} AS c
    (key, failures, last_failure_at, blocked_until)
SELECT key, 1, %(now)s, %(now)s FROM unnest(%(keys)s::varchar[]) AS key
ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN c.last_failure_at < %(forget_before)s THEN 1 ELSE c.failures + 1 END,
    last_failure_at = EXCLUDED.last_failure_at
RETURNING key, failures
"""

_BLOCK = f"""
UPDATE {SignInFailureCounter._meta.db_table} AS c
SET blocked_until = GREATEST(c.blocked_until, b.until)
FROM unnest(%(keys)s::varchar[], %(until)s::timestamptz[]) AS b(key, until)
WHERE c.key = b.key
"""


def sign_in_failed(attempt: SignInAttempt) -> int:
    """Count a failed attempt under each of its keys; returns the delay now imposed."""
    now = timezone.now()
    keys = attempt.keys()
    with connection.cursor() as cursor:
        cursor.execute(
            _COUNT_FAILURE, {"now": now, "keys": list(keys), "forget_before": now - window()}
        )
        counts = dict(cursor.fetchall())
        delays = {key: delay_seconds(counts[key], rule) for key, rule in keys.items()}
        delayed = {key: seconds for key, seconds in delays.items() if seconds > 0}
        if delayed:
            until: list[datetime] = [now + timedelta(seconds=s) for s in delayed.values()]
            cursor.execute(_BLOCK, {"keys": list(delayed), "until": until})
    SignInFailureCounter.objects.filter(
        last_failure_at__lt=now - window(), blocked_until__lt=now
    ).delete()
    longest = max(delays.values(), default=0)
    if longest:
        logger.warning("sign_in_throttled", extra={"account": attempt.account, "seconds": longest})
    return longest


def sign_in_succeeded(attempt: SignInAttempt) -> None:
    """Forget the account's failures from this address and from anywhere."""
    keys = [key for key, rule in attempt.keys().items() if rule is not IP]
    SignInFailureCounter.objects.filter(pk__in=keys).delete()


def sign_in_throttle_reset(*, user: User) -> None:
    """Forget every failed attempt on ``user``'s account (after a password reset)."""
    account = f"user:{user.pk}"
    SignInFailureCounter.objects.filter(pk=account).delete()
    SignInFailureCounter.objects.filter(pk__endswith=f"|{account}").delete()
