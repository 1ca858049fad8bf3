from __future__ import annotations

import pytest

from marketplace.regions.models import District, Province, Regency, Village
from marketplace.regions.selectors import village_get

pytestmark = pytest.mark.django_db


def test_village_get_brings_its_parents_in_one_query(django_assert_num_queries):
    # given
    province = Province.objects.create(code="51", name="Bali")
    regency = Regency.objects.create(
        code="51.03", province=province, name="Kabupaten Badung", kind=Regency.Kind.KABUPATEN
    )
    district = District.objects.create(code="51.03.05", regency=regency, name="Kuta Selatan")
    Village.objects.create(
        code="51.03.05.2001", district=district, name="Pecatu", kind=Village.Kind.DESA
    )

    # when
    with django_assert_num_queries(1):
        village = village_get(code="51.03.05.2001")
        names = [
            village.name,
            village.district.name,
            village.district.regency.name,
            village.district.regency.province.name,
        ]

    # then
    assert names == ["Pecatu", "Kuta Selatan", "Kabupaten Badung", "Bali"]


def test_village_get_returns_none_for_unknown_code():
    assert village_get(code="51.03.05.2999") is None
