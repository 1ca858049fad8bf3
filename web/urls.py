"""Every page's address. Fixed prefixes come before the hub shop's ``/<hub>/``."""

from django.urls import include, path

app_name = "web"

urlpatterns = [
    path("", include("web.shop.urls")),
]
