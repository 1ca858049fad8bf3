"""What a signed-in member reads of their cooperative: its submitted RAT reports with
the financial statements in them and, when the member sells as a producer, their sales
and consignment statement. Nothing of another member or cooperative: 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coop_reporting.exports.producer_statement import producer_statement_csv
from coop_reporting.rat import selectors as rat_selectors
from coop_reporting.sales.selectors import cooperative_fee, producer_statement
from marketplace.members import selectors
from marketplace.members.models import Member
from web.backoffice.forms import PeriodForm
from web.core.forms import add_validation_errors


def _member(request: HttpRequest, cooperative_id: int) -> Member:
    member = selectors.membership_of(request.user, cooperative_id)
    if member is None:
        raise Http404("Not a member here.")
    return member


@login_required(login_url="web:sign-in")
def rat_reports(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    member = _member(request, cooperative_id)
    reports = rat_selectors.rat_reports_for_members(member.cooperative)
    return render(
        request,
        "web/members/rat_reports.html",
        {"cooperative": member.cooperative, "member": member, "reports": reports},
    )


@login_required(login_url="web:sign-in")
def rat_report(request: HttpRequest, cooperative_id: int, report_id: int) -> HttpResponse:
    member = _member(request, cooperative_id)
    report = rat_selectors.rat_reports_for_members(member.cooperative).filter(pk=report_id).first()
    if report is None:
        raise Http404("No such report.")
    context = {
        "cooperative": member.cooperative,
        "report": report,
        "balance_sheet": rat_selectors.financial_statement_rows(
            report, rat_selectors.BALANCE_SHEET_FIELDS
        ),
        "income_statement": rat_selectors.financial_statement_rows(
            report, rat_selectors.INCOME_STATEMENT_FIELDS
        ),
    }
    return render(request, "web/members/rat_report.html", context)


@login_required(login_url="web:sign-in")
def statement(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """The member's own producer statement for a period (this month by default); CSV with
    ``?format=csv``."""
    member = _member(request, cooperative_id)
    if member.producer is None:
        raise Http404("Not a producer.")
    today = timezone.localdate()
    form = PeriodForm(
        request.GET or None, initial={"starts_on": today.replace(day=1), "ends_on": today}
    )
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = producer_statement(
                member.producer, form.cleaned_data["starts_on"], form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
    elif not form.is_bound:
        result = producer_statement(member.producer, today.replace(day=1), today)
    if result is not None and request.GET.get("format") == "csv":
        response = HttpResponse(producer_statement_csv(result), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="statement.csv"'
        return response
    lines = (
        [
            (line, fee, line.amount - fee)
            for line in result.lines
            for fee in [cooperative_fee(line.amount, result.fee_percentage)]
        ]
        if result
        else []
    )
    context = {
        "cooperative": member.cooperative,
        "producer": member.producer,
        "form": form,
        "statement": result,
        "lines": lines,
    }
    return render(
        request, "web/members/statement.html", context, status=400 if form.errors else 200
    )
