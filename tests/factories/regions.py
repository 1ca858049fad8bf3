"""Region rows with real Kemendagri codes. Rows are get-or-created by code, so the same
village can be asked for from many tests and factories."""

from __future__ import annotations

import factory

from marketplace.regions.models import District, Province, Regency, Village


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "51"
    name = "Bali"


class RegencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regency
        django_get_or_create = ("code",)

    province = factory.SubFactory(ProvinceFactory)
    code = "51.03"
    name = "Kabupaten Badung"
    kind = Regency.Kind.KABUPATEN


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    regency = factory.SubFactory(RegencyFactory)
    code = "51.03.05"
    name = "Kuta Selatan"


class VillageFactory(factory.django.DjangoModelFactory):
    """Default: 51.03.05.2001 Pecatu, Kuta Selatan, Badung, Bali."""

    class Meta:
        model = Village
        django_get_or_create = ("code",)

    district = factory.SubFactory(DistrictFactory)
    code = "51.03.05.2001"
    name = "Pecatu"
    kind = Village.Kind.DESA
    postal_code = "80362"


def _village(chain: list[tuple[str, str]], kind: str, postal_code: str) -> Village:
    (prov_code, prov), (reg_code, reg), (dist_code, dist), (vil_code, vil) = chain
    province = ProvinceFactory(code=prov_code, name=prov)
    regency = RegencyFactory(
        province=province,
        code=reg_code,
        name=reg,
        kind=Regency.Kind.KOTA if int(reg_code[3:]) >= 71 else Regency.Kind.KABUPATEN,
    )
    district = DistrictFactory(regency=regency, code=dist_code, name=dist)
    return VillageFactory(
        district=district, code=vil_code, name=vil, kind=kind, postal_code=postal_code
    )


def village_pecatu() -> Village:
    """Bali (WITA): 51.03.05.2001 Pecatu, Kuta Selatan, Kabupaten Badung."""
    return VillageFactory()


def village_bakalankrapyak() -> Village:
    """Jawa Tengah (WIB): 33.19.01.2001 Bakalankrapyak, Kaliwungu, Kabupaten Kudus."""
    return _village(
        [
            ("33", "Jawa Tengah"),
            ("33.19", "Kabupaten Kudus"),
            ("33.19.01", "Kaliwungu"),
            ("33.19.01.2001", "Bakalankrapyak"),
        ],
        Village.Kind.DESA,
        "59332",
    )


def village_yoboi() -> Village:
    """Papua (WIT): 91.03.01.3007 Desa Adat Yoboi, Sentani, Kabupaten Jayapura."""
    return _village(
        [
            ("91", "Papua"),
            ("91.03", "Kabupaten Jayapura"),
            ("91.03.01", "Sentani"),
            ("91.03.01.3007", "Desa Adat Yoboi"),
        ],
        Village.Kind.DESA_ADAT,
        "99352",
    )
