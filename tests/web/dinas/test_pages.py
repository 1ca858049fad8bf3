"""The Dinas' district desk through Django's test client, on the supervised world of
tests/coop_reporting/supervision (Kudus, Semarang, Badung; pinned on 15 August 2026):
who may see what, the list's filters and sorting, bounded queries, exports."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from coop_reporting.district import services as district_services
from coop_reporting.exports.models import ReportExport, ReportExportStatus
from coop_reporting.exports.services import report_export_generate
from coop_reporting.rat.models import RatAttachment
from tests.coop_reporting.supervision.conftest import TODAY
from tests.factories.coop_rat import draft_report
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("web:dinas-overview")
LIST = reverse("web:dinas-list")


def page(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def names(response) -> list[str]:
    return [row.name for row in response.context["rows"]]


def coop_url(cooperative) -> str:
    return reverse("web:dinas-cooperative", args=[cooperative.pk])


def attachment_of(cooperative) -> RatAttachment:
    report = draft_report(cooperative, financial_year=2024)  # attachments go on drafts
    return RatAttachment.objects.create(
        report=report,
        kind="berita_acara",
        file=ContentFile(b"%PDF-1.4 berita acara", name="berita-acara.pdf"),
        file_name="berita-acara.pdf",
        content_type="application/pdf",
        size=21,
    )


# --- access ----------------------------------------------------------------------------


def test_not_signed_in_is_sent_to_sign_in(client, supervised):
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=/dinas/")


@pytest.mark.parametrize("who", ["coop_admin", "customer"])
def test_a_cooperative_admin_and_a_villager_get_404(client, supervised, who):
    user = getattr(supervised, who)
    for url in (OVERVIEW, LIST, coop_url(supervised.kudus_ksp)):
        assert page(client, user, url).status_code == 404


def test_a_badung_officer_gets_404_on_a_kudus_cooperative_and_its_rat_attachment(
    client, supervised
):
    attachment = attachment_of(supervised.kudus_ksp)
    client.force_login(supervised.bali_officer)
    assert client.get(coop_url(supervised.kudus_ksp)).status_code == 404
    url = reverse("web:dinas-rat-attachment", args=[supervised.kudus_ksp.pk, attachment.pk])
    assert client.get(url).status_code == 404
    # nor through his own cooperative's address
    other = reverse("web:dinas-rat-attachment", args=[supervised.bali_kud.pk, attachment.pk])
    assert client.get(other).status_code == 404
    # his own cooperative opens
    assert client.get(coop_url(supervised.bali_kud)).status_code == 200


def test_the_kudus_officer_downloads_the_rat_attachment(client, supervised):
    attachment = attachment_of(supervised.kudus_ksp)
    client.force_login(supervised.kudus_officer)
    response = client.get(coop_url(supervised.kudus_ksp))
    url = reverse("web:dinas-rat-attachment", args=[supervised.kudus_ksp.pk, attachment.pk])
    assert url in response.content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_an_unknown_cooperative_is_404(client, supervised):
    assert page(client, supervised.kudus_officer, "/dinas/koperasi/999999/").status_code == 404


# --- overview --------------------------------------------------------------------------


def test_the_overview_shows_the_region_counts_and_a_chart(client, supervised):
    response = page(client, supervised.kudus_officer, OVERVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    totals = response.context["totals"]
    assert totals.cooperatives == 3  # Kudus only, not Semarang nor Badung
    assert "Kudus" in html
    assert "KSP Artha Kudus" in html
    assert "KUD Mina Segara Pecatu" not in html
    assert html.count('class="bar"') == 24
    assert "<svg" in html
    assert "<title" in html
    assert "<table>" in html
    assert "Rp130.000" in html  # Kudus' sales in 2026


def test_the_overview_of_a_past_year(client, supervised):
    response = page(client, supervised.kudus_officer, OVERVIEW, tahun=2025)
    assert response.context["totals"].financial_year == 2025
    assert response.context["totals"].sales_this_year == 280_000


# --- the list --------------------------------------------------------------------------


def test_the_list_is_the_officers_scope(client, supervised):
    kudus = page(client, supervised.kudus_officer, LIST)
    assert sorted(names(kudus)) == ["KOPTAN Sepi Kudus", "KSP Artha Kudus", "KUD Makmur Kaliwungu"]
    jateng = page(client, supervised.jateng_officer, LIST)
    assert "KOPWAN Srikandi Semarang" in names(jateng)
    assert "KUD Mina Segara Pecatu" not in names(jateng)


def test_a_region_outside_the_scope_is_refused_next_to_the_field(client, supervised):
    response = page(client, supervised.kudus_officer, LIST, wilayah="51.03", q="a")
    # not one of the choices: the form says so next to the field, the list stays in the
    # scope and the other filters still apply
    assert response.context["form"].errors["wilayah"]
    assert 'id="id_wilayah-error"' in response.content.decode()
    assert "KUD Mina Segara Pecatu" not in names(response)
    assert sorted(names(response)) == [
        "KOPTAN Sepi Kudus",
        "KSP Artha Kudus",
        "KUD Makmur Kaliwungu",
    ]


def test_a_year_that_is_not_offered_shows_the_current_one(client, supervised):
    response = page(client, supervised.kudus_officer, OVERVIEW, tahun="1800")
    assert response.status_code == 200
    assert response.context["year"] == 2026


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "artha"}, ["KSP Artha Kudus"]),
        ({"jenis": "kud"}, ["KUD Makmur Kaliwungu"]),
        ({"peringatan": "no_sales"}, ["KUD Makmur Kaliwungu"]),
        ({"kesehatan": "Sehat"}, ["KSP Artha Kudus"]),
        ({"simpan_pinjam": "1"}, ["KOPWAN Srikandi Semarang", "KSP Artha Kudus"]),
        ({"merah_putih": "1"}, ["KOPWAN Srikandi Semarang"]),
        ({"wilayah": "33.74"}, ["KOPWAN Srikandi Semarang"]),
        ({"urut": "-sales"}, ["KSP Artha Kudus", "KOPWAN Srikandi Semarang"]),
    ],
)
def test_filters(client, supervised, params, expected):
    response = page(client, supervised.jateng_officer, LIST, **params)
    assert names(response)[: len(expected)] == expected
    if "urut" not in params:
        assert len(names(response)) == len(expected)


def test_sorting_by_sales_and_members(client, supervised):
    by_sales = names(page(client, supervised.kudus_officer, LIST, urut="-sales"))
    assert by_sales[0] == "KSP Artha Kudus"  # Rp130.000; the others sold nothing in 2026
    by_members = names(page(client, supervised.kudus_officer, LIST, urut="members"))
    assert by_members == ["KOPTAN Sepi Kudus", "KUD Makmur Kaliwungu", "KSP Artha Kudus"]


def test_rows_show_sales_in_rupiah_status_and_flags(client, supervised):
    html = page(client, supervised.kudus_officer, LIST).content.decode()
    assert "Rp130.000" in html
    assert "Penjualan turun" in html or "Sales dropped" in html


def test_the_list_reads_a_bounded_number_of_queries(
    client, supervised, django_assert_max_num_queries
):
    client.force_login(supervised.platform_staff)
    client.get(LIST)  # warm the session
    with django_assert_max_num_queries(8):
        small = client.get(LIST)
    for index in range(30):
        CooperativeFactory(name=f"Koperasi {index:02}", village=supervised.kudus_ksp.village)
    district_services.reporting_summaries_rebuild(today=TODAY)
    with django_assert_max_num_queries(8):
        large = client.get(LIST)
    assert len(large.context["rows"]) == 20
    assert len(small.context["rows"]) == 5
    # the overview too: totals, health, flags, 24 months and the flagged names
    with django_assert_max_num_queries(9):
        overview = client.get(OVERVIEW)
    assert overview.context["totals"].cooperatives == 35


# --- the cooperative page ----------------------------------------------------------------


def test_the_cooperative_page_shows_profile_health_rat_and_warnings(client, supervised):
    response = page(client, supervised.kudus_officer, coop_url(supervised.kudus_ksp))
    html = response.content.decode()
    assert response.status_code == 200
    assert "KSP Artha Kudus" in html
    assert "Rp130.000" in html  # marketplace sales of 2026
    assert "Permodalan" in html  # the health assessment aspect by aspect
    assert "2025" in html  # its RAT report
    flag = response.context["flags"][0]
    assert flag.reason in html


# --- exports -----------------------------------------------------------------------------


def test_an_export_is_requested_made_and_downloaded(client, supervised):
    client.force_login(supervised.kudus_officer)
    response = client.post(reverse("web:dinas-export-request"), {"format": "pdf"})
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dinas-export", args=[export.pk])
    assert export.kind == "district_report"
    assert export.parameters["regions"] == ["33.19"]
    waiting = client.get(response["Location"])
    assert b'http-equiv="refresh"' in waiting.content
    assert client.get(reverse("web:dinas-export-status", args=[export.pk])).json()["ready"] is False
    report_export_generate(export_id=export.pk)  # what the worker does
    ready = client.get(response["Location"])
    assert b'http-equiv="refresh"' not in ready.content
    state = client.get(reverse("web:dinas-export-status", args=[export.pk])).json()
    assert state["ready"] is True
    download = client.get(state["url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_list_export_keeps_the_filters(client, supervised):
    client.force_login(supervised.jateng_officer)
    client.post(
        reverse("web:dinas-export-request"),
        {"format": "csv", "wilayah": "33.74", "urut": "-sales"},
    )
    export = ReportExport.objects.get()
    assert export.format == "csv"
    assert export.parameters["regions"] == ["33.74"]
    assert export.parameters["sort"] == {"field": "sales_this_year", "direction": "desc"}


def test_another_regions_export_is_404_and_a_failed_one_says_so(client, supervised):
    client.force_login(supervised.kudus_officer)
    client.post(reverse("web:dinas-export-request"), {"format": "xlsx"})
    export = ReportExport.objects.get()
    client.force_login(supervised.bali_officer)
    assert client.get(reverse("web:dinas-export", args=[export.pk])).status_code == 404
    ReportExport.objects.filter(pk=export.pk).update(
        status=ReportExportStatus.FAILED, error="Tidak bisa."
    )
    client.force_login(supervised.kudus_officer)
    html = client.get(reverse("web:dinas-export", args=[export.pk])).content.decode()
    assert "Tidak bisa." in html
    assert 'http-equiv="refresh"' not in html


# --- the header's link -----------------------------------------------------------------


def test_the_header_links_dinas_officers_to_the_desk_with_one_cheap_lookup(
    client, supervised, django_assert_max_num_queries
):
    desk_link = f'href="{OVERVIEW}"'
    for who in ("kudus_officer", "jateng_officer", "platform_staff"):
        assert desk_link in page(client, getattr(supervised, who), "/").content.decode(), who
    for who in ("coop_admin", "customer"):
        assert desk_link not in page(client, getattr(supervised, who), "/").content.decode(), who
    client.logout()
    assert desk_link not in client.get("/").content.decode()

    # the desk's own check and the header share one read of the officer's assignments
    client.force_login(supervised.kudus_officer)
    with django_assert_max_num_queries(100) as overview:
        client.get(OVERVIEW)
    assignments = [q for q in overview.captured_queries if "dinasofficerassignment" in q["sql"]]
    assert len(assignments) == 1
