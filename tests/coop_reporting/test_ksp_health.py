"""The KSP/USP health score of Perdep 06/Per/Dep.6/IV/2016, on worked examples.

Every expected number below is worked out by hand in the comment beside it, from the
weights and bands in coop_reporting/rules/ksp_health_perdep_06_2016.json.
"""

import json
from decimal import Decimal

import pytest

from coop_reporting.indicators import (
    HealthScore,
    MissingInputs,
    category_for,
    ksp_health_score,
    scale_value,
)
from coop_reporting.rules.loader import RULES_DIR, RulesError, load_rules, load_rules_file

RULES = load_rules("ksp_health_perdep_06_2016")
JUTA = 1_000_000

# A village KSP's year, in rupiah, and its management questionnaire (yes-answers).
KSP_SEJAHTERA = {
    "total_aset": 2_000 * JUTA,
    "modal_sendiri": 700 * JUTA,
    "pinjaman_berisiko": 1_000 * JUTA,
    "modal_sendiri_tertimbang": 650 * JUTA,
    "atmr": 1_300 * JUTA,
    "volume_pinjaman_anggota": 1_200 * JUTA,
    "volume_pinjaman": 1_500 * JUTA,
    "pinjaman_diberikan": 1_400 * JUTA,
    "pinjaman_kurang_lancar": 40 * JUTA,
    "pinjaman_diragukan": 20 * JUTA,
    "pinjaman_macet": 16 * JUTA,
    "cadangan_risiko": 38 * JUTA,
    "manajemen_umum_ya": 10,
    "kelembagaan_ya": 6,
    "manajemen_permodalan_ya": 4,
    "manajemen_aktiva_ya": 7,
    "manajemen_likuiditas_ya": 5,
    "beban_operasi_anggota": 300 * JUTA,
    "partisipasi_bruto": 400 * JUTA,
    "beban_usaha": 150 * JUTA,
    "shu_kotor": 250 * JUTA,
    "biaya_karyawan": 60 * JUTA,
    "kas": 100 * JUTA,
    "bank": 150 * JUTA,
    "kewajiban_lancar": 2_000 * JUTA,
    "dana_diterima": 1_600 * JUTA,
    "shu_sebelum_pajak": 120 * JUTA,
    "shu_bagian_anggota": 35 * JUTA,
    "partisipasi_neto": 260 * JUTA,
    "beban_perkoperasian": 50 * JUTA,
    "pendapatan": 100 * JUTA,
    "meppp": 20 * JUTA,
    "simpanan_pokok": 100 * JUTA,
    "simpanan_wajib": 400 * JUTA,
}


def scored() -> HealthScore:
    result = ksp_health_score(KSP_SEJAHTERA, RULES)
    assert isinstance(result, HealthScore)
    return result


def component(result: HealthScore, key: str):
    return next(c for a in result.aspects for c in a.components if c.key == key)


def aspect(result: HealthScore, key: str):
    return next(a for a in result.aspects if a.key == key)


@pytest.mark.parametrize(
    ("key", "ratio", "nilai", "skor"),
    [
        # Permodalan
        ("modal_sendiri_total_aset", "35.00", "50", "3.00"),  # 700/2000 = 35% → 20–<40 → 50 × 6%
        ("modal_sendiri_pinjaman_berisiko", "70.00", "70", "4.20"),  # 700/1000 = 70% → 70 × 6%
        ("kecukupan_modal", "50.00", "100", "3.00"),  # 650/1300 = 50% ≥ 8 → 100 × 3%
        # Kualitas aktiva produktif
        ("pinjaman_anggota", "80.00", "100", "10.00"),  # 1200/1500 = 80% ≥ 75 → 100 × 10%
        # RPM = .5×40 + .75×20 + 1×16 = 51 juta; 51/1400 = 3.642857%, scored per whole
        # percent as the regulation does: 4% → 100 − 2×4 = 92
        ("risiko_pinjaman_bermasalah", "3.64", "92", "4.60"),
        ("cadangan_risiko", "50.00", "50", "2.50"),  # 38/(40+20+16) = 50% → 50 × 5%
        ("pinjaman_berisiko", "71.43", "25", "1.25"),  # 1000/1400 = 71.43% > 30 → 25 × 5%
        # Manajemen: yes-answers / questions × 100
        ("manajemen_umum", None, "83.33", "2.50"),  # 10/12
        ("kelembagaan", None, "100", "3.00"),  # 6/6
        ("manajemen_permodalan", None, "80", "2.40"),  # 4/5
        ("manajemen_aktiva", None, "70", "2.10"),  # 7/10
        ("manajemen_likuiditas", None, "100", "3.00"),  # 5/5
        # Efisiensi
        ("beban_operasi_anggota", "75.00", "100", "4.00"),  # 300/400 = 75% < 90 → 100
        ("beban_usaha_shu_kotor", "60.00", "50", "2.00"),  # 150/250 = 60% → 60–80 → 50
        ("efisiensi_pelayanan", "4.00", "100", "2.00"),  # 60/1500 = 4% < 5 → 100
        # Likuiditas
        ("rasio_kas", "12.50", "100", "10.00"),  # (100+150)/2000 = 12.5% → 10–15 → 100
        ("pinjaman_dana_diterima", "87.50", "75", "3.75"),  # 1400/1600 = 87.5% → 75–<100 → 75
        # Kemandirian dan pertumbuhan
        ("rentabilitas_aset", "6.00", "50", "1.50"),  # 120/2000 = 6% → 5–<7.5 → 50
        ("rentabilitas_modal_sendiri", "5.00", "100", "3.00"),  # 35/700 = 5% ≥ 5 → 100
        ("kemandirian_operasional", "130.00", "75", "3.00"),  # 260/(150+50) = 130% → 75
        # Jatidiri
        ("partisipasi_bruto", "80.00", "100", "7.00"),  # 400/(400+100) = 80% ≥ 75 → 100
        ("promosi_ekonomi_anggota", "11.00", "100", "3.00"),  # (20+35)/(100+400) = 11% ≥ 10
    ],
)
def test_each_component_shows_its_ratio_nilai_and_skor(key, ratio, nilai, skor):
    result = component(scored(), key)

    assert result.ratio == (None if ratio is None else Decimal(ratio))
    assert result.nilai == Decimal(nilai)
    assert result.skor == Decimal(skor)


def test_aspects_add_up_and_the_total_gives_the_category():
    result = scored()

    assert {a.key: a.skor for a in result.aspects} == {
        "permodalan": Decimal("10.20"),  # 3.00 + 4.20 + 3.00
        "kualitas_aktiva_produktif": Decimal("18.35"),  # 10 + 4.60 + 2.50 + 1.25
        "manajemen": Decimal("13.00"),  # 2.50 + 3 + 2.40 + 2.10 + 3
        "efisiensi": Decimal("8.00"),  # 4 + 2 + 2
        "likuiditas": Decimal("13.75"),  # 10 + 3.75
        "kemandirian_pertumbuhan": Decimal("7.50"),  # 1.50 + 3 + 3
        "jatidiri": Decimal("10.00"),  # 7 + 3
    }
    assert result.total == Decimal("80.80")
    assert result.category == "Sehat"
    assert result.regulation.startswith("Peraturan Deputi Bidang Pengawasan")


def test_each_aspect_is_banded_as_a_share_of_its_weight():
    result = scored()

    assert aspect(result, "permodalan").category == "Cukup Sehat"  # 10.20/15 = 68%
    assert aspect(result, "kemandirian_pertumbuhan").category == "Cukup Sehat"  # 7.5/10 = 75%
    assert aspect(result, "kualitas_aktiva_produktif").category == "Cukup Sehat"  # 73.40%
    assert aspect(result, "jatidiri").category == "Sehat"  # 100%


def test_weaker_liquidity_moves_the_cooperative_down_a_category():
    # kas + bank of 500 juta against 2,000 juta: 25% > 20 → nilai 25, skor 2.50 instead of
    # 10.00, so the total drops by 7.50 to 73.30
    figures = {**KSP_SEJAHTERA, "kas": 200 * JUTA, "bank": 300 * JUTA}

    result = ksp_health_score(figures, RULES)

    assert result.total == Decimal("73.30")
    assert result.category == "Cukup Sehat"


@pytest.mark.parametrize(
    ("score", "label"),
    [
        ("100", "Sehat"),
        ("80", "Sehat"),
        ("79.99", "Cukup Sehat"),
        ("66", "Cukup Sehat"),
        ("65.99", "Dalam Pengawasan"),
        ("51", "Dalam Pengawasan"),
        ("50.99", "Dalam Pengawasan Khusus"),
        ("0", "Dalam Pengawasan Khusus"),
    ],
)
def test_final_bands_of_the_regulation(score, label):
    assert category_for(Decimal(score), RULES) == label


@pytest.mark.parametrize(
    ("ratio", "nilai"),
    [("9.99", "25"), ("10", "100"), ("15", "100"), ("15.01", "50"), ("20", "50"), ("20.01", "25")],
)
def test_cash_ratio_band_edges(ratio, nilai):
    rasio_kas = RULES["aspects"][4]["components"][0]

    assert scale_value(Decimal(ratio), rasio_kas["scale"]) == Decimal(nilai)


def test_missing_figures_give_no_score_but_say_what_is_missing():
    figures = {k: v for k, v in KSP_SEJAHTERA.items() if k not in {"atmr", "kas"}}

    result = ksp_health_score(figures, RULES)

    assert result == MissingInputs(rules_id="perdep-06-2016", missing=("atmr", "kas"))


def test_no_troubled_loans_counts_as_fully_reserved():
    figures = {
        **KSP_SEJAHTERA,
        "pinjaman_kurang_lancar": 0,
        "pinjaman_diragukan": 0,
        "pinjaman_macet": 0,
    }

    result = component(ksp_health_score(figures, RULES), "cadangan_risiko")

    assert result.ratio is None
    assert result.skor == Decimal("5.00")


def test_a_rules_file_whose_weights_do_not_add_up_is_refused(tmp_path):
    broken = json.loads((RULES_DIR / "ksp_health_perdep_06_2016.json").read_text())
    broken["aspects"][0]["components"][0]["weight"] = 7  # permodalan now weighs 16
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))

    with pytest.raises(RulesError, match="components of permodalan weigh 16, not 15"):
        load_rules_file(path)


@pytest.mark.parametrize(
    ("ratio", "nilai"),
    [
        # The regulation's own worked values: the RPM ratio is rounded half up to a whole
        # percent, then nilai = 100 − 2 × that percent.
        ("4.19", "92"),  # 4.19 → 4 → 100 − 8
        ("1.56", "96"),  # 1.56 → 2 → 100 − 4
        ("0.72", "98"),  # 0.72 → 1 → 100 − 2
        ("0.49", "100"),  # 0.49 → 0 → 100
        ("2.50", "94"),  # 2.50 → 3 (half up) → 100 − 6
        ("50", "0"),  # 100 − 100 = 0, floor 0
    ],
)
def test_risk_of_troubled_loans_follows_the_regulations_worked_values(ratio, nilai):
    rpm = next(
        c
        for a in RULES["aspects"]
        for c in a["components"]
        if c["key"] == "risiko_pinjaman_bermasalah"
    )

    assert scale_value(Decimal(ratio), rpm["scale"]) == Decimal(nilai)


def test_risk_component_of_a_cooperative_with_419_percent_troubled_loans_scores_92():
    # RPM = .5×58.66 juta on 700 juta lent = 29.33/700 = 4.19% → nilai 92, skor 92 × 5% = 4.60
    figures = {
        **KSP_SEJAHTERA,
        "pinjaman_diberikan": 700 * JUTA,
        "pinjaman_kurang_lancar": 58_660_000,
        "pinjaman_diragukan": 0,
        "pinjaman_macet": 0,
    }

    result = component(ksp_health_score(figures, RULES), "risiko_pinjaman_bermasalah")

    assert (result.ratio, result.nilai, result.skor) == (
        Decimal("4.19"),
        Decimal("92"),
        Decimal("4.60"),
    )
