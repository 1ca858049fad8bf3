"""Holding a RAT meeting online: create it with its agenda, send the notice, take
attendance, open and close items, take votes (one member, one vote), and hand the
attendance to the RAT report.

Every refusal is a ``ValidationError`` with a field and a ``RatMeetingErrorCode``;
nothing changes on a refusal.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop_reporting.meetings import selectors
from coop_reporting.meetings.error_codes import RatMeetingErrorCode as Code
from coop_reporting.meetings.models import (
    AgendaItem,
    AgendaItemStatus,
    Attendance,
    AttendanceWay,
    RatMeeting,
    Vote,
    VoteChoice,
)
from coop_reporting.rat import services as rat_services
from coop_reporting.rat.models import RatMethod, RatReport
from marketplace.core.services import email_send
from marketplace.members.models import Member, MemberStatus
from marketplace.village_hubs.models import Cooperative

logger = logging.getLogger(__name__)


def _error(field: str, message: str, code: Code) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def _check_quorum(numerator: int, denominator: int) -> None:
    if denominator < 1 or not 0 <= numerator < denominator:
        raise _error(
            "quorum_numerator",
            _("The quorum must be a fraction below one, such as 1/2 or 2/3."),
            Code.INVALID_QUORUM,
        )


@transaction.atomic
def meeting_create(
    *,
    cooperative: Cooperative,
    financial_year: int,
    starts_at: datetime.datetime,
    agenda: Sequence[str],
    method: str = RatMethod.ELEKTRONIK,
    place: str = "",
    online_link: str = "",
    quorum: tuple[int, int] | None = None,
) -> RatMeeting:
    """A meeting with its agenda (titles in order); the quorum defaults to the setting."""
    numerator, denominator = quorum or settings.RAT_MEETING_QUORUM_DEFAULT
    _check_quorum(numerator, denominator)
    titles = [title.strip() for title in agenda if title.strip()]
    if not titles:
        raise _error("agenda", _("Add at least one agenda item."), Code.REQUIRED)
    if method not in RatMethod.values:
        raise _error("method", _("Choose how the meeting is held."), Code.INVALID)
    if RatMeeting.objects.filter(cooperative=cooperative, financial_year=financial_year).exists():
        raise _error(
            "financial_year",
            _("There is already a meeting for this financial year."),
            Code.ALREADY_EXISTS,
        )
    meeting = RatMeeting.objects.create(
        cooperative=cooperative,
        financial_year=financial_year,
        starts_at=starts_at,
        method=method,
        place=place,
        online_link=online_link,
        quorum_numerator=numerator,
        quorum_denominator=denominator,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=index, title=title[:255])
        for index, title in enumerate(titles, start=1)
    )
    logger.info("rat_meeting_created", extra={"meeting_id": meeting.pk})
    return meeting


@transaction.atomic
def notice_send(*, meeting: RatMeeting, link: str = "") -> int:
    """E-mail the notice (through the outbox) to every active member with an e-mail
    address, with ``link`` to the meeting's member page; returns how many were queued.
    Sending again sends again."""
    subject = _("Invitation: RAT %(year)s of %(cooperative)s") % {
        "year": meeting.financial_year,
        "cooperative": meeting.cooperative.name,
    }
    body = selectors.notice_text(meeting)
    if link:
        body = f"{body}\n{link}"
    sent = 0
    for member in selectors.active_members(meeting).exclude(email=""):
        email_send(to=member.email, subject=subject, body=body)
        sent += 1
    meeting.notice_sent_at = timezone.now()
    meeting.save(update_fields=["notice_sent_at", "updated_at"])
    logger.info("rat_meeting_notice_sent", extra={"meeting_id": meeting.pk, "emails": sent})
    return sent


def _require_active_member(meeting: RatMeeting, member: Member) -> None:
    if member.cooperative_id != meeting.cooperative_id or member.status != MemberStatus.AKTIF:
        raise _error(
            "member",
            _("Only active members of this cooperative take part."),
            Code.NOT_A_MEMBER,
        )


def attendance_record(
    *, meeting: RatMeeting, member: Member, way: str, actor: Any = None
) -> Attendance:
    """The member attends (online: they confirm themselves; in person: an admin marks
    it). Recording twice keeps the first record."""
    _require_active_member(meeting, member)
    if way not in AttendanceWay.values:
        raise _error("way", _("Choose how the member attends."), Code.INVALID)
    attendance, _created = Attendance.objects.get_or_create(
        meeting=meeting,
        member=member,
        defaults={"way": way, "recorded_by": actor if getattr(actor, "pk", None) else None},
    )
    return attendance


@transaction.atomic
def item_set_status(*, item: AgendaItem, status: str) -> AgendaItem:
    """Open an item for voting, or close it (a closed item stays closed)."""
    if status not in (AgendaItemStatus.OPEN, AgendaItemStatus.CLOSED):
        raise _error("status", _("An item can only be opened or closed."), Code.INVALID)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.status == AgendaItemStatus.CLOSED:
        raise _error("status", _("This item is already closed."), Code.ITEM_NOT_OPEN)
    item.status = status
    item.save(update_fields=["status"])
    return item


def vote_cast(*, item: AgendaItem, member: Member, choice: str) -> Vote:
    """One member, one vote: an active member who attends, on an open item. A second
    vote (even sent at the same moment) is refused with ``already_voted``."""
    meeting = item.meeting
    _require_active_member(meeting, member)
    if choice not in VoteChoice.values:
        raise _error("choice", _("Choose agree, disagree or abstain."), Code.INVALID)
    if not Attendance.objects.filter(meeting=meeting, member=member).exists():
        raise _error("member", _("Confirm your attendance before voting."), Code.NOT_PRESENT)
    try:
        with transaction.atomic():
            # Lock the item row: closing it waits for a vote being cast (and votes on
            # one item are taken one at a time, a short insert each).
            locked = AgendaItem.objects.select_for_update(no_key=True).get(pk=item.pk)
            if locked.status != AgendaItemStatus.OPEN:
                raise _error("item", _("Voting on this item is not open."), Code.ITEM_NOT_OPEN)
            return Vote.objects.create(item=item, member=member, choice=choice)
    except IntegrityError:
        raise _error(
            "item", _("You have already voted on this item."), Code.ALREADY_VOTED
        ) from None


def rat_report_attendance_take(*, report: RatReport, meeting: RatMeeting, actor: Any) -> RatReport:
    """Fill the RAT report's attendance, date and method from the meeting; the RAT
    domain validates the figures as for any change (e.g. attendance within members)."""
    if report.cooperative_id != meeting.cooperative_id:
        raise _error("meeting", _("This meeting is of another cooperative."), Code.INVALID)
    quorum = selectors.quorum_of(meeting)
    with transaction.atomic():
        return rat_services.rat_report_update(
            report=report,
            actor=actor,
            members_present=quorum.present,
            method=meeting.method,
            rat_date=timezone.localtime(meeting.starts_at).date(),
        )
