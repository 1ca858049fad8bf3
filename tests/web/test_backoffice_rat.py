"""The RAT report online and the KSP/USP health inputs in the back office, through
Django's test client on factory data: each section saves the draft, refusals are shown
next to the field (amounts in rupiah as Indonesians write them) and change nothing,
attachments are checked from their real bytes, submission, versions and who may see what."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from pypdf import PdfWriter

from coop_reporting.rat.models import HealthAssessment, KspHealthInput, RatReport
from tests.factories.coop_rat import JUTA, balanced_figures, draft_report
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from web.backoffice.rat import AMOUNT_FIELDS

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def coop():
    return CooperativeFactory(name="KUD Mina Segara", has_savings_unit=True)


@pytest.fixture
def admin(coop):
    return CooperativeStaffFactory(cooperative=coop, role="admin").user


@pytest.fixture
def other_admin():
    return CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(coop, report=None, part: str = "") -> str:
    if report is None:
        return f"/koperasi/{coop.pk}/rat/{part}"
    return f"/koperasi/{coop.pk}/rat/{report.pk}/{part}/"


def _pdf(pages: int = 2, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 180, 120)).save(buffer, "JPEG")
    return buffer.getvalue()


def _rupiah(value: int) -> str:
    return f"Rp{value:,}".replace(",", ".")


def _post_section(client, coop, report, part, fields):
    figures = balanced_figures()
    data = {}
    for name in fields:
        value = figures[name]
        if isinstance(value, bool):
            data[name] = "true" if value else "false"
        elif name in AMOUNT_FIELDS:
            data[name] = _rupiah(value)  # as people write it: Rp1.000.000.000
        else:
            data[name] = str(value)
    return client.post(_url(coop, report, part), data)


MEETING = ("rat_date", "method", "members_male", "members_female", "members_present")
BOARD = ("pengurus_count", "pengawas_count", "employee_count", "has_manager")
BALANCE = (
    "current_assets", "fixed_assets", "other_assets", "total_assets", "current_liabilities",
    "long_term_liabilities", "equity_simpanan_pokok", "equity_simpanan_wajib",
    "equity_cadangan", "equity_hibah", "equity_modal_penyertaan", "equity_shu_tahun_berjalan",
    "total_equity", "total_liabilities_and_equity",
)  # fmt: skip
INCOME = (
    "revenue_members", "revenue_other", "cost_of_revenue", "operating_expenses",
    "cooperative_expenses", "shu_before_tax", "tax", "shu_net",
)  # fmt: skip
PLAN = ("work_plan", "budget_income", "budget_expenses")
SHU = {
    "name_0": "Dana cadangan", "percentage_0": "40", "amount_0": "Rp40.000.000",
    "name_1": "Jasa anggota", "percentage_1": "40", "amount_1": "40.000.000",
    "name_2": "Dana pengurus", "percentage_2": "12,5", "amount_2": "12.500.000",
    "name_3": "Dana pendidikan", "percentage_3": "7,5", "amount_3": "7500000",
}  # fmt: skip


def _start(client, coop) -> RatReport:
    response = client.post(_url(coop, part="baru/"), {"financial_year": YEAR})
    report = RatReport.objects.get(cooperative=coop, financial_year=YEAR)
    assert response.status_code == 302
    assert response["Location"] == _url(coop, report, "rapat")
    return report


def test_each_section_saves_the_draft_and_leads_to_the_next(coop, admin):
    client = _client(admin)
    report = _start(client, coop)
    assert (report.version, report.status) == (1, "draft")
    steps = [("rapat", MEETING, "pengurus"), ("pengurus", BOARD, "neraca"),
             ("neraca", BALANCE, "hasil-usaha"), ("hasil-usaha", INCOME, "shu")]  # fmt: skip
    for part, fields, following in steps:
        response = _post_section(client, coop, report, part, fields)
        assert response.status_code == 302, response.content.decode()[-3000:]
        assert response["Location"] == _url(coop, report, following)
    response = client.post(_url(coop, report, "shu"), SHU)
    assert response["Location"] == _url(coop, report, "rencana")
    response = _post_section(client, coop, report, "rencana", PLAN)
    assert response["Location"] == _url(coop, report, "lampiran")
    report.refresh_from_db()
    expected = balanced_figures()
    for name in (*MEETING, *BOARD, *BALANCE, *INCOME, *PLAN):
        assert getattr(report, name) == expected[name], name
    shares = [(line.name, line.percentage, line.amount) for line in report.shu_distribution.all()]
    assert shares[2] == ("Dana pengurus", Decimal("12.50"), 12_500_000)
    page = client.get(_url(coop, report, "neraca")).content.decode()
    assert 'value="Rp1.000.000.000"' in page  # shown back as it was written


def test_a_total_that_does_not_add_up_is_shown_next_to_it_in_rupiah_and_nothing_is_saved(
    coop, admin
):
    client = _client(admin)
    report = draft_report(coop, actor=admin, current_assets=None, total_assets=None)
    data = {name: _rupiah(balanced_figures()[name]) for name in BALANCE}
    data["current_assets"] = "500.000.000"
    data["total_assets"] = "Rp1.100.000.000"
    response = client.post(_url(coop, report, "neraca"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<p class="error" id="id_total_assets-error">Total (Rp1.100.000.000) tidak sama dengan '
        "jumlah rinciannya (Rp1.000.000.000).</p>"
    ) in page
    assert 'value="Rp1.100.000.000"' in page  # what was typed stays in the field
    report.refresh_from_db()
    assert report.current_assets is None
    assert report.total_assets is None


def test_an_amount_that_is_not_a_number_is_refused_next_to_the_field(coop, admin):
    client = _client(admin)
    report = draft_report(coop, actor=admin)
    data = {name: _rupiah(balanced_figures()[name]) for name in INCOME}
    data["tax"] = "lima puluh juta"
    response = client.post(_url(coop, report, "hasil-usaha"), data)
    page = response.content.decode()
    assert 'id="id_tax-error">Tulis jumlah rupiah utuh, misalnya 1.100.000.000.</p>' in page
    report.refresh_from_db()
    assert report.tax == 50 * JUTA


def test_a_figure_of_another_page_that_no_longer_agrees_is_named_above_the_form(coop, admin):
    client = _client(admin)
    report = draft_report(coop, actor=admin)
    data = {name: _rupiah(balanced_figures()[name]) for name in INCOME}
    data["tax"] = "Rp60.000.000"
    data["shu_net"] = "Rp90.000.000"
    page = client.post(_url(coop, report, "hasil-usaha"), data).content.decode()
    assert (
        "SHU tahun berjalan: SHU di neraca (Rp100.000.000) berbeda dengan SHU bersih "
        "di perhitungan hasil usaha (Rp90.000.000)."
    ) in page
    report.refresh_from_db()
    assert report.shu_net == 100 * JUTA


def test_more_members_present_than_members_is_refused_on_the_meeting_page(coop, admin):
    client = _client(admin)
    report = draft_report(coop, actor=admin)
    response = client.post(
        _url(coop, report, "rapat"),
        {
            "rat_date": "2026-03-15",
            "method": "tatap_muka",
            "members_male": "60",
            "members_female": "70",
            "members_present": "200",
        },  # fmt: skip
    )
    page = response.content.decode()
    assert 'id="id_members_present-error">' in page
    assert "(200)" in page
    assert "(130)" in page
    report.refresh_from_db()
    assert report.members_present == 90


def test_a_pdf_and_a_photo_are_attached_and_a_bad_file_is_refused(coop, admin):
    client = _client(admin)
    report = draft_report(coop, actor=admin)
    url = _url(coop, report, "lampiran")
    response = client.post(url, {"kind": "berita_acara",
                                 "file": SimpleUploadedFile("ba.pdf", _pdf(3))})  # fmt: skip
    assert response.status_code == 302
    response = client.post(url, {"kind": "daftar_hadir",
                                 "file": SimpleUploadedFile("hadir.jpg", _photo())})  # fmt: skip
    assert response.status_code == 302
    stored = list(report.attachments.order_by("pk"))
    assert [(a.kind, a.content_type, a.page_count) for a in stored] == [
        ("berita_acara", "application/pdf", 3),
        ("daftar_hadir", "image/jpeg", None),
    ]
    page = client.get(url).content.decode()
    assert "ba.pdf" in page
    assert "3 halaman" in page
    download = client.get(f"/koperasi/{coop.pk}/rat/{report.pk}/berkas/{stored[0].pk}/")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    for name, content, message in (
        ("catatan.txt", b"ini bukan laporan", "Unggah berkas PDF, JPEG, PNG, atau WebP."),
        ("rahasia.pdf", _pdf(password="sandi"), "PDF ini dilindungi kata sandi."),
    ):
        response = client.post(url, {"kind": "other",
                                      "file": SimpleUploadedFile(name, content)})  # fmt: skip
        assert response.status_code == 200
        assert f'id="id_file-error">{message}' in response.content.decode()
    response = client.post(url, {"kind": "other"})
    assert 'id="id_file-error">Unggah berkas.</p>' in response.content.decode()
    assert report.attachments.count() == 2


def test_submitting_an_incomplete_draft_shows_what_is_missing_next_to_it(coop, admin):
    client = _client(admin)
    report = draft_report(coop, actor=admin, employee_count=None)
    response = client.post(_url(coop, report, "periksa"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="employee_count-error">Isi ini sebelum mengirim laporan.</p>' in page
    assert f'href="{_url(coop, report, "pengurus")}"' in page
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_complete_draft_is_submitted_and_then_read_only(coop, admin):
    client = _client(admin)
    report = draft_report(coop, actor=admin)
    response = client.post(_url(coop, report, "periksa"))
    assert response["Location"] == _url(coop)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.submitted_by == admin
    page = client.get(_url(coop, report, "neraca")).content.decode()
    assert "Rp1.000.000.000" in page
    assert '<form method="post" novalidate>' not in page  # no form: read-only
    response = client.post(_url(coop, report, "neraca"), {"total_assets": "1"})
    report.refresh_from_db()
    assert report.total_assets == 1_000 * JUTA


def test_a_correction_is_a_new_draft_version_and_earlier_versions_stay_readable(coop, admin):
    client = _client(admin)
    first = draft_report(coop, actor=admin)
    client.post(
        _url(coop, first, "lampiran"),
        {"kind": "berita_acara", "file": SimpleUploadedFile("ba.pdf", _pdf(1))},
    )
    client.post(_url(coop, first, "periksa"))
    first.refresh_from_db()
    assert first.status == "submitted"
    response = client.post(_url(coop, first, "koreksi"))
    draft = RatReport.objects.get(cooperative=coop, version=2)
    assert response["Location"] == _url(coop, draft, "rapat")
    assert draft.status == "draft"
    assert draft.total_assets == first.total_assets
    assert draft.attachments.get().file_name == "ba.pdf"
    client.post(
        _url(coop, draft, "pengurus"),
        {
            "pengurus_count": "5",
            "pengawas_count": "3",
            "employee_count": "4",
            "has_manager": "true",
        },
    )
    listing = client.get(_url(coop)).content.decode()
    assert "Versi 1" in listing
    assert "Versi 2" in listing
    old = client.get(_url(coop, first, "periksa")).content.decode()
    assert "Kirim laporan" not in old
    assert "Koreksi laporan ini" not in old
    first.refresh_from_db()
    draft.refresh_from_db()
    assert (first.pengurus_count, draft.pengurus_count) == (3, 5)
    response = client.post(_url(coop, first, "koreksi"))  # a draft already exists
    assert RatReport.objects.filter(cooperative=coop).count() == 2


def test_another_cooperatives_pengurus_gets_404_and_nothing_changes(coop, admin, other_admin):
    report = draft_report(coop, actor=admin)
    client = _client(other_admin)
    for url in (_url(coop), _url(coop, part="baru/"), _url(coop, report, "rapat"),
                _url(coop, report, "periksa"), f"/koperasi/{coop.pk}/kesehatan/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(_url(coop, report, "periksa")).status_code == 404
    assert client.post(_url(coop, report, "koreksi")).status_code == 404
    report.refresh_from_db()
    assert report.status == "draft"


def test_staff_who_are_not_admins_read_but_cannot_write(coop, admin):
    clerk = CooperativeStaffFactory(cooperative=coop, role="staff").user
    report = draft_report(coop, actor=admin)
    client = _client(clerk)
    page = client.get(_url(coop, report, "neraca")).content.decode()
    assert "Rp1.000.000.000" in page
    assert "Simpan dan lanjutkan" not in page
    assert client.post(_url(coop, report, "neraca"), {"tax": "1"}).status_code == 404
    assert client.post(_url(coop, report, "periksa")).status_code == 404
    assert client.get(_url(coop, part="baru/")).status_code == 404
    report.refresh_from_db()
    assert report.status == "draft"
    assert report.tax == 50 * JUTA


def test_visitors_are_sent_to_sign_in(coop):
    response = Client().get(_url(coop))
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


def test_home_and_nav_link_to_the_rat_report(coop, admin):
    page = _client(admin).get(f"/koperasi/{coop.pk}/").content.decode()
    assert f'href="/koperasi/{coop.pk}/rat/">Isi laporan RAT secara daring' in page
    assert f'href="/koperasi/{coop.pk}/kesehatan/">' in page


# --- KSP/USP health ------------------------------------------------------------------------


def test_health_inputs_are_saved_a_step_at_a_time_and_scored_aspect_by_aspect(coop, admin):
    client = _client(admin)
    base = f"/koperasi/{coop.pk}/kesehatan/{YEAR}/"
    page = client.get(base + "permodalan/").content.decode()
    assert "Modal sendiri" in page
    assert "ATMR" in page
    response = client.post(base + "permodalan/", {
        "modal_sendiri": "Rp400.000.000", "total_aset": "1.000.000.000",
        "pinjaman_berisiko": "50.000.000", "modal_sendiri_tertimbang": "300.000.000",
        "atmr": "600.000.000",
    })  # fmt: skip
    assert response["Location"] == base + "kualitas_aktiva_produktif/"
    stored = KspHealthInput.objects.get(cooperative=coop, financial_year=YEAR)
    assert stored.figures["modal_sendiri"] == 400 * JUTA
    result = client.get(base + "hasil/").content.decode()
    assert "Belum bisa dinilai: angka-angka ini belum ada:" in result
    assert "Volume pinjaman anggota" in result  # the figure's label, not its key
    assessment = HealthAssessment.objects.get(cooperative=coop, financial_year=YEAR)
    assert not assessment.is_assessable
    assert "kas" in assessment.missing_inputs


def test_a_full_health_input_shows_the_score_of_each_aspect(coop, admin):
    from coop_reporting.rat import services

    services.ksp_health_input_set(
        cooperative=coop, financial_year=YEAR, figures=_all_health_figures(), actor=admin
    )
    page = _client(admin).get(f"/koperasi/{coop.pk}/kesehatan/{YEAR}/hasil/").content.decode()
    assessment = HealthAssessment.objects.get(cooperative=coop, financial_year=YEAR)
    assert assessment.is_assessable
    for aspect in assessment.aspects:
        skor = aspect["skor"].replace(".", ",")  # a decimal comma, as Indonesians write it
        assert f"{aspect['name']}: {skor} / {aspect['weight']}" in page
    assert assessment.category in page


def test_a_bad_health_figure_is_refused_next_to_it_and_nothing_changes(coop, admin):
    client = _client(admin)
    base = f"/koperasi/{coop.pk}/kesehatan/{YEAR}/"
    response = client.post(base + "permodalan/", {"modal_sendiri": "5.000", "atmr": "x"})
    assert 'id="id_atmr-error">Tulis jumlah rupiah utuh' in response.content.decode()
    assert not KspHealthInput.objects.filter(cooperative=coop).exists()
    response = client.post(base + "permodalan/", {"modal_sendiri": "-5.000"})
    assert 'id="id_modal_sendiri-error">Modal sendiri tidak boleh negatif.' in (
        response.content.decode()
    )
    assert not KspHealthInput.objects.filter(cooperative=coop).exists()


def test_health_pages_are_404_for_a_cooperative_without_a_savings_unit(admin):
    shop = CooperativeFactory(has_savings_unit=False)
    user = CooperativeStaffFactory(cooperative=shop, role="admin").user
    client = _client(user)
    assert client.get(f"/koperasi/{shop.pk}/kesehatan/").status_code == 404
    assert (
        f"/koperasi/{shop.pk}/kesehatan/"
        not in client.get(f"/koperasi/{shop.pk}/").content.decode()
    )


def _all_health_figures() -> dict[str, int]:
    from coop_reporting import indicators
    from coop_reporting.rules.loader import load_rules

    rules = load_rules("ksp_health_perdep_06_2016")
    figures = dict.fromkeys(indicators.required_inputs(rules), 100 * JUTA)
    for name in figures:
        if name.endswith("_ya"):
            figures[name] = 4
    return figures
