"""The relevance set: what villagers type into a shop's search box, against the demo
catalog, with the products that must be among the first three results.

Typos, regional and old spellings, colloquial and English names, stems, prefixes,
several words in any order, producers, cooperatives and villages. Every backend that runs
passes it: PostgreSQL here; Elasticsearch in ``test_elasticsearch_behaviour.py`` when
``ELASTICSEARCH_URL`` is set.
"""

from __future__ import annotations

import pytest

from marketplace.catalog.models import Product
from marketplace.catalog.search import did_you_mean, rank_products, suggestions

# (query, products that must be in the top 3, by name)
RELEVANCE_SET: list[tuple[str, list[str]]] = [
    # the examples
    ("kripik pisang", ["Keripik Pisang Manis 200 g", "Keripik Pisang Muria 200 g"]),
    ("berass merah", ["Beras Merah 1 kg", "Beras Merah Organik 1 kg"]),
    ("sambel matah", ["Sambal Matah 150 g"]),
    ("gula merah", ["Gula Aren Cetak 500 g"]),
    ("kofi robusta", ["Kopi Robusta Bubuk 250 g"]),
    # typos
    ("robsta", ["Kopi Robusta Bubuk 250 g"]),
    ("arabica pelaga", ["Kopi Arabika Pelaga Biji 250 g", "Kopi Arabika Pelaga Bubuk 250 g"]),
    ("kopi arabika bijii", ["Kopi Arabika Pelaga Biji 250 g"]),
    ("maddu hutan", ["Madu Hutan 500 ml", "Madu Hutan Muria 250 ml"]),
    ("keripik singkon", ["Keripik Singkong Balado 200 g", "Keripik Singkong Pedas 250 g"]),
    ("sambal trasi", ["Sambal Terasi Bali 150 g"]),
    ("kain tenung ikat", ["Kain Tenun Ikat"]),
    ("emping melinjoo", ["Emping Melinjo 250 g"]),
    ("rengginang ketann", ["Rengginang Ketan 250 g"]),
    ("jenang kuduss", ["Jenang Kudus 500 g"]),
    ("gula semut arn", ["Gula Semut Aren 250 g"]),
    ("kacang kapri", ["Kacang Kapri Bali 250 g"]),
    ("selendang sonket", ["Selendang Songket Bali"]),
    ("sambal embeh", ["Sambal Embe 150 g"]),
    ("tas anyaman pandn", ["Tas Anyaman Pandan"]),
    # regional, old and colloquial spellings, English names
    ("sambel bawang", ["Sambal Bawang 150 g", "Sambal Bawang Kudus 150 g"]),
    ("sambel pedes teri", ["Sambal Teri Pedas 150 g"]),
    ("kripik tempe pedes", ["Keripik Tempe Pedas 200 g"]),
    ("gula jawa", ["Gula Aren Cetak 500 g"]),
    ("gula merah cair", ["Gula Aren Cair 350 ml"]),
    ("beras item", ["Beras Hitam 1 kg"]),
    ("ketan item", ["Beras Ketan Hitam 1 kg"]),
    ("pulut hitam", ["Beras Ketan Hitam 1 kg"]),
    ("organic rice", ["Beras Putih Organik 5 kg", "Beras Merah Organik 1 kg"]),
    ("honey hutan", ["Madu Hutan 500 ml"]),
    ("coffee beans arabika", ["Kopi Arabika Pelaga Biji 250 g"]),
    ("robusta powder", ["Kopi Robusta Bubuk 250 g"]),
    ("djahe", ["Kopi Jahe Sachet isi 10", "Gula Semut Aren Jahe 250 g"]),
    ("madoe randu", ["Madu Randu 500 ml", "Madu Kapuk Randu 250 ml"]),
    ("ketela pohon balado", ["Keripik Singkong Balado 200 g"]),
    ("kripik telo", ["Keripik Singkong Balado 200 g", "Keripik Singkong Pedas 250 g"]),
    ("cemilan pisang", ["Keripik Pisang Manis 200 g", "Keripik Pisang Muria 200 g"]),
    ("gedang", ["Keripik Pisang Manis 200 g", "Keripik Pisang Muria 200 g"]),
    ("dodol kudus", ["Jenang Kudus 500 g"]),
    ("belinjo", ["Emping Melinjo 250 g"]),
    ("madu lengkeng", ["Madu Kelengkeng 500 ml"]),
    ("tas enceng gondok", ["Tas Anyaman Eceng Gondok"]),
    ("caping pandan", ["Topi Anyaman Pandan"]),
    ("nyiru bambu", ["Tampah Bambu 50 cm"]),
    ("keranjang bambu", ["Bakul Bambu"]),
    ("lampit pandan", ["Tikar Pandan 120 × 180 cm"]),
    ("sarong goyor", ["Sarung Tenun Goyor"]),
    ("ranginang", ["Rengginang Ketan 250 g"]),
    # stems
    ("keripiknya pisang", ["Keripik Pisang Manis 200 g", "Keripik Pisang Muria 200 g"]),
    ("tenunan troso", ["Kain Tenun Troso"]),
    ("pedasnya sambal teri", ["Sambal Teri Pedas 150 g"]),
    ("anyaman lontar", ["Keben Anyaman Lontar"]),
    # several words, any order
    ("pisang keripik", ["Keripik Pisang Manis 200 g", "Keripik Pisang Muria 200 g"]),
    ("robusta kopi muria", ["Kopi Muria Robusta Biji 500 g", "Kopi Muria Robusta Bubuk 250 g"]),
    ("hitam beras ketan", ["Beras Ketan Hitam 1 kg"]),
    ("bali sambal terasi", ["Sambal Terasi Bali 150 g"]),
    ("500 ml madu hutan", ["Madu Hutan 500 ml"]),
    ("kopi honey process", ["Kopi Arabika Honey Process 200 g"]),
    ("beras pandan wangi 5 kg", ["Beras Pandan Wangi 5 kg"]),
    ("lurik tenun kain", ["Kain Tenun Lurik"]),
    ("cagcag kamen", ["Kamen Tenun Cagcag"]),
    # beginnings of words, as typed
    ("kri pis", ["Keripik Pisang Manis 200 g", "Keripik Pisang Muria 200 g"]),
    ("kerip pis", ["Keripik Pisang Manis 200 g", "Keripik Pisang Muria 200 g"]),
    ("sam mat", ["Sambal Matah 150 g"]),
    ("rengg", ["Rengginang Ketan 250 g"]),
    ("sokas", ["Sokasi Bambu"]),
    # producers, cooperatives, villages
    ("sambal mek sri matah", ["Sambal Matah 150 g"]),
    ("kopi pak sutrisno biji", ["Kopi Muria Robusta Biji 500 g"]),
    ("madu pelaga", ["Madu Hutan 500 ml", "Madu Kele-Kele 250 ml", "Madu Randu 500 ml"]),
    ("tempe bu sulastri", ["Keripik Tempe Original 200 g", "Keripik Tempe Pedas 200 g"]),
    ("beras sri rejeki merah", ["Beras Merah Organik 1 kg"]),
]


def test_the_set_is_big_and_varied() -> None:
    assert len(RELEVANCE_SET) >= 60
    assert len({query for query, _ in RELEVANCE_SET}) == len(RELEVANCE_SET)


@pytest.mark.parametrize(("query", "expected"), RELEVANCE_SET, ids=[q for q, _ in RELEVANCE_SET])
def test_query_finds_its_products_in_the_top_three(
    catalog: type[Product], query: str, expected: list[str]
) -> None:
    top = list(rank_products(Product.objects.all(), query).values_list("name", flat=True)[:3])
    missing = [name for name in expected if name not in top]
    assert not missing, f"{query!r}: {missing} not in the top 3 {top}"


def test_did_you_mean_spells_typos_the_catalog_way(catalog: type[Product]) -> None:
    assert did_you_mean("berass merah") == "beras merah"
    assert did_you_mean("kopi robsta") == "kopi robusta"
    assert did_you_mean("kopi robusta") is None
    assert did_you_mean("sambel matah") is None  # a listed spelling, not a typo


def test_suggestions_complete_the_last_word(catalog: type[Product]) -> None:
    assert "keripik" in suggestions("kri")
    assert "keripik pisang" in suggestions("keripik pi")
    assert suggestions("madu hu")[0] == "madu hutan"


def test_shop_page_offers_did_you_mean_as_a_link_and_finds_anyway(
    catalog: type[Product], client
) -> None:
    page = client.get("/pecatu/", {"q": "berass merah"}).content.decode()
    assert "Maksud Anda:" in page
    assert 'href="/pecatu/?q=beras+merah"' in page  # the search page's links keep filters
    assert "Beras Merah 1 kg" in page
    saran = client.get("/pecatu/cari/saran/", {"q": "kri"}).json()
    assert "keripik" in saran["suggestions"]
