"""The village shop for villagers: hubs, a hub's catalogue, cart, checkout, orders."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marketplace.village_hubs.models import VillageHub


def home(request: HttpRequest) -> HttpResponse:
    """``/``: the village hubs, found by province, regency or village name."""
    hubs = VillageHub.objects.filter(is_active=True).order_by("name")
    return render(request, "web/shop/home.html", {"hubs": hubs})
