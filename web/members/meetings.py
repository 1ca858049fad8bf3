"""The RAT meeting for a member, on a phone: the notice, confirming attendance, and one
vote on each open agenda item. Only an active member of the meeting's cooperative gets
these pages (anyone else: 404); every change goes through
``coop_reporting.meetings.services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from coop_reporting.meetings import selectors, services
from coop_reporting.meetings.models import Attendance, RatMeeting, Vote, VoteChoice
from marketplace.members.models import Member
from web.core.requests import SignedInRequest


def _meeting_and_member(request: HttpRequest, cooperative_id: int, meeting_id: int):
    meeting = (
        selectors.meetings_for_member(request.user, cooperative_id)
        .filter(pk=meeting_id)
        .select_related("cooperative")
        .first()
    )
    member = selectors.member_of_meeting(request.user, meeting) if meeting else None
    if meeting is None or member is None:
        raise Http404("No such meeting.")
    return meeting, member


@login_required(login_url="web:sign-in")
def meetings(request: SignedInRequest, cooperative_id: int) -> HttpResponse:
    found = selectors.meetings_for_member(request.user, cooperative_id).select_related(
        "cooperative"
    )
    if not Member.objects.filter(cooperative_id=cooperative_id, user=request.user).exists():
        raise Http404("Not a member here.")
    return render(request, "web/members/meetings.html", {"meetings": found})


def _post(request: HttpRequest, meeting: RatMeeting, member: Member) -> dict[int, str]:
    """Attend or vote; the errors by agenda item (0: attendance)."""
    errors: dict[int, str] = {}
    if request.POST.get("action") == "attend":
        services.attendance_record(meeting=meeting, member=member, way="online")
        messages.success(request, _("Your attendance is confirmed."))
        return errors
    item = meeting.items.filter(pk=request.POST.get("item") or 0).first()
    if item is None:
        raise Http404("No such agenda item.")
    try:
        services.vote_cast(item=item, member=member, choice=request.POST.get("choice", ""))
    except ValidationError as error:
        errors[item.pk] = " ".join(error.messages)
    else:
        messages.success(request, _("Your vote is recorded."))
    return errors


@login_required(login_url="web:sign-in")
def meeting(request: HttpRequest, cooperative_id: int, meeting_id: int) -> HttpResponse:
    meeting, member = _meeting_and_member(request, cooperative_id, meeting_id)
    errors: dict[int, str] = {}
    if request.method == "POST":
        errors = _post(request, meeting, member)
        if not errors:
            return HttpResponseRedirect(request.path)
    votes = dict(
        Vote.objects.filter(item__meeting=meeting, member=member).values_list("item_id", "choice")
    )
    labels = dict(VoteChoice.choices)
    items = [
        (item, labels.get(votes.get(item.pk, ""), ""), errors.get(item.pk, ""))
        for item in meeting.items.order_by("position")
    ]
    return render(
        request,
        "web/members/meeting.html",
        {
            "cooperative": meeting.cooperative,
            "meeting": meeting,
            "member": member,
            "notice": selectors.notice_text(meeting),
            "present": Attendance.objects.filter(meeting=meeting, member=member).exists(),
            "items": items,
            "choices": VoteChoice.choices,
        },
        status=400 if errors else 200,
    )
