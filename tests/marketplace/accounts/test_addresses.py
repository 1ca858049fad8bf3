from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts import services
from marketplace.accounts.models import Address
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.regions import VillageFactory, village_bakalankrapyak

pytestmark = pytest.mark.django_db


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {field: errors[0].code for field, errors in exc.value.error_dict.items()}


def test_create_fills_regions_from_the_village_and_normalizes_phone():
    village = village_bakalankrapyak()
    user = UserFactory()

    address = services.address_create(
        user=user,
        data={
            "street_address_1": "Jl. Sunan Muria 3",
            "village": village.pk,
            "phone": "0812 3456 7890",
        },
    )

    assert (address.city, address.city_area, address.country_area, address.postal_code) == (
        "Kabupaten Kudus",
        "Kaliwungu",
        "Jawa Tengah",
        "59332",
    )
    assert address.phone == "+6281234567890"
    user.refresh_from_db()
    assert list(user.addresses.all()) == [address]
    assert user.default_shipping_address == address
    assert user.default_billing_address == address


def test_postal_code_must_match_the_village():
    village = VillageFactory()  # Pecatu 80362

    with pytest.raises(ValidationError) as exc:
        services.address_create(
            data={"street_address_1": "Jl. A 1", "village": village.pk, "postal_code": "59332"}
        )

    assert codes(exc) == {"postal_code": "invalid"}
    assert Address.objects.count() == 0


def test_indonesian_address_requires_region_fields_and_five_digit_postal_code():
    with pytest.raises(ValidationError) as exc:
        services.address_create(data={"street_address_1": "Jl. A 1", "postal_code": "8036"})

    assert codes(exc) == {
        "postal_code": "invalid",
        "city": "required",
        "country_area": "required",
    }


def test_invalid_phone_is_refused():
    with pytest.raises(ValidationError) as exc:
        services.address_create(
            data={
                "street_address_1": "Jl. A 1",
                "city": "Kota Denpasar",
                "country_area": "Bali",
                "postal_code": "80111",
                "phone": "12345",
            }
        )

    assert codes(exc) == {"phone": "invalid"}


def test_foreign_address_has_no_village_and_keeps_international_phone():
    address = services.address_create(
        data={
            "street_address_1": "1 George St",
            "city": "Sydney",
            "country": "au",
            "postal_code": "2000",
            "phone": "+61 412 345 678",
        }  # fmt: skip
    )
    assert (address.country, address.phone) == ("AU", "+61412345678")

    with pytest.raises(ValidationError) as exc:
        services.address_update(address=address, data={"village": VillageFactory().pk})
    assert codes(exc) == {"village": "invalid"}


def test_update_and_delete_from_the_book():
    user = UserFactory()
    address = services.address_create(user=user, data={"street_address_1": "Jl. A 1",
                                       "village": VillageFactory().pk})  # fmt: skip

    services.address_update(address=address, data={"street_address_2": "RT 02 / RW 03"})
    address.refresh_from_db()
    assert address.street_address_2 == "RT 02 / RW 03"

    with pytest.raises(ValidationError) as exc:
        services.address_delete(address=address, user=UserFactory())
    assert codes(exc) == {"id": "not_found"}

    services.address_delete(address=address, user=user)
    user.refresh_from_db()
    assert user.default_shipping_address is None
    assert not Address.objects.exists()


def test_copy_is_a_new_row():
    address = AddressFactory()

    copy = services.address_copy(address=address)

    assert copy.pk != address.pk
    assert (copy.village_id, copy.phone, copy.postal_code) == (
        address.village_id,
        address.phone,
        address.postal_code,
    )
