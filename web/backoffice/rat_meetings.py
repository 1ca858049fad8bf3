"""The RAT meeting online, for the cooperative: create a meeting with its agenda, send
the notice (e-mails and a WhatsApp link), mark members present in person, open and
close agenda items, see the results (withheld without quorum), download the minutes and
take the attendance into the year's RAT report.

Every change goes through ``coop_reporting.meetings.services``. The cooperative's staff
may look; its admins change (``access.may_write_reports``): anyone else gets 404.
"""

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
from django.views.decorators.http import require_POST

from coop_reporting.meetings import selectors, services
from coop_reporting.meetings.minutes import minutes_pdf
from coop_reporting.meetings.models import AgendaItem, Attendance, RatMeeting
from coop_reporting.rat.models import RatReport
from marketplace.village_hubs.models import Cooperative
from web.backoffice.access import cooperative_for_staff, may_write_reports
from web.backoffice.rat_meeting_forms import MeetingForm
from web.core.forms import add_validation_errors


def _for_admins(request: HttpRequest, cooperative_id: int) -> Cooperative:
    cooperative = cooperative_for_staff(request, cooperative_id)
    if not may_write_reports(request, cooperative):
        raise Http404("No such page.")
    return cooperative


def _meeting(cooperative: Cooperative, meeting_id: int) -> RatMeeting:
    meeting = RatMeeting.objects.filter(pk=meeting_id, cooperative=cooperative).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def _detail_url(meeting: RatMeeting) -> str:
    return reverse("web:backoffice-rat-meeting", args=[meeting.cooperative_id, meeting.pk])


@login_required(login_url="web:sign-in")
def meetings(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """The cooperative's meetings and, for its admins, the form of a new one."""
    cooperative = cooperative_for_staff(request, cooperative_id)
    may_write = may_write_reports(request, cooperative)
    form = MeetingForm(
        request.POST or None, initial={"financial_year": timezone.localdate().year - 1}
    )
    if request.method == "POST":
        if not may_write:
            raise Http404("No such page.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = services.meeting_create(
                    cooperative=cooperative,
                    financial_year=data["financial_year"],
                    starts_at=timezone.make_aware(
                        datetime.datetime.combine(data["date"], data["time"])
                    ),
                    agenda=data["agenda"].splitlines(),
                    method=data["method"],
                    place=data["place"],
                    online_link=data["online_link"],
                    quorum=(data["quorum_numerator"], data["quorum_denominator"]),
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                return HttpResponseRedirect(_detail_url(meeting))
    return render(
        request,
        "web/backoffice/rat_meetings.html",
        {
            "cooperative": cooperative,
            "current": "rat",
            "meetings": RatMeeting.objects.filter(cooperative=cooperative),
            "form": form if may_write else None,
        },
        status=400 if form.errors else 200,
    )


@login_required(login_url="web:sign-in")
def meeting_detail(request: HttpRequest, cooperative_id: int, meeting_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    meeting = _meeting(cooperative, meeting_id)
    quorum, results = selectors.results_of(meeting)
    present = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    return render(
        request,
        "web/backoffice/rat_meeting.html",
        {
            "cooperative": cooperative,
            "current": "rat",
            "meeting": meeting,
            "quorum": quorum,
            "results": results,
            "members": [(m, m.pk in present) for m in selectors.active_members(meeting)],
            "may_write": may_write_reports(request, cooperative),
            "whatsapp_link": selectors.notice_whatsapp_link(meeting),
            "reports": RatReport.objects.filter(
                cooperative=cooperative, financial_year=meeting.financial_year, status="draft"
            ),
        },
    )


@login_required(login_url="web:sign-in")
@require_POST
def notice_send(request: HttpRequest, cooperative_id: int, meeting_id: int) -> HttpResponse:
    meeting = _meeting(_for_admins(request, cooperative_id), meeting_id)
    link = request.build_absolute_uri(
        reverse("web:member-meeting", args=[cooperative_id, meeting.pk])
    )
    count = services.notice_send(meeting=meeting, link=link)
    messages.success(
        request, _("The notice was sent to %(count)s members by e-mail.") % {"count": count}
    )
    return HttpResponseRedirect(_detail_url(meeting))


@login_required(login_url="web:sign-in")
@require_POST
def attendance_mark(request: HttpRequest, cooperative_id: int, meeting_id: int) -> HttpResponse:
    """An admin marks a member present in person."""
    meeting = _meeting(_for_admins(request, cooperative_id), meeting_id)
    member = selectors.active_members(meeting).filter(pk=request.POST.get("member") or 0).first()
    if member is None:
        messages.error(request, _("Choose an active member of this cooperative."))
    else:
        services.attendance_record(
            meeting=meeting, member=member, way="in_person", actor=request.user
        )
        messages.success(request, _("%(name)s is marked present.") % {"name": member.name})
    return HttpResponseRedirect(_detail_url(meeting) + "#hadir")


@login_required(login_url="web:sign-in")
@require_POST
def item_status(
    request: HttpRequest, cooperative_id: int, meeting_id: int, item_id: int
) -> HttpResponse:
    meeting = _meeting(_for_admins(request, cooperative_id), meeting_id)
    item = AgendaItem.objects.filter(pk=item_id, meeting=meeting).first()
    if item is None:
        raise Http404("No such agenda item.")
    try:
        services.item_set_status(item=item, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(_detail_url(meeting) + "#acara")


@login_required(login_url="web:sign-in")
def minutes(request: HttpRequest, cooperative_id: int, meeting_id: int) -> HttpResponse:
    meeting = _meeting(cooperative_for_staff(request, cooperative_id), meeting_id)
    response = HttpResponse(minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="notulen-rat-{meeting.financial_year}.pdf"'
    )
    return response


@login_required(login_url="web:sign-in")
@require_POST
def report_take(request: HttpRequest, cooperative_id: int, meeting_id: int) -> HttpResponse:
    """Fill the year's draft RAT report with the meeting's attendance, date and method."""
    cooperative = _for_admins(request, cooperative_id)
    meeting = _meeting(cooperative, meeting_id)
    report = RatReport.objects.filter(
        cooperative=cooperative, financial_year=meeting.financial_year, status="draft"
    ).first()
    if report is None:
        messages.error(request, _("Start this year's RAT report first."))
        return HttpResponseRedirect(_detail_url(meeting))
    try:
        services.rat_report_attendance_take(report=report, meeting=meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(_detail_url(meeting))
    messages.success(request, _("The RAT report now has the meeting's attendance."))
    return HttpResponseRedirect(
        reverse("web:backoffice-rat-section", args=[cooperative.pk, report.pk, "rapat"])
    )
