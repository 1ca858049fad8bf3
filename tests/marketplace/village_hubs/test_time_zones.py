import pytest

from marketplace.village_hubs.models import HubTimeZone
from marketplace.village_hubs.time_zones import (
    PROVINCE_TIME_ZONES,
    time_zone_for_province,
    time_zone_for_region_code,
)


@pytest.mark.parametrize(
    ("province_code", "zone"),
    [
        ("11", "Asia/Jakarta"),  # Aceh
        ("31", "Asia/Jakarta"),  # DKI Jakarta
        ("33", "Asia/Jakarta"),  # Jawa Tengah
        ("61", "Asia/Jakarta"),  # Kalimantan Barat
        ("62", "Asia/Jakarta"),  # Kalimantan Tengah
        ("51", "Asia/Makassar"),  # Bali
        ("53", "Asia/Makassar"),  # NTT
        ("63", "Asia/Makassar"),  # Kalimantan Selatan
        ("65", "Asia/Makassar"),  # Kalimantan Utara
        ("73", "Asia/Makassar"),  # Sulawesi Selatan
        ("76", "Asia/Makassar"),  # Sulawesi Barat
        ("81", "Asia/Jayapura"),  # Maluku
        ("82", "Asia/Jayapura"),  # Maluku Utara
        ("91", "Asia/Jayapura"),  # Papua
        ("96", "Asia/Jayapura"),  # Papua Barat Daya
    ],
)
def test_time_zone_for_province(province_code, zone):
    assert time_zone_for_province(province_code) == zone


def test_time_zone_for_region_code_uses_the_province_part():
    assert time_zone_for_region_code("51.03.05.2001") == "Asia/Makassar"
    assert time_zone_for_region_code("91.03") == "Asia/Jayapura"
    assert time_zone_for_region_code("33.19.01.2001") == "Asia/Jakarta"


def test_every_mapped_zone_is_a_hub_time_zone_choice():
    assert set(PROVINCE_TIME_ZONES.values()) <= set(HubTimeZone.values)
