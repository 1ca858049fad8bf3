"""Reading a RAT meeting: who may take part, the quorum, each item's results (withheld
until the quorum is met), the notice text and its WhatsApp link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.db.models import Count, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coop_reporting.meetings.models import AgendaItem, Attendance, RatMeeting, VoteChoice
from marketplace.members.models import Member, MemberStatus


def active_members(meeting: RatMeeting) -> QuerySet[Member]:
    return Member.objects.filter(cooperative_id=meeting.cooperative_id, status=MemberStatus.AKTIF)


def member_of_meeting(user: Any, meeting: RatMeeting) -> Member | None:
    """The signed-in user's active member record in the meeting's cooperative, else None."""
    if user is None or not user.is_authenticated:
        return None
    return active_members(meeting).filter(user=user).first()


def meetings_for_member(user: Any, cooperative_id: int) -> QuerySet[RatMeeting]:
    """The meetings whose notice was sent, for an active member of the cooperative."""
    if user is None or not user.is_authenticated:
        return RatMeeting.objects.none()
    is_member = Member.objects.filter(
        cooperative_id=cooperative_id, user=user, status=MemberStatus.AKTIF
    ).exists()
    if not is_member:
        return RatMeeting.objects.none()
    return RatMeeting.objects.filter(cooperative_id=cooperative_id, notice_sent_at__isnull=False)


@dataclass(frozen=True)
class Quorum:
    active: int
    present: int
    numerator: int
    denominator: int

    @property
    def needed(self) -> int:
        """The least attendance that is *more than* the fraction of active members."""
        return self.active * self.numerator // self.denominator + 1

    @property
    def met(self) -> bool:
        return self.active > 0 and self.present * self.denominator > self.active * self.numerator


def quorum_of(meeting: RatMeeting) -> Quorum:
    present = Attendance.objects.filter(meeting=meeting, member__status=MemberStatus.AKTIF).count()
    return Quorum(
        active=active_members(meeting).count(),
        present=present,
        numerator=meeting.quorum_numerator,
        denominator=meeting.quorum_denominator,
    )


@dataclass(frozen=True)
class ItemResult:
    item: AgendaItem
    votes_cast: int
    yes: int | None
    no: int | None
    abstain: int | None
    decision: str  # shown text: approved, rejected, or why there is none yet


def _decision(yes: int, no: int, item: AgendaItem) -> str:
    if item.status != "closed":
        return _("Voting not closed yet")
    if yes > no:
        return _("Approved")
    return _("Not approved")


def results_of(meeting: RatMeeting) -> tuple[Quorum, list[ItemResult]]:
    """Each item's votes; the counts and decision only when the quorum is met.

    An item is approved when its yes votes outnumber its no votes (abstentions count
    toward neither)."""
    quorum = quorum_of(meeting)
    items = meeting.items.annotate(
        cast=Count("votes"),
        yes=Count("votes", filter=Q(votes__choice=VoteChoice.YES)),
        no=Count("votes", filter=Q(votes__choice=VoteChoice.NO)),
        abstain=Count("votes", filter=Q(votes__choice=VoteChoice.ABSTAIN)),
    ).order_by("position")
    results = []
    for item in items:
        if quorum.met:
            result = ItemResult(
                item, item.cast, item.yes, item.no, item.abstain, _decision(item.yes, item.no, item)
            )
        else:
            result = ItemResult(item, item.cast, None, None, None, _("Withheld: no quorum"))
        results.append(result)
    return quorum, results


def notice_text(meeting: RatMeeting) -> str:
    """The notice in the current language, for the e-mail and the WhatsApp link."""
    when = formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    where = ", ".join(part for part in (meeting.place, meeting.online_link) if part)
    agenda = "\n".join(f"{item.position}. {item.title}" for item in meeting.items.all())
    return _(
        "Invitation to the annual members' meeting (RAT) of %(cooperative)s for the "
        "financial year %(year)s.\nWhen: %(when)s\nWhere: %(where)s\nAgenda:\n%(agenda)s\n"
        "Sign in as a member to confirm your attendance and vote."
    ) % {
        "cooperative": meeting.cooperative.name,
        "year": meeting.financial_year,
        "when": when,
        "where": where or "-",
        "agenda": agenda,
    }


def notice_whatsapp_link(meeting: RatMeeting) -> str:
    """A wa.me link (no number: the admin picks the group or contact) with the notice."""
    return f"https://wa.me/?text={quote(notice_text(meeting))}"
