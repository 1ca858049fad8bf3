"""The cooperative's member producers: list, add and edit with their permits, and each
producer's statement for a period (``coop_reporting.sales.selectors.producer_statement``),
printable."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coop_reporting.sales.selectors import cooperative_fee, producer_statement
from marketplace.village_hubs import services
from marketplace.village_hubs.models import PIRT_TIME_ZONE, Cooperative, Producer
from web.backoffice.access import cooperative_for_staff
from web.backoffice.forms import PeriodForm, ProducerForm
from web.core.forms import add_validation_errors

PERMIT_FIELDS = (
    "name",
    "owner_name",
    "size_class",
    "phone",
    "nib",
    "pirt_number",
    "halal_certificate_number",
    "halal_certificate_expires_on",
    "bpom_number",
    "is_active",
)


def _producer(cooperative: Cooperative, producer_id: int) -> Producer:
    """The cooperative's producer; another cooperative's is a 404."""
    producer = Producer.objects.filter(pk=producer_id, cooperative=cooperative).first()
    if producer is None:
        raise Http404("No such producer.")
    return producer


def _permit_warnings(producer: Producer, today: datetime.date) -> list[str]:
    warnings = []
    if producer.pirt_number:
        if producer.pirt_expired_on(today):
            warnings.append(
                _("The P-IRT permit expired at the end of %(year)s.")
                % {"year": producer.pirt_expiry_year}
            )
        elif producer.pirt_expiry_year == today.year:
            warnings.append(_("The P-IRT permit expires at the end of this year."))
    expires = producer.halal_certificate_expires_on
    if expires is not None and expires < today:
        warnings.append(_("The halal certificate has expired."))
    return warnings


@login_required(login_url="web:sign-in")
def producers(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    today = timezone.localdate(timezone=PIRT_TIME_ZONE)
    rows = [
        (producer, _permit_warnings(producer, today))
        for producer in Producer.objects.filter(cooperative=cooperative).order_by("name", "pk")
    ]
    return render(
        request,
        "web/backoffice/producers.html",
        {"cooperative": cooperative, "rows": rows, "current": "producers"},
    )


@login_required(login_url="web:sign-in")
def producer_edit(
    request: HttpRequest, cooperative_id: int, producer_id: int | None = None
) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    producer = _producer(cooperative, producer_id) if producer_id is not None else None
    initial = {}
    if producer is not None:
        initial = {field: getattr(producer, field) for field in PERMIT_FIELDS}
    form = ProducerForm(request.POST or None, initial=initial)
    if producer is None:
        del form.fields["is_active"]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if producer is None:
                producer = services.producer_create(
                    cooperative=cooperative,
                    name=data.pop("name"),
                    village=cooperative.village,
                    **data,
                )
            else:
                producer = services.producer_update(producer=producer, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The producer is saved."))
            return HttpResponseRedirect(reverse("web:backoffice-producers", args=[cooperative.pk]))
    today = timezone.localdate(timezone=PIRT_TIME_ZONE)
    return render(
        request,
        "web/backoffice/producer_form.html",
        {
            "cooperative": cooperative,
            "producer": producer,
            "form": form,
            "warnings": _permit_warnings(producer, today) if producer else [],
            "current": "producers",
        },
    )


@login_required(login_url="web:sign-in")
def statement(request: HttpRequest, cooperative_id: int, producer_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    producer = _producer(cooperative, producer_id)
    today = timezone.localdate()
    form = PeriodForm(
        request.GET or None,
        initial={"starts_on": today.replace(day=1), "ends_on": today},
    )
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = producer_statement(
                producer, form.cleaned_data["starts_on"], form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
    elif not form.is_bound:
        result = producer_statement(producer, today.replace(day=1), today)
    return render(
        request,
        "web/backoffice/statement.html",
        {
            "cooperative": cooperative,
            "producer": producer,
            "form": form,
            "statement": result,
            "lines": [
                (line, fee, line.amount - fee)
                for line in (result.lines if result else ())
                for fee in [cooperative_fee(line.amount, result.fee_percentage)]
            ],
            "current": "producers",
        },
    )
