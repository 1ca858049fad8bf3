"""RAT reports and health assessments over /graphql/: who may do what, errors as data."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from coop_reporting.rat.models import HealthAssessment, RatAttachment, RatReport
from tests.coop_reporting.test_ksp_health import KSP_SEJAHTERA
from tests.factories.coop_rat import JUTA, draft_report, submitted_report
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid, token_for

pytestmark = pytest.mark.django_db

REPORT_FIELDS = """
  id financialYear version status isCurrent ratDate method deadline isLate daysLate
  membersPresent
  balanceSheet { totalAssets totalLiabilitiesAndEquity }
  incomeStatement { shuNet }
  shuDistribution { name percentage amount }
  attachments { kind url contentType pageCount }
  versions { version status }
"""
CREATE = f"""
mutation Create($input: RatReportCreateInput!) {{
  ratReportCreate(input: $input) {{
    ratReport {{ {REPORT_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""
UPDATE = f"""
mutation Update($id: ID!, $input: RatReportInput!) {{
  ratReportUpdate(id: $id, input: $input) {{
    ratReport {{ {REPORT_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""
SUBMIT = f"""
mutation Submit($id: ID!) {{
  ratReportSubmit(id: $id) {{ ratReport {{ {REPORT_FIELDS} }} errors {{ field message code }} }}
}}
"""
CORRECT = f"""
mutation Correct($id: ID!) {{
  ratReportCorrect(id: $id) {{ ratReport {{ {REPORT_FIELDS} }} errors {{ field message code }} }}
}}
"""
REPORT = f"query Report($id: ID!) {{ ratReport(id: $id) {{ {REPORT_FIELDS} }} }}"
REPORTS = """
query Reports($cooperative: ID) {
  ratReports(cooperative: $cooperative, first: 10) {
    totalCount edges { node { version status cooperative { name } } }
  }
}
"""
HEALTH_SET = """
mutation Set($cooperative: ID!, $figures: [KspHealthFigureInput!]!) {
  kspHealthInputSet(cooperative: $cooperative, financialYear: 2025, figures: $figures) {
    healthAssessment { total category isAssessable missingInputs }
    errors { field message code }
  }
}
"""
HEALTH = """
query Health($cooperative: ID!) {
  healthAssessment(cooperative: $cooperative, financialYear: 2025) {
    total category rulesId
    aspects { key skor category components { key ratio nilai skor } }
  }
}
"""
STATUS = """
query Status($cooperative: ID!) {
  cooperativeStatus(cooperative: $cooperative) { aktif ratHeldThisYear ratOverdue lastRatDate }
}
"""
UPLOAD = """
mutation Upload($input: RatAttachmentUploadInput!) {
  ratAttachmentUpload(input: $input) {
    attachment { kind url contentType pageCount }
    errors { field message code }
  }
}
"""


def create_input(world, **overrides):
    data = {
        "cooperative": gid("Cooperative", world.coop_a.pk),
        "financialYear": 2025,
        "ratDate": "2026-03-15",
        "method": "TATAP_MUKA",
        "membersMale": 60,
        "membersFemale": 70,
        "membersPresent": 90,
        "pengurusCount": 3,
        "pengawasCount": 3,
        "employeeCount": 4,
        "hasManager": True,
        "balanceSheet": {
            "currentAssets": 500 * JUTA,
            "fixedAssets": 300 * JUTA,
            "otherAssets": 200 * JUTA,
            "totalAssets": 1_000 * JUTA,
            "currentLiabilities": 200 * JUTA,
            "longTermLiabilities": 100 * JUTA,
            "equitySimpananPokok": 50 * JUTA,
            "equitySimpananWajib": 250 * JUTA,
            "equityCadangan": 150 * JUTA,
            "equityHibah": 50 * JUTA,
            "equityModalPenyertaan": 100 * JUTA,
            "equityShuTahunBerjalan": 100 * JUTA,
            "totalEquity": 700 * JUTA,
            "totalLiabilitiesAndEquity": 1_000 * JUTA,
        },
        "incomeStatement": {
            "revenueMembers": 800 * JUTA,
            "revenueOther": 100 * JUTA,
            "costOfRevenue": 500 * JUTA,
            "operatingExpenses": 200 * JUTA,
            "cooperativeExpenses": 50 * JUTA,
            "shuBeforeTax": 150 * JUTA,
            "tax": 50 * JUTA,
            "shuNet": 100 * JUTA,
        },
        "shuDistribution": [
            {"name": "Dana cadangan", "percentage": "40", "amount": 40 * JUTA},
            {"name": "Jasa anggota", "percentage": "60", "amount": 60 * JUTA},
        ],
        "workPlan": "Gerai sembako kedua.",
        "budgetIncome": 950 * JUTA,
        "budgetExpenses": 820 * JUTA,
    }
    data.update(overrides)
    return data


def test_pengurus_creates_and_submits_a_report(api, world):
    # when
    created = api(CREATE, {"input": create_input(world)}, as_user=world.admin_a)
    assert "errors" not in created, created
    payload = created["data"]["ratReportCreate"]
    assert payload["errors"] == []
    report_id = payload["ratReport"]["id"]
    submitted = api(SUBMIT, {"id": report_id}, as_user=world.admin_a)["data"]["ratReportSubmit"]
    # then
    assert submitted["errors"] == []
    report = submitted["ratReport"]
    assert report["status"] == "SUBMITTED"
    assert report["isCurrent"] is True
    assert report["deadline"] == "2026-06-30"
    assert (report["isLate"], report["daysLate"]) == (False, 0)
    assert report["balanceSheet"]["totalAssets"] == 1_000 * JUTA  # beyond GraphQL's Int
    assert report["shuDistribution"][1] == {
        "name": "Jasa anggota",
        "percentage": 60.0,
        "amount": 60 * JUTA,
    }


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        # hibah 50 → 60: the total equity of 700 is no longer the sum of its items
        ({"balanceSheet": {"equityHibah": 60 * JUTA}}, "totalEquity", "TOTAL_MISMATCH"),
        (
            {"balanceSheet": {"otherAssets": 300 * JUTA, "totalAssets": 1_100 * JUTA}},
            "totalLiabilitiesAndEquity",
            "BALANCE_SHEET_UNBALANCED",
        ),
        ({"incomeStatement": {"tax": 10 * JUTA}}, "shuNet", "INCOME_STATEMENT_MISMATCH"),
        (
            {
                "shuDistribution": [
                    {"name": "Jasa anggota", "percentage": "90", "amount": 100 * JUTA}
                ]
            },
            "shuDistribution",
            "SHU_DISTRIBUTION_MISMATCH",
        ),
        ({"membersPresent": 500}, "membersPresent", "ATTENDANCE_EXCEEDS_MEMBERS"),
        ({"budgetIncome": -5}, "budgetIncome", "NEGATIVE_AMOUNT"),
        # amounts are Saleor's Decimal on the wire, but whole rupiah only
        ({"balanceSheet": {"equityHibah": 50 * JUTA + 0.5}}, "equityHibah", "INVALID"),
        (
            {"shuDistribution": [{"name": "Jasa", "percentage": "100", "amount": 1.5}]},
            "shuDistribution",
            "INVALID",
        ),
    ],
)
def test_update_refusals_come_back_as_errors_and_change_nothing(api, world, changes, field, code):
    report = draft_report(world.coop_a)
    before = RatReport.objects.values().get(pk=report.pk)

    result = api(
        UPDATE, {"id": gid("RatReport", report.pk), "input": changes}, as_user=world.admin_a
    )

    payload = result["data"]["ratReportUpdate"]
    assert payload["ratReport"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert RatReport.objects.values().get(pk=report.pk) == before


def test_submitted_report_is_frozen_and_corrected_as_a_new_version(api, world):
    report = submitted_report(world.coop_a)
    report_id = gid("RatReport", report.pk)

    refused = api(UPDATE, {"id": report_id, "input": {"membersPresent": 1}}, as_user=world.admin_a)
    corrected = api(CORRECT, {"id": report_id}, as_user=world.admin_a)

    assert [(e["field"], e["code"]) for e in refused["data"]["ratReportUpdate"]["errors"]] == [
        ("id", "NOT_DRAFT")
    ]
    draft = corrected["data"]["ratReportCorrect"]["ratReport"]
    assert (draft["version"], draft["status"], draft["isCurrent"]) == (2, "DRAFT", False)
    assert draft["versions"] == [
        {"version": 1, "status": "SUBMITTED"},
        {"version": 2, "status": "DRAFT"},
    ]
    report.refresh_from_db()
    assert report.members_present == 90


def test_permission_matrix(api, world):
    # given
    report = draft_report(world.coop_a)
    report_id = gid("RatReport", report.pk)
    coop_a = gid("Cooperative", world.coop_a.pk)
    # then: readers
    for reader in (world.admin_a, world.staff_a, world.platform_staff):
        result = api(REPORT, {"id": report_id}, as_user=reader)
        assert result["data"]["ratReport"]["version"] == 1, reader
    for outsider in (world.admin_b, world.customer, world.operator_1, None):
        assert_permission_denied(api(REPORT, {"id": report_id}, as_user=outsider))
        assert_permission_denied(api(REPORTS, {"cooperative": coop_a}, as_user=outsider))
    # then: writers
    for not_admin in (world.staff_a, world.admin_b, world.customer, None):
        assert_permission_denied(
            api(UPDATE, {"id": report_id, "input": {"membersPresent": 1}}, as_user=not_admin)
        )
        assert_permission_denied(api(SUBMIT, {"id": report_id}, as_user=not_admin))
        assert_permission_denied(
            api(CREATE, {"input": create_input(world, financialYear=2024)}, as_user=not_admin)
        )
    report.refresh_from_db()
    assert (report.status, report.members_present) == ("draft", 90)
    assert RatReport.objects.count() == 1
    # platform staff may write
    result = api(SUBMIT, {"id": report_id}, as_user=world.platform_staff)
    assert result["data"]["ratReportSubmit"]["errors"] == []


def test_reports_list_only_shows_the_viewers_cooperatives(api, world):
    draft_report(world.coop_a)
    draft_report(world.coop_b)

    mine = api(REPORTS, {}, as_user=world.staff_a)["data"]["ratReports"]
    everything = api(REPORTS, {}, as_user=world.platform_staff)["data"]["ratReports"]

    assert mine["totalCount"] == 1
    assert mine["edges"][0]["node"]["cooperative"]["name"] == "Koperasi Pecatu Makmur"
    assert everything["totalCount"] == 2


def _upload(client, user, report, content: bytes, name: str) -> dict:
    operations = {
        "query": UPLOAD,
        "variables": {
            "input": {"report": gid("RatReport", report.pk), "kind": "BERITA_ACARA", "file": None}
        },
    }
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
            "0": SimpleUploadedFile(name, content),
        },
        headers={"Authorization": f"Bearer {token_for(user)}", "Accept-Language": "en"},
    )
    assert response.status_code == 200, response.content
    return response.json()


def _pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_upload_pdf_gives_an_absolute_url(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    report = draft_report(world.coop_a)

    result = _upload(client, world.admin_a, report, _pdf(), "berita-acara.pdf")

    payload = result["data"]["ratAttachmentUpload"]
    assert payload["errors"] == []
    assert payload["attachment"]["contentType"] == "application/pdf"
    assert payload["attachment"]["pageCount"] == 1
    assert payload["attachment"]["url"].startswith(settings.PUBLIC_URL + "/media/rat/")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (_pdf(password="rahasia"), "ENCRYPTED_FILE"),
        (b"%PDF-1.4\nnot really a pdf", "CORRUPT_FILE"),
        ("gif", "UNSUPPORTED_FILE_TYPE"),
    ],
    ids=["encrypted", "corrupt", "gif"],
)
def test_upload_refusals(client, world, settings, tmp_path, content, code):
    settings.MEDIA_ROOT = str(tmp_path)
    if content == "gif":
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="GIF")
        content = buffer.getvalue()
    report = draft_report(world.coop_a)

    result = _upload(client, world.admin_a, report, content, "lampiran")

    payload = result["data"]["ratAttachmentUpload"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("file", code)]
    assert not RatAttachment.objects.exists()


def test_upload_by_staff_member_is_denied(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    report = draft_report(world.coop_a)

    result = _upload(client, world.staff_a, report, _pdf(), "berita-acara.pdf")

    assert_permission_denied(result)
    assert not RatAttachment.objects.exists()


def test_health_assessment_explains_its_score(api, world):
    world.coop_a.has_savings_unit = True
    world.coop_a.save()
    coop_a = gid("Cooperative", world.coop_a.pk)
    figures = [{"name": name, "value": value} for name, value in KSP_SEJAHTERA.items()]

    set_result = api(HEALTH_SET, {"cooperative": coop_a, "figures": figures}, as_user=world.admin_a)
    read = api(HEALTH, {"cooperative": coop_a}, as_user=world.staff_a)

    assert set_result["data"]["kspHealthInputSet"]["errors"] == []
    assessment = read["data"]["healthAssessment"]
    assert (assessment["total"], assessment["category"]) == (80.80, "Sehat")
    likuiditas = next(a for a in assessment["aspects"] if a["key"] == "likuiditas")
    assert likuiditas["components"][0] == {
        "key": "rasio_kas",
        "ratio": 12.5,
        "nilai": 100.0,
        "skor": 10.0,
    }
    assert_permission_denied(
        api(HEALTH_SET, {"cooperative": coop_a, "figures": figures}, as_user=world.staff_a)
    )
    assert_permission_denied(api(HEALTH, {"cooperative": coop_a}, as_user=world.admin_b))


def test_health_input_for_a_cooperative_without_savings_unit_is_refused(api, world):
    coop_a = gid("Cooperative", world.coop_a.pk)

    result = api(
        HEALTH_SET, {"cooperative": coop_a, "figures": [{"name": "kas", "value": 1}]},
        as_user=world.admin_a,
    )  # fmt: skip

    errors = result["data"]["kspHealthInputSet"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("cooperative", "NO_SAVINGS_UNIT")]
    assert not HealthAssessment.objects.exists()


def test_cooperative_status_for_its_staff(api, world):
    submitted_report(world.coop_a)

    result = api(
        STATUS, {"cooperative": gid("Cooperative", world.coop_a.pk)}, as_user=world.staff_a
    )

    status = result["data"]["cooperativeStatus"]
    assert status["aktif"] is True
    assert status["lastRatDate"] == "2026-03-15"
