"""Which addresses a village courier serves: its hub's regency, however a storefront
writes the kabupaten/kota, or by the address's village code."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import Address
from marketplace.regions.models import Regency
from marketplace.shipping.areas import address_in_regency, method_serves_address
from tests.factories.regions import (
    ProvinceFactory,
    RegencyFactory,
    village_bakalankrapyak,
    village_pecatu,
)
from tests.factories.shipping import ShippingMethodFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("city", "inside"),
    [
        ("Kabupaten Badung", True),
        ("KABUPATEN BADUNG", True),  # as Saleor's address normalisation writes it
        ("Kab. Badung", True),
        ("  badung ", True),
        ("Kota Badung", False),  # names a kota, Badung is a kabupaten
        ("Kota Denpasar", False),
        ("Denpasar", False),
        ("", False),
    ],
)
def test_city_names_the_regency_whatever_the_prefix_or_case(city, inside):
    badung = village_pecatu().district.regency
    assert address_in_regency(address=Address(country="ID", city=city), regency=badung) is inside


def test_a_village_code_decides_over_the_city_text():
    badung = village_pecatu().district.regency
    kudus_village = village_bakalankrapyak()
    in_kudus = Address(country="ID", village=kudus_village, city="Kabupaten Badung")
    assert address_in_regency(address=in_kudus, regency=badung) is False
    in_pecatu = Address(country="ID", village=village_pecatu(), city="")
    assert address_in_regency(address=in_pecatu, regency=badung) is True


def test_kota_and_kabupaten_of_one_name_are_told_apart():
    jabar = ProvinceFactory(code="32", name="Jawa Barat")
    kabupaten = RegencyFactory(
        code="32.01", province=jabar, name="Kabupaten Bogor", kind=Regency.Kind.KABUPATEN
    )
    kota = RegencyFactory(code="32.71", province=jabar, name="Kota Bogor", kind=Regency.Kind.KOTA)
    address = Address(country="ID", city="Kota Bogor")
    assert address_in_regency(address=address, regency=kota) is True
    assert address_in_regency(address=address, regency=kabupaten) is False


def test_a_method_without_regency_serves_the_whole_country_and_needs_no_address():
    badung = village_pecatu().district.regency
    anywhere = ShippingMethodFactory()
    courier = ShippingMethodFactory(regency=badung)
    abroad = Address(country="MY", city="Kabupaten Badung")
    assert method_serves_address(method=anywhere, address=None, country="ID") is True
    assert method_serves_address(method=courier, address=None, country="ID") is False
    assert method_serves_address(method=anywhere, address=abroad, country="ID") is False
    assert method_serves_address(method=courier, address=abroad, country="ID") is False
