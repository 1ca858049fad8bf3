from __future__ import annotations

import factory

from marketplace.accounts.models import Address, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = "Sari"
    last_name = "Wulandari"
    password = factory.django.Password("password")


class AddressFactory(factory.django.DjangoModelFactory):
    """An address in Pecatu, Kuta Selatan, Badung, Bali (the default test village)."""

    class Meta:
        model = Address

    first_name = "Made"
    last_name = "Sudarma"
    street_address_1 = "Jl. Raya Uluwatu No. 10"
    village = factory.SubFactory("tests.factories.regions.VillageFactory")
    city = "Kabupaten Badung"
    city_area = "Kuta Selatan"
    country_area = "Bali"
    postal_code = "80362"
    country = "ID"
    phone = "+6281234567890"
