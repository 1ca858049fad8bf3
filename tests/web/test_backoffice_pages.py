"""The cooperative's back office through Django's test client on factory data: who may
open it (another cooperative's staff and villagers get 404, visitors go to sign in), the
home page's figures and warnings, and the product list's search and query count."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from coop_reporting.exports import services as export_services
from coop_reporting.exports.models import ReportExport
from coop_reporting.rat import deadlines
from coop_reporting.rat.models import HealthAssessment
from coop_reporting.sales.models import CooperativeFlag
from marketplace.catalog.models import AttributeValue, Product
from marketplace.catalog.platform_types import platform_product_types_ensure
from marketplace.orders.models import OrderStatus
from marketplace.village_hubs.models import HubSupply, Producer
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory, ProductFactory, ProductVariantFactory
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.coop_sales import paid_order
from tests.factories.orders import OrderFactory, OrderLineFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    ProducerFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop_a():
    return CooperativeFactory(name="KUD Mina Segara")


@pytest.fixture
def admin_a(coop_a):
    return CooperativeStaffFactory(cooperative=coop_a, role="admin").user


@pytest.fixture
def admin_b():
    return CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user


def _sell(hub, point, cooperative=None, **kwargs):
    """``sellable_variant`` again for a cooperative that already supplies the hub."""
    if cooperative is not None:
        HubSupply.objects.filter(hub=hub, cooperative=cooperative).delete()
    return sellable_variant(hub, point, cooperative=cooperative, **kwargs)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_staff_of_one_cooperative_lands_on_its_home(coop_a, admin_a):
    response = _client(admin_a).get("/koperasi/")
    assert response.status_code == 302
    assert response["Location"] == f"/koperasi/{coop_a.pk}/"
    page = _client(admin_a).get(response["Location"]).content.decode()
    assert "KUD Mina Segara" in page


def test_staff_of_several_cooperatives_picks_one(coop_a, admin_a):
    other = CooperativeFactory(name="Kopwan Srikandi")
    CooperativeStaffFactory(cooperative=other, user=admin_a)
    page = _client(admin_a).get("/koperasi/").content.decode()
    assert f'href="/koperasi/{coop_a.pk}/"' in page
    assert f'href="/koperasi/{other.pk}/"' in page


@pytest.mark.parametrize("path", ["", "produk/"])
def test_other_cooperatives_admin_and_villager_get_404(coop_a, admin_b, path):
    url = f"/koperasi/{coop_a.pk}/{path}"
    assert _client(admin_b).get(url).status_code == 404
    assert _client(UserFactory()).get(url).status_code == 404
    assert _client(UserFactory()).get("/koperasi/").status_code == 404
    assert _client(admin_b).get(f"/koperasi/{coop_a.pk + 1000}/{path}").status_code == 404


def test_platform_staff_may_open_any_cooperative(coop_a):
    assert _client(UserFactory(is_staff=True)).get(f"/koperasi/{coop_a.pk}/").status_code == 200


def test_visitor_is_sent_to_sign_in(coop_a):
    response = Client().get(f"/koperasi/{coop_a.pk}/produk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=")


def test_home_shows_open_warnings_with_their_reason_and_the_rat_due_date(coop_a, admin_a):
    CooperativeFlag.objects.create(
        cooperative=coop_a, kind="no_sales", reason="Tidak ada penjualan selama 60 hari."
    )
    page = _client(admin_a).get(f"/koperasi/{coop_a.pk}/").content.decode()
    assert "Tidak ada penjualan selama 60 hari." in page
    year = deadlines.latest_closed_financial_year(timezone.localdate())
    assert f"RAT tahun buku {year} paling lambat diadakan pada" in page
    assert "Penjualan bulan ini" in page


def test_product_list_shows_sizes_prices_stock_and_searches(coop_a, admin_a):
    hub = VillageHubFactory(name="Lumbung Desa Pecatu", slug="pecatu")
    point = pickup_point(hub)
    _sell(hub, point, price=15_000, quantity=7, cooperative=coop_a, name="Ikan asin")
    _sell(hub, point, price=9_000, quantity=3, cooperative=coop_a, name="Terasi udang")
    _sell(hub, point, price=5_000, quantity=1, name="Keripik tetangga")
    client = _client(admin_a)
    page = client.get(f"/koperasi/{coop_a.pk}/produk/").content.decode()
    assert "Ikan asin" in page
    assert "Terasi udang" in page
    assert "Rp15.000" in page
    assert "Lumbung Desa Pecatu" in page
    assert "Keripik tetangga" not in page  # another cooperative's product
    found = client.get(f"/koperasi/{coop_a.pk}/produk/", {"q": "terasi"}).content.decode()
    assert "Terasi udang" in found
    assert "Ikan asin" not in found


def test_product_list_query_count_does_not_grow_with_products(
    coop_a, admin_a, django_assert_max_num_queries
):
    hub = VillageHubFactory()
    point = pickup_point(hub)
    for index in range(3):
        _sell(hub, point, cooperative=coop_a, name=f"Produk {index}")
    client = _client(admin_a)
    url = f"/koperasi/{coop_a.pk}/produk/"
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for index in range(3, 15):
        _sell(hub, point, cooperative=coop_a, name=f"Produk {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Produk 14" in page


def test_home_lists_the_orders_to_prepare_with_only_this_cooperatives_lines(coop_a, admin_a):
    hub = VillageHubFactory(name="Lumbung Desa Pecatu", slug="pecatu")
    point = pickup_point(hub, name="Balai Desa")
    mine = ProductVariantFactory(product=ProductFactory(cooperative=coop_a, name="Ikan asin"))
    theirs = ProductVariantFactory(product=ProductFactory(name="Kopi tetangga"))

    def order(number, status):
        return OrderFactory(
            number=number, status=status, channel=hub.channel, collection_point=point
        )

    waiting = order(4242, OrderStatus.UNFULFILLED)
    OrderLineFactory(order=waiting, variant=mine, quantity=3)
    OrderLineFactory(order=waiting, variant=theirs)
    OrderLineFactory(order=order(4243, OrderStatus.FULFILLED), variant=mine)
    OrderLineFactory(order=order(4244, OrderStatus.UNCONFIRMED), variant=mine)
    page = _client(admin_a).get(f"/koperasi/{coop_a.pk}/").content.decode()
    assert "#4242" in page
    assert "3 × Ikan asin" in page
    assert "3 barang perlu dibawa" in page
    assert "Kopi tetangga" not in page  # another cooperative's line in the same order
    assert "#4243" not in page  # handed over already
    assert "#4244" not in page  # not confirmed yet: the orders page does not list it either
    assert "1 pesanan menunggu produk Anda." in page
    orders_page = _client(admin_a).get(f"/koperasi/{coop_a.pk}/pesanan/").content.decode()
    assert "Pesanan #4242" in orders_page
    assert "#4244" not in orders_page


@pytest.fixture
def pecatu(coop_a):
    hub = VillageHubFactory(name="Lumbung Desa Pecatu", slug="pecatu")
    HubSupply.objects.create(hub=hub, cooperative=coop_a)
    return hub, pickup_point(hub, name="Balai Desa")


def _details(coop, **overrides):
    types = platform_product_types_ensure()
    data = {
        "name": "Abon tuna",
        "product_type": types["makanan-kemasan"].pk,
        "category": CategoryFactory().pk,
        "producer": "",
        "description": "Abon tuna pedas.\n\nTanpa pengawet.",
    }
    data.update(overrides)
    return data


def test_product_create_in_two_sizes_priced_published_and_stocked(coop_a, admin_a, pecatu):
    hub, point = pecatu
    client = _client(admin_a)
    base = f"/koperasi/{coop_a.pk}/produk/"
    response = client.post(f"{base}baru/", _details(coop_a))
    product = Product.objects.get(cooperative=coop_a, name="Abon tuna")
    assert response["Location"] == f"{base}{product.pk}/ukuran/"
    assert not product.channel_listings.exists()  # a draft: nowhere in the shop yet
    sizes = {v.name: v.pk for v in AttributeValue.objects.filter(attribute__slug="ukuran-berat")}
    response = client.post(
        f"{base}{product.pk}/ukuran/",
        {
            f"size_{sizes['250 g']}": "on",
            f"price_{sizes['250 g']}_{hub.pk}": "Rp15.000",
            f"size_{sizes['500 g']}": "on",
            f"price_{sizes['500 g']}_{hub.pk}": "28.000",
        },
    )
    assert response["Location"] == f"{base}{product.pk}/foto/"
    prices = {v.name: int(v.channel_listings.get().price_amount) for v in product.variants.all()}
    assert prices == {"250 g": 15_000, "500 g": 28_000}
    small, large = product.variants.order_by("sort_order")
    response = client.post(
        f"{base}{product.pk}/jual/",
        {
            f"publish_{hub.pk}": "on",
            f"stock_{small.pk}_{point.pk}": "12",
            f"stock_{large.pk}_{point.pk}": "5",
        },
    )
    assert response["Location"] == base
    shop = Client().get("/pecatu/").content.decode()
    assert "Abon tuna" in shop
    assert "Rp15.000" in shop
    listing = client.get(base).content.decode()
    assert "250 g: Rp15.000 (Lumbung Desa Pecatu)" in listing


def test_product_form_errors_are_next_to_the_fields_and_change_nothing(coop_a, admin_a, pecatu):
    hub, _point = pecatu
    client = _client(admin_a)
    base = f"/koperasi/{coop_a.pk}/produk/"
    page = client.post(f"{base}baru/", _details(coop_a, name="", category="")).content.decode()
    assert 'id="id_name-error"' in page
    assert 'id="id_category-error"' in page
    assert not Product.objects.filter(cooperative=coop_a).exists()
    client.post(f"{base}baru/", _details(coop_a))
    product = Product.objects.get(cooperative=coop_a)
    size = AttributeValue.objects.get(attribute__slug="ukuran-berat", name="250 g")
    page = client.post(
        f"{base}{product.pk}/ukuran/",
        {f"size_{size.pk}": "on", f"price_{size.pk}_{hub.pk}": "15000,50"},
    ).content.decode()
    assert f'id="id_price_{size.pk}_{hub.pk}-error"' in page
    assert not product.variants.exists()
    page = client.post(f"{base}{product.pk}/ukuran/", {f"size_{size.pk}": "on"}).content.decode()
    assert "Beri ukuran ini harga di sedikitnya satu toko desa." in page
    assert not product.variants.exists()


def test_a_photo_that_is_not_an_image_is_refused_next_to_the_field(coop_a, admin_a, pecatu):
    client = _client(admin_a)
    client.post(f"/koperasi/{coop_a.pk}/produk/baru/", _details(coop_a))
    product = Product.objects.get(cooperative=coop_a)
    fake = SimpleUploadedFile("foto.jpg", b"not an image", content_type="image/jpeg")
    page = client.post(
        f"/koperasi/{coop_a.pk}/produk/{product.pk}/foto/", {"photo": fake}
    ).content.decode()
    assert 'id="id_photo-error"' in page
    assert not product.media.exists()


def test_other_cooperatives_admin_gets_404_on_the_product_pages(coop_a, admin_a, admin_b):
    product = ProductFactory(cooperative=coop_a)
    for step in ("", "ukuran/", "foto/", "jual/"):
        url = f"/koperasi/{coop_a.pk}/produk/{product.pk}/{step}"
        assert _client(admin_b).get(url).status_code == 404
        assert _client(admin_a).get(url).status_code == 200
    other = CooperativeStaffFactory(user=admin_b).cooperative
    # B's own cooperative in the address does not open A's product either
    assert _client(admin_b).get(f"/koperasi/{other.pk}/produk/{product.pk}/").status_code == 404


def test_import_shows_each_refused_row_in_a_table_and_writes_nothing(coop_a, admin_a, pecatu):
    content = (
        b"nama_produk,kategori,jenis_produk,nama_varian,sku,harga,stok,toko_desa,terbit\n"
        b"Keripik Tempe,tidak-ada,tidak-ada,,,15000,5,pecatu,ya\n"
    )
    upload = SimpleUploadedFile("produk.csv", content, content_type="text/csv")
    page = _client(admin_a).post(f"/koperasi/{coop_a.pk}/impor/", {"file": upload}).content.decode()
    assert "Tidak ada yang diimpor" in page
    assert "<tr><td>2</td><td>kategori</td>" in page
    assert not Product.objects.filter(cooperative=coop_a).exists()
    assert 'href="/import-template/products.xlsx"' in page


def test_import_of_a_good_file_adds_the_products(coop_a, admin_a, pecatu):
    category = CategoryFactory(slug="ikan-olahan")
    platform_product_types_ensure()
    content = (
        "nama_produk,kategori,jenis_produk,nama_varian,sku,harga,stok,toko_desa,terbit\n"
        f"Ikan asin,{category.slug},makanan-kemasan,250 g,,15.000,5,pecatu,ya\n"
    ).encode()
    upload = SimpleUploadedFile("produk.csv", content, content_type="text/csv")
    page = _client(admin_a).post(f"/koperasi/{coop_a.pk}/impor/", {"file": upload}).content.decode()
    assert "Impor selesai" in page
    assert Product.objects.get(cooperative=coop_a).name == "Ikan asin"


def test_producer_add_refuses_a_bad_permit_next_to_the_field_then_saves(coop_a, admin_a):
    client = _client(admin_a)
    url = f"/koperasi/{coop_a.pk}/produsen/baru/"
    data = {"name": "Abon Bu Made", "size_class": "mikro", "pirt_number": "12345"}
    page = client.post(url, data).content.decode()
    assert 'id="id_pirt_number-error"' in page
    assert not Producer.objects.filter(cooperative=coop_a).exists()
    data["pirt_number"] = "2345678901234-20"  # expired at the end of 2020
    response = client.post(url, data)
    assert response["Location"] == f"/koperasi/{coop_a.pk}/produsen/"
    assert Producer.objects.get(cooperative=coop_a).name == "Abon Bu Made"
    listing = client.get(response["Location"]).content.decode()
    assert "Izin P-IRT sudah habis pada akhir 2020." in listing


def test_producer_statement_names_product_and_order_and_is_private(coop_a, admin_a, admin_b):
    hub = VillageHubFactory()
    producer = ProducerFactory(cooperative=coop_a, name="Abon Bu Made")
    category = CategoryFactory()
    today = timezone.localdate()
    order = paid_order(hub, [(producer, category, 2, 15_000)], paid_on=today, buyer="a@b.id")
    url = f"/koperasi/{coop_a.pk}/produsen/{producer.pk}/laporan/"
    page = _client(admin_a).get(url).content.decode()
    assert f"#{order.number}" in page
    assert order.lines.get().product_name in page
    assert "Rp30.000" in page
    bad = _client(admin_a).get(url, {"starts_on": "2026-05-02", "ends_on": "2026-05-01"})
    assert 'id="id_ends_on-error"' in bad.content.decode()
    assert _client(admin_b).get(url).status_code == 404
    assert _client(admin_b).get(f"/koperasi/{coop_a.pk}/produsen/{producer.pk}/").status_code == 404


def test_activity_shows_the_monthly_chart_and_table_and_health_does_not_apply(coop_a, admin_a):
    hub = VillageHubFactory()
    producer = ProducerFactory(cooperative=coop_a)
    today = timezone.localdate()
    paid_order(
        hub, [(producer, CategoryFactory(name="Ikan"), 3, 10_000)], paid_on=today, buyer="x@y.id"
    )
    page = _client(admin_a).get(f"/koperasi/{coop_a.pk}/kegiatan/").content.decode()
    assert "<svg" in page
    assert page.count("<rect ") == 12
    assert "Rp30.000" in page  # the month's bar title, table row and the year's totals
    assert "Ikan" in page  # sales by category
    assert "Tidak berlaku: koperasi Anda tidak punya unit simpan pinjam." in page


def test_activity_shows_the_health_score_aspect_by_aspect(coop_a, admin_a):
    coop_a.has_savings_unit = True
    coop_a.save(update_fields=["has_savings_unit"])
    year = deadlines.latest_closed_financial_year(timezone.localdate())
    HealthAssessment.objects.create(
        cooperative=coop_a,
        financial_year=year,
        rules_id="perdep-06-2016",
        regulation="Peraturan Deputi Nomor 06/Per/Dep.6/IV/2016",
        is_assessable=True,
        total="81.50",
        category="Sehat",
        aspects=[
            {
                "key": "permodalan",
                "name": "Permodalan",
                "weight": "15",
                "skor": "12.00",
                "category": "Sehat",
                "components": [
                    {
                        "key": "modal_sendiri_total_aset",
                        "name": "Modal sendiri terhadap total aset",
                        "weight": "6",
                        "ratio": "35.20",
                        "nilai": "50",
                        "skor": "3.00",
                    }
                ],
            }
        ],
        computed_at=timezone.now(),
    )
    page = _client(admin_a).get(f"/koperasi/{coop_a.pk}/kegiatan/").content.decode()
    assert "Permodalan: 12,00 / 15" in page  # Indonesian decimal comma
    assert "Modal sendiri terhadap total aset: rasio 35,20% memberi nilai 50" in page
    assert "Peraturan Deputi Nomor 06/Per/Dep.6/IV/2016" in page


def test_statement_as_xlsx_through_the_worker_and_only_for_this_cooperative(
    coop_a, admin_a, admin_b
):
    producer = ProducerFactory(cooperative=coop_a, name="Abon Bu Made")
    client = _client(admin_a)
    response = client.post(
        f"/koperasi/{coop_a.pk}/produsen/{producer.pk}/laporan/unduh/",
        {"format": "xlsx", "starts_on": "2026-01-01", "ends_on": "2026-01-31"},
    )
    export = ReportExport.objects.get()
    assert response["Location"] == f"/koperasi/{coop_a.pk}/unduhan/{export.pk}/"
    waiting = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in waiting
    export_services.report_export_generate(export_id=export.pk)  # what the worker runs
    ready = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in ready
    download = f"/koperasi/{coop_a.pk}/unduhan/{export.pk}/berkas/"
    assert download in ready
    file = client.get(download)
    assert file.status_code == 200
    assert b"".join(file.streaming_content)[:2] == b"PK"  # an XLSX (zip) file
    assert _client(admin_b).get(response["Location"]).status_code == 404
    assert _client(admin_b).get(download).status_code == 404
    other = CooperativeStaffFactory(user=admin_b).cooperative
    assert _client(admin_b).get(f"/koperasi/{other.pk}/unduhan/{export.pk}/").status_code == 404


def test_statement_export_with_a_reversed_period_is_refused(coop_a, admin_a):
    producer = ProducerFactory(cooperative=coop_a)
    response = _client(admin_a).post(
        f"/koperasi/{coop_a.pk}/produsen/{producer.pk}/laporan/unduh/",
        {"format": "pdf", "starts_on": "2026-02-01", "ends_on": "2026-01-01"},
        follow=True,
    )
    assert "Akhir periode lebih awal daripada awalnya." in response.content.decode()
    assert not ReportExport.objects.exists()


def test_editing_a_product_changes_its_details_and_drops_an_unticked_size(coop_a, admin_a, pecatu):
    hub, _point = pecatu
    client = _client(admin_a)
    base = f"/koperasi/{coop_a.pk}/produk/"
    client.post(f"{base}baru/", _details(coop_a))
    product = Product.objects.get(cooperative=coop_a)
    sizes = {v.name: v.pk for v in AttributeValue.objects.filter(attribute__slug="ukuran-berat")}
    both = {
        f"size_{sizes['250 g']}": "on",
        f"price_{sizes['250 g']}_{hub.pk}": "15000",
        f"size_{sizes['500 g']}": "on",
        f"price_{sizes['500 g']}_{hub.pk}": "28000",
    }
    client.post(f"{base}{product.pk}/ukuran/", both)
    page = client.get(f"{base}{product.pk}/ukuran/").content.decode()
    assert 'value="28000"' in page  # the saved price is shown again
    del both[f"size_{sizes['500 g']}"]
    client.post(f"{base}{product.pk}/ukuran/", both)
    assert [v.name for v in product.variants.all()] == ["250 g"]
    data = _details(coop_a, name="Abon tuna pedas")
    del data["product_type"]  # fixed once created
    client.post(f"{base}{product.pk}/", data)
    product.refresh_from_db()
    assert product.name == "Abon tuna pedas"


def test_the_header_links_each_person_to_their_work_and_nobody_else(coop_a, admin_a):
    operator = HubOperatorFactory().user
    villager = UserFactory()
    back_office = 'href="/koperasi/"'
    counter = 'href="/loket/"'

    pengurus_page = _client(admin_a).get("/").content.decode()
    operator_page = _client(operator).get("/").content.decode()
    villager_page = _client(villager).get("/").content.decode()
    visitor_page = _client().get("/").content.decode()

    assert back_office in pengurus_page
    assert counter not in pengurus_page
    assert counter in operator_page
    assert back_office not in operator_page
    for page in (villager_page, visitor_page):
        assert back_office not in page
        assert counter not in page
