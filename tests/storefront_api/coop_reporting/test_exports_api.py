"""reportExportRequest / reportExport over /graphql/ and the download view: who may ask,
who may download, and errors as data."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from coop_reporting.exports import services
from coop_reporting.exports.models import ReportExport
from marketplace.village_hubs.models import CooperativeStaff
from tests.factories.coop_sales import sales_history
from tests.storefront_api.village_hubs.conftest import (
    assert_permission_denied,
    gid,
    token_for,
)

pytestmark = pytest.mark.django_db

REQUEST = """
mutation Request($input: ReportExportRequestInput!) {
  reportExportRequest(input: $input) {
    reportExport { id kind format status url cooperative { name } financialYear producerId
                   startsOn endsOn }
    errors { field message code }
  }
}
"""
EXPORT = """
query Export($id: ID!) {
  reportExport(id: $id) { id status fileName contentType size url error finishedAt }
}
"""


@pytest.fixture
def history(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return sales_history(world.coop_a, entered_by=world.admin_a)


def profile_input(world, **overrides):
    return {
        "kind": "COOPERATIVE_PROFILE",
        "format": "XLSX",
        "cooperative": gid("Cooperative", world.coop_a.pk),
        "financialYear": 2024,
        **overrides,
    }


def made(api, world, variables, user, *, language="en"):
    """Request an export (in ``language``), let the task run (in-process), then read it
    back."""
    result = api.gql.execute(
        REQUEST,
        {"input": variables},
        token=token_for(user),
        headers={"Accept-Language": language},
    )
    payload = result["data"]["reportExportRequest"]
    assert payload["errors"] == [], payload
    export_id = payload["reportExport"]["id"]
    services.report_export_generate(export_id=ReportExport.objects.get().pk)
    return payload, api(EXPORT, {"id": export_id}, as_user=user)["data"]["reportExport"]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_pengurus_requests_a_profile_and_downloads_it(api, world, history, client):
    # a client in Bahasa Indonesia gets the file in Bahasa Indonesia
    payload, export = made(api, world, profile_input(world), world.admin_a, language="id")
    requested = payload["reportExport"]
    assert requested["kind"] == "COOPERATIVE_PROFILE"
    assert (requested["format"], requested["status"], requested["url"]) == (
        "XLSX",
        "PENDING",
        None,
    )
    assert requested["cooperative"] == {"name": "Koperasi Pecatu Makmur"}
    assert requested["financialYear"] == 2024
    assert export["status"] == "SUCCESS"
    assert export["fileName"] == "profil-koperasi-koperasi-pecatu-makmur-2024.xlsx"
    assert export["error"] is None
    assert "/reports/exports/" in export["url"]
    assert "token=" in export["url"]
    # the link works without any header (as a browser opens it)
    response = client.get(path_of(export["url"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="profil-koperasi-koperasi-pecatu-makmur-2024.xlsx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    summary = {row[0]: row[1] for row in workbook["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Volume usaha (Rp)"] == 200_000


def test_statement_export_of_a_producer(api, world, history):
    variables = {
        "kind": "PRODUCER_STATEMENT",
        "format": "CSV",
        "producer": gid("Producer", history.keripik.pk),
        "from": "2024-01-01",
        "until": "2024-12-31",
    }
    payload, export = made(api, world, variables, world.staff_a)
    requested = payload["reportExport"]
    assert requested["producerId"] == gid("Producer", history.keripik.pk)
    assert (requested["startsOn"], requested["endsOn"]) == ("2024-01-01", "2024-12-31")
    assert requested["cooperative"] == {"name": "Koperasi Pecatu Makmur"}
    assert export["contentType"] == "text/csv; charset=utf-8"
    # a client in English gets it in English
    assert export["fileName"] == "producer-statement-keripik-bu-sari-20240101-20241231.csv"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"cooperative": gid("Cooperative", 987_654)}, "cooperative", "NOT_FOUND"),
        ({"cooperative": None}, "cooperative", "REQUIRED"),
        ({"financialYear": 1990}, "financialYear", "INVALID"),
        ({"kind": "PRODUCER_STATEMENT", "from": "2024-01-01"}, "producer", "REQUIRED"),
    ],
)
def test_bad_requests_are_errors_and_store_nothing(api, world, history, overrides, field, code):
    result = api(REQUEST, {"input": profile_input(world, **overrides)}, as_user=world.admin_a)
    payload = result["data"]["reportExportRequest"]
    assert payload["reportExport"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert not ReportExport.objects.exists()


def test_statement_period_errors(api, world, history):
    variables = {
        "kind": "PRODUCER_STATEMENT",
        "format": "PDF",
        "producer": gid("Producer", history.keripik.pk),
        "from": "2024-03-01",
        "until": "2024-02-01",
    }
    payload = api(REQUEST, {"input": variables}, as_user=world.admin_a)["data"][
        "reportExportRequest"
    ]
    assert payload["errors"] == [
        {
            "field": "until",
            "message": "The end of the period is before its start.",
            "code": "INVALID_PERIOD",
        }
    ]


def test_other_cooperatives_and_anonymous_may_not_request(api, world, history):
    statement = {
        "kind": "PRODUCER_STATEMENT",
        "format": "PDF",
        "producer": gid("Producer", history.keripik.pk),
        "from": "2024-01-01",
        "until": "2024-12-31",
    }
    for user in (world.admin_b, world.customer, world.operator_1, None):
        assert_permission_denied(api(REQUEST, {"input": profile_input(world)}, as_user=user))
        assert_permission_denied(api(REQUEST, {"input": statement}, as_user=user))
    assert not ReportExport.objects.exists()


def test_who_may_see_and_download_an_export(api, world, history, client, gql, settings):
    _payload, export = made(api, world, profile_input(world, format="PDF"), world.admin_a)
    export_id = export["id"]
    download = path_of(export["url"])
    bare = download.split("?")[0]
    # another cooperative's admin and anonymous users cannot see it
    for user in (world.admin_b, world.customer, None):
        assert_permission_denied(api(EXPORT, {"id": export_id}, as_user=user))
    # a staff member of the cooperative may, with a link of their own
    theirs = api(EXPORT, {"id": export_id}, as_user=world.staff_a)["data"]["reportExport"]
    assert client.get(path_of(theirs["url"])).status_code == 200
    # no token and no header: refused; a signed-in outsider: refused; a reader: served
    assert client.get(bare).status_code == 403
    outsider = {"Authorization": f"Bearer {token_for(world.admin_b)}"}
    assert client.get(bare, headers=outsider).status_code == 403
    reader = {"Authorization": f"Bearer {token_for(world.staff_a)}"}
    response = client.get(bare, headers=reader)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # a tampered token, or one of another export, is refused
    assert client.get(download[:-3] + "abc").status_code == 403
    other = ReportExport.objects.create(kind="cooperative_profile", format="pdf")
    assert client.get(f"/reports/exports/{other.pk}/download/").status_code == 404  # not ready
    token = download.split("token=")[1]
    assert client.get(f"/reports/exports/{other.pk}/download/?token={token}").status_code == 404
    # a link stops working when it expires, or when its user loses access
    assert client.get(path_of(theirs["url"])).status_code == 200
    CooperativeStaff.objects.filter(user=world.staff_a).delete()
    assert client.get(path_of(theirs["url"])).status_code == 403
    settings.REPORT_EXPORT_LINK_MAX_AGE = -1
    assert client.get(download).status_code == 403


def test_unknown_export_is_null_or_not_found(api, world, client):
    missing = gid("ReportExport", "6c1a0b52-47a4-4d6e-9a43-1d9f4b7f3a11")
    assert api(EXPORT, {"id": missing}, as_user=world.admin_a)["data"]["reportExport"] is None
    response = client.get("/reports/exports/6c1a0b52-47a4-4d6e-9a43-1d9f4b7f3a11/download/")
    assert response.status_code == 404
