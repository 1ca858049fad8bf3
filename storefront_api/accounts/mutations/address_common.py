"""Turning Saleor's ``AddressInput`` into the domain's address fields, and back for errors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from marketplace.accounts.models import Address as AddressModel
from marketplace.accounts.models import User as UserModel
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.metadata import metadata_input_items
from storefront_api.village_hubs.utils import provided

# AddressInput field → accounts.services address field.
_INPUT_TO_DOMAIN = {
    "first_name": "first_name",
    "last_name": "last_name",
    "company_name": "company_name",
    "street_address1": "street_address_1",
    "street_address2": "street_address_2",
    "city": "city",
    "city_area": "city_area",
    "postal_code": "postal_code",
    "country": "country",
    "country_area": "country_area",
    "phone": "phone",
    "village_code": "village",
}
_DOMAIN_TO_INPUT = {"village": "village_code"}


def address_data(address_input: Any) -> dict[str, Any]:
    """The address fields the client sent (``skipValidation`` ignored), ``metadata`` as
    key/value pairs."""
    data = provided(address_input)
    fields = {domain: data[key] for key, domain in _INPUT_TO_DOMAIN.items() if key in data}
    if data.get("metadata"):
        fields["metadata"] = metadata_input_items(data["metadata"])
    return fields


def address_errors(exc: ValidationError, *, prefix: str | None = None) -> ValidationError:
    """Domain address errors named after the input's fields (``village`` → ``villageCode``).

    With ``prefix`` (``default_shipping_address``) every error is reported on it, as
    Saleor reports errors of nested address inputs.
    """
    if not hasattr(exc, "error_dict"):
        return exc
    renamed: dict[str, list[ValidationError]] = {}
    for field, errors in exc.error_dict.items():
        name = prefix or _DOMAIN_TO_INPUT.get(field, field)
        renamed.setdefault(name, []).extend(errors)
    return ValidationError(renamed)


def user_address_or_none(address_id: str, user: UserModel) -> tuple[AddressModel | None, bool]:
    """The address behind ``address_id`` and whether it is in ``user``'s address book.

    Raises ValidationError (``GRAPHQL_ERROR``) for an ID that is not an Address ID.
    """
    pk = decode_int_pk(address_id, only_type="Address")
    address = AddressModel.objects.filter(pk=pk).first()
    if address is None:
        return None, False
    return address, user.addresses.filter(pk=pk).exists()


def address_type_value(value: Any) -> str | None:
    """``"shipping"``/``"billing"`` from an ``AddressTypeEnum`` argument."""
    if value is None:
        return None
    return getattr(value, "value", value)
