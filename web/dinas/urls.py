from django.urls import path

from web.dinas import consultation, views

urlpatterns = [
    path("", views.overview, name="dinas-overview"),
    path("koperasi/", views.cooperatives, name="dinas-list"),
    path("koperasi/<int:cooperative_id>/", views.cooperative, name="dinas-cooperative"),
    path(
        "koperasi/<int:cooperative_id>/lampiran/<int:attachment_id>/",
        views.rat_attachment,
        name="dinas-rat-attachment",
    ),
    path("ekspor/", views.export_request, name="dinas-export-request"),
    path("ekspor/<uuid:export_id>/", views.export, name="dinas-export"),
    path("ekspor/<uuid:export_id>/status/", views.export_status, name="dinas-export-status"),
    path("konsultasi/<int:thread_id>/", consultation.thread, name="dinas-consultation"),
    path(
        "konsultasi/<int:thread_id>/tutup/",
        consultation.close,
        name="dinas-consultation-close",
    ),
    path(
        "konsultasi/<int:thread_id>/lampiran/<int:attachment_id>/",
        consultation.attachment,
        name="dinas-consultation-attachment",
    ),
]
