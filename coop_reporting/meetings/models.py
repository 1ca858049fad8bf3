"""A cooperative's RAT meeting held online (or hybrid): its agenda, who attended and the
votes on each agenda item.

One member, one vote: ``Vote`` is unique per (agenda item, member) in the database, so
two votes sent at once are counted once. A vote is final: a second vote by the same
member is refused (``already_voted``), never replaces the first.

Quorum (the AD/ART's rule): more than ``quorum_numerator / quorum_denominator`` of the
cooperative's active members attend. Each meeting keeps its own fraction, taken from
``settings.RAT_MEETING_QUORUM_DEFAULT`` (more than half) unless the admin sets the one
of their AD/ART when creating the meeting.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coop_reporting.rat.models import RatMethod
from marketplace.core.models import TimeStampedModel
from marketplace.members.models import Member
from marketplace.village_hubs.models import Cooperative


class AgendaItemStatus(models.TextChoices):
    DRAFT = "draft", _("Not opened yet")
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Voting closed")


class AttendanceWay(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class VoteChoice(models.TextChoices):
    YES = "yes", _("Agree")
    NO = "no", _("Disagree")
    ABSTAIN = "abstain", _("Abstain")


class RatMeeting(TimeStampedModel):
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="rat_meetings"
    )
    financial_year = models.PositiveSmallIntegerField(_("financial year"))
    starts_at = models.DateTimeField(_("date and time"))
    method = models.CharField(
        _("method"), max_length=16, choices=RatMethod.choices, default=RatMethod.ELEKTRONIK
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True)
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"))
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"))
    notice_sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("RAT meeting")
        verbose_name_plural = _("RAT meetings")
        ordering = ("cooperative", "-starts_at")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "financial_year"], name="rat_meeting_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(quorum_denominator__gte=1)
                & Q(quorum_numerator__lt=models.F("quorum_denominator")),
                name="rat_meeting_quorum_is_a_fraction",
            ),
            models.CheckConstraint(
                condition=Q(method__in=RatMethod.values), name="rat_meeting_method_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"RAT {self.financial_year} {self.cooperative}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(RatMeeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("agenda item"), max_length=255)
    status = models.CharField(
        _("status"), max_length=8, choices=AgendaItemStatus.choices, default=AgendaItemStatus.DRAFT
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("meeting", "position")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AgendaItemStatus.values), name="agenda_item_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    meeting = models.ForeignKey(RatMeeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="rat_attendances")
    way = models.CharField(_("attended"), max_length=16, choices=AttendanceWay.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="attendance_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.way}"


class Vote(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="rat_votes")
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="vote_one_member_one_vote"),
            models.CheckConstraint(
                condition=Q(choice__in=VoteChoice.values), name="vote_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.choice}"
