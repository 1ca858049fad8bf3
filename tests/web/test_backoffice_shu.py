"""The SHU per member pages through Django's test client: the admin sets the AD/ART
allocation (a sum over 100 % refused next to the field, nothing changed), sees each
member's parts with the explanation, downloads them (amounts as numbers, a name typed as
a formula stays text), enters an offline transaction; a clerk only looks; another
cooperative's admin gets 404."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.test import Client

from coop_reporting.shu import selectors
from marketplace.members import services as member_services
from tests.factories.coop_shu import shu_year_2025
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def year_2025():
    return shu_year_2025()


@pytest.fixture
def admin(year_2025):
    return CooperativeStaffFactory(cooperative=year_2025[0], role="admin").user


def test_the_admin_sets_the_allocation_and_sees_each_members_share(year_2025, admin):
    coop, siti, wayan, made = year_2025
    client = _client(admin)
    url = f"/koperasi/{coop.pk}/shu/2025/"
    assert client.get(f"/koperasi/{coop.pk}/shu/").url == url  # the latest RAT year

    refused = client.post(url, {"capital_percentage": "60", "patronage_percentage": "45"})
    assert refused.status_code == 400
    assert "tidak boleh lebih dari 100%" in refused.content.decode()
    assert selectors.shu_allocation_of(coop, 2025).patronage_percentage == 30

    assert client.post(url, {"capital_percentage": "20", "patronage_percentage": "30"}).url == url
    page = client.get(url).content.decode()
    assert "Rp100.000.000" in page
    assert "Rp6.666.667" in page
    assert "Rp8.571.429" in page
    assert "Rp15.238.096" in page
    assert "Rp20.000.000 × Rp1.000.000,00 ÷ Rp3.000.000,00 = Rp6.666.666,67" in page
    assert "Rp50.000.000" in page  # both pools shared to the rupiah


def test_the_file_has_amounts_as_numbers_and_names_that_never_run(year_2025, admin):
    coop, siti, *_ = year_2025
    member_services.member_update(member=siti, name='=HYPERLINK("http://x")')
    client = _client(admin)
    base = f"/koperasi/{coop.pk}/shu/2025/unduh/"

    response = client.get(base + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["no_anggota", "nama", "rata_rata_simpanan"]
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[1][7:10] == ["6666667", "6428571", "13095238"]

    sheet = openpyxl.load_workbook(io.BytesIO(client.get(base + "?format=xlsx").content)).active
    values = list(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert values[1] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=2, column=2).data_type == "s"
    assert values[7:10] == (6_666_667, 6_428_571, 13_095_238)


def test_offline_transactions_count_for_jasa_usaha_and_bad_input_changes_nothing(year_2025, admin):
    coop, siti, wayan, made = year_2025
    client = _client(admin)
    url = f"/koperasi/{coop.pk}/shu/2025/transaksi/"
    form = {"member": wayan.pk, "occurred_on": "2025-09-01", "description": "Setor gabah"}
    refused = client.post(url, {**form, "amount": "0"})
    assert refused.status_code == 400
    assert "Masukkan jumlah dalam rupiah utuh di atas 0." in refused.content.decode()
    assert selectors.shu_year(coop, 2025).member(wayan.pk).offline == 0

    assert client.post(url, {**form, "amount": "Rp1.000.000"}).status_code == 302
    assert "Setor gabah" in client.get(url).content.decode()
    assert selectors.shu_year(coop, 2025).member(wayan.pk).transactions == 3_000_000


def test_a_clerk_only_looks_and_another_cooperative_gets_404(year_2025):
    coop, *_ = year_2025
    clerk = CooperativeStaffFactory(cooperative=coop, role="staff").user
    base = f"/koperasi/{coop.pk}/shu/2025/"
    page = _client(clerk).get(base)
    assert page.status_code == 200
    assert "Simpan pembagian" not in page.content.decode()
    post = _client(clerk).post(base, {"capital_percentage": "0", "patronage_percentage": "0"})
    assert post.status_code == 404
    assert _client(clerk).get(base + "transaksi/").status_code == 404
    assert selectors.shu_allocation_of(coop, 2025).capital_percentage == 20

    admin_b = CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user
    for path in ("", "unduh/?format=csv", "transaksi/"):
        assert _client(admin_b).get(base + path).status_code == 404, path
    assert _client(admin_b).get(f"/koperasi/{coop.pk}/shu/").status_code == 404


def test_a_member_sees_only_their_own_share_on_their_page(year_2025):
    coop, siti, wayan, made = year_2025
    url = f"/anggota/{coop.pk}/saya/shu/"
    page = _client(siti.user).get(url).content.decode()
    assert "Rp13.095.238" in page  # 6.666.667 + 6.428.571
    assert "Rp15.238.096" not in page  # Wayan's
    assert "Wayan" not in page
    assert url in _client(siti.user).get(f"/anggota/{coop.pk}/saya/").content.decode()
    other = CooperativeFactory()
    assert _client(siti.user).get(f"/anggota/{other.pk}/saya/shu/").status_code == 404
    admin = CooperativeStaffFactory(cooperative=coop, role="admin").user
    assert _client(admin).get(url).status_code == 404  # staff use the back office
