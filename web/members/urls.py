from django.urls import path

from web.members import views

urlpatterns = [
    path("<int:cooperative_id>/daftar/", views.apply, name="member-apply"),
    path("<int:cooperative_id>/privasi/", views.privacy, name="member-privacy"),
]
