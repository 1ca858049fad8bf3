"""Bulk import of products from the template (CSV or XLSX), through
``imports.products.product_bulk_import``: all or nothing, each refusal in a table."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from marketplace.imports.products import product_bulk_import
from web.backoffice.access import cooperative_for_staff
from web.backoffice.forms import ImportForm
from web.core.requests import SignedInRequest


@login_required(login_url="web:sign-in")
def bulk_import(request: SignedInRequest, cooperative_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = product_bulk_import(
            cooperative=cooperative, file=upload, filename=upload.name, actor=request.user
        )
    return render(
        request,
        "web/backoffice/import.html",
        {"cooperative": cooperative, "form": form, "result": result, "current": "import"},
    )
