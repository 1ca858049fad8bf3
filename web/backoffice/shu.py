"""SHU per member (sisa hasil usaha), one page per financial year: the AD/ART allocation
(jasa modal, jasa usaha), each member's capital and patronage parts with the
explanation, the file, and the offline member transactions that count for jasa usaha.

Looking is for the cooperative's staff; setting the allocation and entering transactions
is for its admins (``marketplace.permissions.can_manage_members``): anyone else gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coop_reporting.sales.periods import financial_year_bounds, financial_year_of
from coop_reporting.shu import selectors, services
from coop_reporting.shu.explanation import format_exact, share_explanation
from coop_reporting.shu.exports import shu_year_file
from coop_reporting.shu.models import OfflineMemberTransaction
from coop_reporting.shu.services import YEAR_RANGE
from marketplace import permissions
from marketplace.village_hubs.models import Cooperative
from web.backoffice.access import cooperative_for_staff
from web.backoffice.shu_forms import OfflineTransactionForm, ShuAllocationForm
from web.core.forms import add_validation_errors


def _year(year: int) -> int:
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise Http404("No such year.")
    return year


def _for_admins(request: HttpRequest, cooperative_id: int) -> Cooperative:
    cooperative = cooperative_for_staff(request, cooperative_id)
    if not permissions.can_manage_members(request.user, cooperative.pk):
        raise Http404("No such page.")
    return cooperative


@login_required(login_url="web:sign-in")
def shu_index(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """The latest year with a submitted RAT report (or last financial year)."""
    cooperative = cooperative_for_staff(request, cooperative_id)
    years = selectors.shu_years_of(cooperative)
    year = years[0] if years else financial_year_of(timezone.localdate()) - 1
    return HttpResponseRedirect(reverse("web:backoffice-shu", args=[cooperative.pk, year]))


def _allocation_form(request: HttpRequest, cooperative: Cooperative, year: int):
    allocation = selectors.shu_allocation_of(cooperative, year)
    initial = (
        {
            "capital_percentage": f"{allocation.capital_percentage.normalize():f}",
            "patronage_percentage": f"{allocation.patronage_percentage.normalize():f}",
        }
        if allocation
        else {}
    )
    return ShuAllocationForm(request.POST or None, initial=initial)


@login_required(login_url="web:sign-in")
def shu_page(request: HttpRequest, cooperative_id: int, year: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    year = _year(year)
    can_manage = permissions.can_manage_members(request.user, cooperative.pk)
    form = _allocation_form(request, cooperative, year) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404("No such page.")
        if form.is_valid():
            try:
                services.shu_allocation_set(
                    cooperative=cooperative, financial_year=year, actor=request.user,
                    **form.cleaned_data,
                )  # fmt: skip
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The SHU allocation is saved."))
                return HttpResponseRedirect(request.path)
    shu_year = selectors.shu_year(cooperative, year)
    rows = [
        (share, share_explanation(shu_year, share), format_exact(share.average_savings))
        for share in shu_year.members
    ]
    return render(
        request,
        "web/backoffice/shu.html",
        {
            "cooperative": cooperative,
            "year": shu_year,
            "rows": rows,
            "form": form,
            "years": selectors.shu_years_of(cooperative),
            "can_manage": can_manage,
            "current": "shu",
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required(login_url="web:sign-in")
def shu_export(request: HttpRequest, cooperative_id: int, year: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    file_format = request.GET.get("format", "xlsx")
    if file_format not in ("csv", "xlsx"):
        raise Http404("No such file.")
    content, content_type = shu_year_file(
        selectors.shu_year(cooperative, _year(year)), file_format=file_format
    )
    response = HttpResponse(content, content_type=content_type)
    name = f"shu-{cooperative.pk}-{year}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required(login_url="web:sign-in")
def offline_transactions(request: HttpRequest, cooperative_id: int, year: int) -> HttpResponse:
    cooperative = _for_admins(request, cooperative_id)
    start, end = financial_year_bounds(_year(year))
    form = OfflineTransactionForm(request.POST or None, cooperative=cooperative)
    if request.method == "POST" and form.is_valid():
        try:
            services.offline_transaction_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The transaction is recorded."))
            return HttpResponseRedirect(request.path)
    transactions = (
        OfflineMemberTransaction.objects.filter(
            member__cooperative=cooperative, occurred_on__gte=start, occurred_on__lt=end
        )
        .select_related("member")
        .order_by("-occurred_on", "-pk")[:200]
    )
    return render(
        request,
        "web/backoffice/shu_transactions.html",
        {
            "cooperative": cooperative,
            "financial_year": year,
            "form": form,
            "transactions": transactions,
            "current": "shu",
        },
        status=400 if form.errors else 200,
    )
