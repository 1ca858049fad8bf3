"""Which of Indonesia's three time zones a province keeps, by Kemendagri province code.

Source: UNVERIFIED best knowledge, as listed in shared/domain/conventions.md §5 (WITA: Bali,
NTB, NTT, Kalimantan Selatan/Timur/Utara and all of Sulawesi; WIT: Maluku and Papua); no
regulation was checked. Provinces not listed keep WIB. Update the table, not the code, when
a province is created or moves zone.
"""

from __future__ import annotations

WIB = "Asia/Jakarta"  # Waktu Indonesia Barat, UTC+7
WITA = "Asia/Makassar"  # Waktu Indonesia Tengah, UTC+8
WIT = "Asia/Jayapura"  # Waktu Indonesia Timur, UTC+9

DEFAULT_TIME_ZONE = WIB

PROVINCE_TIME_ZONES: dict[str, str] = {
    "51": WITA,  # Bali
    "52": WITA,  # Nusa Tenggara Barat
    "53": WITA,  # Nusa Tenggara Timur
    "63": WITA,  # Kalimantan Selatan
    "64": WITA,  # Kalimantan Timur
    "65": WITA,  # Kalimantan Utara
    "71": WITA,  # Sulawesi Utara
    "72": WITA,  # Sulawesi Tengah
    "73": WITA,  # Sulawesi Selatan
    "74": WITA,  # Sulawesi Tenggara
    "75": WITA,  # Gorontalo
    "76": WITA,  # Sulawesi Barat
    "81": WIT,  # Maluku
    "82": WIT,  # Maluku Utara
    "91": WIT,  # Papua
    "92": WIT,  # Papua Barat
    "93": WIT,  # Papua Selatan
    "94": WIT,  # Papua Tengah
    "95": WIT,  # Papua Pegunungan
    "96": WIT,  # Papua Barat Daya
}


def time_zone_for_province(province_code: str) -> str:
    """IANA time zone of a province (``"51"`` → ``"Asia/Makassar"``); WIB when not listed."""
    return PROVINCE_TIME_ZONES.get(province_code, DEFAULT_TIME_ZONE)


def time_zone_for_region_code(code: str) -> str:
    """IANA time zone of any region code (province, regency, district or village)."""
    return time_zone_for_province(code[:2])
