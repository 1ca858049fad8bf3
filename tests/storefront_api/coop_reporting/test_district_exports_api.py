"""District exports over /graphql/ and the download view: who may ask for which region,
the district list's filters and sort, errors as data, and who may download.

The supervised world of tests/coop_reporting/supervision/conftest.py (Kudus, Kota
Semarang, Badung; 15 August 2026).
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from coop_reporting.exports import services
from coop_reporting.exports.models import ReportExport
from coop_reporting.supervision import services as supervision_services
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, token_for

pytestmark = pytest.mark.django_db

REQUEST = """
mutation Request($input: ReportExportRequestInput!) {
  reportExportRequest(input: $input) {
    reportExport { id kind format status financialYear cooperative { name }
                   regency { code name } province { code name } }
    errors { field message code }
  }
}
"""
EXPORT = """
query Export($id: ID!) {
  reportExport(id: $id) { id status fileName contentType url error }
}
"""
KOPTAN, KOPWAN = "KOPTAN Sepi Kudus", "KOPWAN Srikandi Semarang"
KSP, KUD, BALI = "KSP Artha Kudus", "KUD Makmur Kaliwungu", "KUD Mina Segara Pecatu"


@pytest.fixture
def files(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def request(api, user, variables, *, language="id"):
    token = token_for(user) if user is not None else None
    return api.gql.execute(
        REQUEST, {"input": variables}, token=token, headers={"Accept-Language": language}
    )


def made(api, user, variables, *, language="id"):
    """Request an export, let the task run (in-process), then read it back."""
    result = request(api, user, variables, language=language)
    payload = result["data"]["reportExportRequest"]
    assert payload["errors"] == [], payload
    export_id = payload["reportExport"]["id"]
    services.report_export_generate(export_id=ReportExport.objects.latest("created_at").pk)
    return payload["reportExport"], api(EXPORT, {"id": export_id}, as_user=user)["data"][
        "reportExport"
    ]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def download(client, export) -> bytes:
    response = client.get(path_of(export["url"]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def errors(result) -> list[tuple[str, str]]:
    payload = result["data"]["reportExportRequest"]
    assert payload["reportExport"] is None
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_kudus_officer_exports_the_kudus_list_as_csv(api, supervised, files, client):
    requested, export = made(
        api, supervised.kudus_officer, {"kind": "DISTRICT_LIST", "format": "CSV"}
    )
    assert requested["kind"] == "DISTRICT_LIST"
    assert (requested["format"], requested["status"]) == ("CSV", "PENDING")
    assert (requested["financialYear"], requested["cooperative"]) == (2026, None)
    assert (requested["regency"], requested["province"]) == (None, None)  # their whole scope
    assert export["status"] == "SUCCESS"
    assert export["fileName"] == "daftar-koperasi-kabupaten-kudus-2026.csv"
    assert export["contentType"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(download(client, export).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Koperasi", "Nomor Induk Koperasi (NIK)", "Jenis", "Kabupaten/kota"]
    assert [row[0] for row in rows[1:]] == [KOPTAN, KSP, KUD]  # Kudus only
    assert rows[2][10:12] == ["130000", "80000"]


def test_filters_and_sort_of_the_district_list_apply_to_the_xlsx(api, supervised, files, client):
    variables = {
        "kind": "DISTRICT_LIST",
        "format": "XLSX",
        "province": "33",
        "districtFilter": {"cooperativeType": ["KUD", "KSP", "KOPWAN"], "flagged": True},
        "districtSortBy": {"field": "SALES_THIS_YEAR", "direction": "DESC"},
        "financialYear": 2026,
    }
    requested, export = made(api, supervised.jateng_officer, variables)
    assert requested["province"] == {"code": "33", "name": "Jawa Tengah"}
    assert export["fileName"] == "daftar-koperasi-provinsi-jawa-tengah-2026.xlsx"
    sheet = load_workbook(io.BytesIO(download(client, export))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [(row[0], row[10]) for row in rows[1:]] == [(KSP, 130_000), (KOPWAN, 45_000), (KUD, 0)]


def test_district_report_pdf_for_a_regency(api, supervised, files, client):
    variables = {"kind": "DISTRICT_REPORT", "format": "PDF", "regency": "33.19"}
    requested, export = made(api, supervised.jateng_officer, variables)
    assert requested["regency"] == {"code": "33.19", "name": "Kabupaten Kudus"}
    assert export["contentType"] == "application/pdf"
    reader = PdfReader(io.BytesIO(download(client, export)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Koperasi Kabupaten Kudus, tahun buku 2026" in text
    assert "Koperasi dengan peringatan dini (3)" in text
    assert "Rp130.000" in text
    assert KOPWAN not in text


def test_a_region_outside_the_scope_is_an_error(api, supervised, files):
    officer = supervised.kudus_officer
    for region, field in (({"regency": "51.03"}, "regency"), ({"province": "33"}, "province")):
        result = request(
            api, officer, {"kind": "DISTRICT_LIST", "format": "CSV", **region}, language="en"
        )
        assert errors(result) == [(field, "OUT_OF_SCOPE_REGION")]
        assert result["data"]["reportExportRequest"]["errors"][0]["message"] == (
            "You do not supervise this region."
        )
    bali_in_filter = {
        "kind": "DISTRICT_REPORT",
        "format": "PDF",
        "districtFilter": {"regency": "51.03"},
    }
    assert errors(request(api, officer, bali_in_filter)) == [("regency", "OUT_OF_SCOPE_REGION")]
    assert not ReportExport.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"regency": "33.99"}, "regency", "NOT_FOUND"),
        ({"regency": "Kudus"}, "regency", "INVALID"),
        ({"regency": "33.19", "districtFilter": {"regency": "33.74"}}, "regency", "INVALID"),
        ({"regency": "33.19", "province": "51"}, "regency", "INVALID"),
        ({"financialYear": 2030}, "financialYear", "INVALID"),
        ({"format": "PDF"}, "format", "UNSUPPORTED_FORMAT"),
        ({"kind": "DISTRICT_REPORT"}, "format", "UNSUPPORTED_FORMAT"),
    ],
)
def test_bad_district_requests_are_errors(api, supervised, overrides, field, code):
    variables = {"kind": "DISTRICT_LIST", "format": "CSV", **overrides}
    assert errors(request(api, supervised.platform_staff, variables)) == [(field, code)]
    assert not ReportExport.objects.exists()


def test_cooperative_staff_customers_and_anonymous_cannot_ask(api, supervised, files):
    for user in (supervised.coop_admin, supervised.customer, None):
        for kind, file_format in (("DISTRICT_LIST", "XLSX"), ("DISTRICT_REPORT", "PDF")):
            variables = {"kind": kind, "format": file_format, "regency": "33.19"}
            assert_permission_denied(request(api, user, variables))
    assert not ReportExport.objects.exists()


def test_who_may_see_and_download_a_district_export(api, supervised, files, client):
    variables = {"kind": "DISTRICT_REPORT", "format": "PDF"}
    _requested, export = made(api, supervised.kudus_officer, variables)
    bare = path_of(export["url"]).split("?")[0]
    # the province officer supervises Kudus too, platform staff everything
    for reader in (supervised.jateng_officer, supervised.platform_staff):
        theirs = api(EXPORT, {"id": export["id"]}, as_user=reader)["data"]["reportExport"]
        assert theirs["status"] == "SUCCESS"
        assert client.get(path_of(theirs["url"])).status_code == 200
        headers = {"Authorization": f"Bearer {token_for(reader)}"}
        assert client.get(bare, headers=headers).status_code == 200
    # Badung's officer, a Kudus cooperative's admin and anonymous users may not
    for outsider in (supervised.bali_officer, supervised.coop_admin, None):
        assert_permission_denied(api(EXPORT, {"id": export["id"]}, as_user=outsider))
    for outsider in (supervised.bali_officer, supervised.coop_admin):
        headers = {"Authorization": f"Bearer {token_for(outsider)}"}
        assert client.get(bare, headers=headers).status_code == 403
    # a province export is not the regency officer's to read
    _requested, province = made(api, supervised.jateng_officer, variables)
    assert_permission_denied(api(EXPORT, {"id": province["id"]}, as_user=supervised.kudus_officer))
    # an officer who loses the assignment loses the link, unless they asked for it
    theirs = api(EXPORT, {"id": export["id"]}, as_user=supervised.jateng_officer)["data"][
        "reportExport"
    ]
    assignment = supervised.jateng_officer.dinas_assignments.get()
    supervision_services.dinas_officer_unassign(assignment=assignment)
    assert client.get(path_of(theirs["url"])).status_code == 403
    assert client.get(path_of(export["url"])).status_code == 200  # the requester's own
