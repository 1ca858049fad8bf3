"""Every page's address. Fixed prefixes come before the hub shop's ``/<hub>/``."""

from django.urls import include, path

app_name = "web"

urlpatterns = [
    path("akun/", include("web.account.urls")),
    path("loket/", include("web.counter.urls")),
    path("dinas/", include("web.dinas.urls")),
    path("koperasi/", include("web.backoffice.urls")),
    path("anggota/", include("web.members.urls")),
    path("", include("web.shop.urls")),
]
