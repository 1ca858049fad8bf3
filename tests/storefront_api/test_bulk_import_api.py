from __future__ import annotations

import csv
import io
import json
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from marketplace.accounts import tokens
from marketplace.catalog.models import Product, ProductVariant
from marketplace.imports.products import COLUMN_KEYS, bulk_import_template
from storefront_api.core.ids import global_id
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory, ProductTypeFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubSupplyFactory,
    VillageHubFactory,
)
from tests.factories.warehouses import WarehouseFactory

pytestmark = pytest.mark.django_db

MUTATION = """
mutation Import($cooperative: ID, $file: Upload!) {
  productBulkImport(cooperative: $cooperative, file: $file) {
    productsCreated
    variantsCreated
    errors { row column field message code }
  }
}
"""
HEADER = "nama_produk;kategori;jenis_produk;nama_varian;sku;harga;stok;toko_desa;terbit\n"


@pytest.fixture
def coop() -> Any:
    """A cooperative supplying the template's hub, with the template's category and type."""
    cooperative = CooperativeFactory()
    hub = VillageHubFactory(slug="pecatu")
    HubSupplyFactory(hub=hub, cooperative=cooperative)
    WarehouseFactory(village_hub=hub, channels=[hub.channel])
    CategoryFactory(slug="keripik-camilan")
    ProductTypeFactory(slug="produk-desa")
    return cooperative


def staff_of(cooperative) -> Any:
    return CooperativeStaffFactory(cooperative=cooperative).user


def upload(
    client: Client,
    content: bytes,
    *,
    user=None,
    cooperative=None,
    filename: str = "produk.csv",
    language: str | None = "en",
) -> dict[str, Any]:
    variables: dict[str, Any] = {"file": None}
    if cooperative is not None:
        variables["cooperative"] = (
            cooperative
            if isinstance(cooperative, str)
            else global_id("Cooperative", cooperative.pk)
        )
    headers = {}
    if user is not None:
        headers["Authorization"] = f"Bearer {tokens.create_access_token(user)}"
    if language:
        headers["Accept-Language"] = language
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps({"query": MUTATION, "variables": variables}),
            "map": json.dumps({"0": ["variables.file"]}),
            "0": SimpleUploadedFile(filename, content),
        },
        headers=headers,
    )
    assert response.status_code == 200, response.content
    return response.json()


def csv_content(*lines: str) -> bytes:
    return (HEADER + "".join(f"{line}\n" for line in lines)).encode()


def test_cooperative_staff_imports_a_file(client, coop):
    content = csv_content(
        "Keripik Tempe;keripik-camilan;produk-desa;250 g;KT-250;Rp15.000;20;pecatu;ya",
        "Keripik Tempe;;;500 g;KT-500;27.500;5;;",
    )

    body = upload(client, content, user=staff_of(coop), cooperative=coop)

    assert "errors" not in body
    assert body["data"] == {
        "productBulkImport": {"productsCreated": 1, "variantsCreated": 2, "errors": []}
    }
    assert set(ProductVariant.objects.values_list("sku", flat=True)) == {"KT-250", "KT-500"}


def test_staff_of_one_cooperative_may_omit_it(client, coop):
    content = bulk_import_template("xlsx")

    body = upload(client, content, user=staff_of(coop), filename="template.xlsx")

    assert body["data"]["productBulkImport"]["productsCreated"] == 1
    assert Product.objects.get().cooperative == coop


def test_platform_staff_imports_into_any_cooperative(client, coop):
    admin = UserFactory(is_staff=True)

    body = upload(client, bulk_import_template("csv"), user=admin, cooperative=coop)

    assert body["data"]["productBulkImport"]["errors"] == []
    assert Product.objects.get().cooperative == coop


def test_errors_come_back_by_row_and_column_and_nothing_is_written(client, coop):
    content = csv_content(
        "Keripik;keripik-camilan;produk-desa;;;15000,50;;pecatu;ya",
        "Madu;sayur;produk-desa;;;15000;;pecatu;mungkin",
    )

    body = upload(client, content, user=staff_of(coop), cooperative=coop)

    result = body["data"]["productBulkImport"]
    assert (result["productsCreated"], result["variantsCreated"]) == (0, 0)
    assert result["errors"] == [
        {
            "row": 2,
            "column": "harga",
            "field": "file",
            "message": "Rupiah amounts cannot have a fraction; enter a whole number of rupiah.",
            "code": "INVALID",
        },
        {
            "row": 3,
            "column": "kategori",
            "field": "file",
            "message": "No category has this slug or name.",
            "code": "NOT_FOUND",
        },
        {
            "row": 3,
            "column": "terbit",
            "field": "file",
            "message": "Enter ya or tidak.",
            "code": "INVALID",
        },
    ]
    assert not Product.objects.exists()


def test_errors_are_in_indonesian_by_default(client, coop):
    content = csv_content("Keripik;keripik-camilan;produk-desa;;;15000,50;;;ya")

    body = upload(client, content, user=staff_of(coop), cooperative=coop, language=None)

    [error] = body["data"]["productBulkImport"]["errors"]
    assert (error["row"], error["column"], error["code"]) == (2, "harga", "INVALID")
    assert error["message"] == "Jumlah rupiah tidak boleh berisi pecahan; masukkan bilangan bulat."
    with translation.override("id"):  # a message added with the import, once translated
        translated = translation.gettext("No category has this slug or name.")
    if translated != "No category has this slug or name.":
        body = upload(
            client,
            csv_content("Keripik;sayur;produk-desa;;;15000;;;ya"),
            user=staff_of(coop),
            cooperative=coop,
            language=None,
        )
        assert body["data"]["productBulkImport"]["errors"][0]["message"] == translated


def test_refused_file_is_one_error_without_row(client, coop):
    body = upload(client, b"%PDF-1.4", user=staff_of(coop), cooperative=coop, filename="produk.pdf")

    assert body["data"]["productBulkImport"]["errors"] == [
        {
            "row": None,
            "column": None,
            "field": "file",
            "message": "Upload a CSV or XLSX file.",
            "code": "INVALID_FILE",
        }
    ]


def test_staff_of_another_cooperative_is_denied(client, coop):
    other_staff = staff_of(CooperativeFactory())

    body = upload(client, bulk_import_template("csv"), user=other_staff, cooperative=coop)

    assert body["data"] == {"productBulkImport": None}
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not Product.objects.exists()


@pytest.mark.parametrize("signed_in", [False, True])
def test_anonymous_and_users_without_cooperative_are_denied(client, coop, signed_in):
    user = UserFactory() if signed_in else None

    body = upload(client, bulk_import_template("csv"), user=user, cooperative=coop)

    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not Product.objects.exists()


def test_unknown_cooperative_is_denied_to_cooperative_staff(client, coop):
    staff = staff_of(coop)
    missing = CooperativeFactory()
    missing_id = missing.pk
    missing.delete()

    body = upload(
        client,
        bulk_import_template("csv"),
        user=staff,
        cooperative=global_id("Cooperative", missing_id),
    )

    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_staff_of_several_cooperatives_must_choose(client, coop):
    staff = staff_of(coop)
    CooperativeStaffFactory(user=staff)

    body = upload(client, bulk_import_template("csv"), user=staff)

    assert body["data"]["productBulkImport"]["errors"] == [
        {
            "row": None,
            "column": None,
            "field": "cooperative",
            "message": "Choose the cooperative to import into.",
            "code": "REQUIRED",
        }
    ]


# --- template download -----------------------------------------------------------------


def test_csv_template_download(client):
    response = client.get("/import-template/products.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="template-impor-produk.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), dialect=csv.Sniffer().sniff(text)))
    assert rows[0] == list(COLUMN_KEYS)
    assert len(rows) == 2


def test_xlsx_template_download(client):
    response = client.get("/import-template/products.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["Produk", "Petunjuk"]
    header = next(workbook["Produk"].iter_rows(max_row=1, values_only=True))
    assert list(header) == list(COLUMN_KEYS)


def test_other_template_formats_are_not_found(client):
    assert client.get("/import-template/products.ods").status_code == 404


def test_unknown_cooperative_is_not_found_for_platform_staff(client, coop):
    admin = UserFactory(is_staff=True)

    body = upload(
        client, bulk_import_template("csv"), user=admin, cooperative=global_id("Cooperative", 0)
    )

    result = body["data"]["productBulkImport"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("cooperative", "NOT_FOUND")]
    assert result["productsCreated"] is None
