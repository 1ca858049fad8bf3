from django.urls import path

from web.members import meetings, reports, views

urlpatterns = [
    path("<int:cooperative_id>/daftar/", views.apply, name="member-apply"),
    path("<int:cooperative_id>/privasi/", views.privacy, name="member-privacy"),
    path("<int:cooperative_id>/masuk/", views.sign_in, name="member-sign-in"),
    path("<int:cooperative_id>/masuk/kode/", views.sign_in_by_code, name="member-sign-in-code"),
    path("<int:cooperative_id>/saya/", views.me, name="member-me"),
    path("<int:cooperative_id>/saya/shu/", views.my_shu, name="member-shu"),
    path("<int:cooperative_id>/rapat/", meetings.meetings, name="member-meetings"),
    path("<int:cooperative_id>/rapat/<int:meeting_id>/", meetings.meeting, name="member-meeting"),
    path("<int:cooperative_id>/saya/rat/", reports.rat_reports, name="member-rat-reports"),
    path(
        "<int:cooperative_id>/saya/rat/<int:report_id>/",
        reports.rat_report,
        name="member-rat-report",
    ),
    path("<int:cooperative_id>/saya/penjualan/", reports.statement, name="member-statement"),
]
