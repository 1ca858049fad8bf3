from django.urls import path

from web.backoffice import (
    activity,
    consultation,
    exports,
    health,
    imports,
    members,
    orders,
    producers,
    products,
    rat,
    rat_meetings,
    shu,
    views,
)

urlpatterns = [
    path("", views.choose, name="backoffice"),
    path("<int:cooperative_id>/", views.home, name="backoffice-home"),
    path("<int:cooperative_id>/produk/", views.products, name="backoffice-products"),
    path("<int:cooperative_id>/pesanan/", orders.orders_to_prepare, name="backoffice-orders"),
    path(
        "<int:cooperative_id>/pesanan/<uuid:order_id>/siap/",
        orders.order_ready,
        name="backoffice-order-ready",
    ),
    path("<int:cooperative_id>/produsen/", producers.producers, name="backoffice-producers"),
    path(
        "<int:cooperative_id>/produsen/baru/",
        producers.producer_edit,
        name="backoffice-producer-add",
    ),
    path(
        "<int:cooperative_id>/produsen/<int:producer_id>/",
        producers.producer_edit,
        name="backoffice-producer",
    ),
    path(
        "<int:cooperative_id>/produsen/<int:producer_id>/laporan/",
        producers.statement,
        name="backoffice-statement",
    ),
    path(
        "<int:cooperative_id>/produsen/<int:producer_id>/laporan/unduh/",
        exports.statement_export,
        name="backoffice-statement-export",
    ),
    path(
        "<int:cooperative_id>/unduhan/<uuid:export_id>/",
        exports.export_status,
        name="backoffice-export",
    ),
    path(
        "<int:cooperative_id>/unduhan/<uuid:export_id>/berkas/",
        exports.export_download,
        name="backoffice-export-download",
    ),
    path("<int:cooperative_id>/shu/", shu.shu_index, name="backoffice-shu-index"),
    path("<int:cooperative_id>/shu/<int:year>/", shu.shu_page, name="backoffice-shu"),
    path(
        "<int:cooperative_id>/shu/<int:year>/unduh/", shu.shu_export, name="backoffice-shu-export"
    ),
    path(
        "<int:cooperative_id>/shu/<int:year>/transaksi/",
        shu.offline_transactions,
        name="backoffice-shu-transactions",
    ),
    path("<int:cooperative_id>/anggota/", members.member_list, name="backoffice-members"),
    path("<int:cooperative_id>/anggota/baru/", members.member_edit, name="backoffice-member-add"),
    path(
        "<int:cooperative_id>/anggota/<int:member_id>/",
        members.member_edit,
        name="backoffice-member",
    ),
    path(
        "<int:cooperative_id>/anggota/<int:member_id>/simpanan/",
        members.member_savings,
        name="backoffice-member-savings",
    ),
    path(
        "<int:cooperative_id>/anggota/<int:member_id>/undangan/",
        members.member_invitation_resend,
        name="backoffice-member-invitation-resend",
    ),
    path(
        "<int:cooperative_id>/anggota/impor/",
        members.member_import_page,
        name="backoffice-members-import",
    ),
    path(
        "<int:cooperative_id>/anggota/unduh/",
        members.member_export,
        name="backoffice-members-export",
    ),
    path(
        "<int:cooperative_id>/anggota/permohonan/",
        members.applications,
        name="backoffice-applications",
    ),
    path(
        "<int:cooperative_id>/anggota/permohonan/<int:application_id>/",
        members.application_decide,
        name="backoffice-application-decide",
    ),
    path("<int:cooperative_id>/kegiatan/", activity.activity, name="backoffice-activity"),
    path("<int:cooperative_id>/impor/", imports.bulk_import, name="backoffice-import"),
    path("<int:cooperative_id>/produk/baru/", products.details, name="backoffice-product-add"),
    path(
        "<int:cooperative_id>/produk/<int:product_id>/",
        products.details,
        name="backoffice-product",
    ),
    path(
        "<int:cooperative_id>/produk/<int:product_id>/ukuran/",
        products.sizes,
        name="backoffice-product-sizes",
    ),
    path(
        "<int:cooperative_id>/produk/<int:product_id>/foto/",
        products.photo,
        name="backoffice-product-photo",
    ),
    path(
        "<int:cooperative_id>/produk/<int:product_id>/jual/",
        products.selling,
        name="backoffice-product-selling",
    ),
    path(
        "<int:cooperative_id>/konsultasi/",
        consultation.threads,
        name="backoffice-consultations",
    ),
    path(
        "<int:cooperative_id>/konsultasi/tanya/",
        consultation.ask,
        name="backoffice-consultation-ask",
    ),
    path(
        "<int:cooperative_id>/konsultasi/<int:thread_id>/",
        consultation.thread,
        name="backoffice-consultation",
    ),
    path(
        "<int:cooperative_id>/konsultasi/<int:thread_id>/tutup/",
        consultation.close,
        name="backoffice-consultation-close",
    ),
    path(
        "<int:cooperative_id>/konsultasi/<int:thread_id>/lampiran/<int:attachment_id>/",
        consultation.attachment,
        name="backoffice-consultation-attachment",
    ),
]

urlpatterns += [
    path("<int:cooperative_id>/rat/", rat.reports, name="backoffice-rat"),
    path("<int:cooperative_id>/rat/rapat/", rat_meetings.meetings, name="backoffice-rat-meetings"),
    path(
        "<int:cooperative_id>/rat/rapat/<int:meeting_id>/",
        rat_meetings.meeting_detail,
        name="backoffice-rat-meeting",
    ),
    path(
        "<int:cooperative_id>/rat/rapat/<int:meeting_id>/undangan/",
        rat_meetings.notice_send,
        name="backoffice-rat-meeting-notice",
    ),
    path(
        "<int:cooperative_id>/rat/rapat/<int:meeting_id>/hadir/",
        rat_meetings.attendance_mark,
        name="backoffice-rat-meeting-attendance",
    ),
    path(
        "<int:cooperative_id>/rat/rapat/<int:meeting_id>/acara/<int:item_id>/",
        rat_meetings.item_status,
        name="backoffice-rat-meeting-item",
    ),
    path(
        "<int:cooperative_id>/rat/rapat/<int:meeting_id>/notulen/",
        rat_meetings.minutes,
        name="backoffice-rat-meeting-minutes",
    ),
    path(
        "<int:cooperative_id>/rat/rapat/<int:meeting_id>/laporan/",
        rat_meetings.report_take,
        name="backoffice-rat-meeting-report",
    ),
    path("<int:cooperative_id>/rat/baru/", rat.report_new, name="backoffice-rat-new"),
    path(
        "<int:cooperative_id>/rat/<int:report_id>/koreksi/",
        rat.report_correct,
        name="backoffice-rat-correct",
    ),
    path(
        "<int:cooperative_id>/rat/<int:report_id>/berkas/<int:attachment_id>/",
        rat.attachment_download,
        name="backoffice-rat-attachment",
    ),
    path(
        "<int:cooperative_id>/rat/<int:report_id>/<slug:slug>/",
        rat.section,
        name="backoffice-rat-section",
    ),
    path("<int:cooperative_id>/kesehatan/", health.health, name="backoffice-health"),
    path(
        "<int:cooperative_id>/kesehatan/<int:year>/<slug:slug>/",
        health.health_step,
        name="backoffice-health-step",
    ),
]
