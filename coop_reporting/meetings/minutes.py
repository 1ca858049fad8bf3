"""The minutes (notulen) of a RAT meeting as a PDF: the meeting, who attended, the
quorum, and each agenda item's votes and decision (withheld without quorum)."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coop_reporting.exports import pdf
from coop_reporting.meetings import selectors
from coop_reporting.meetings.models import Attendance, RatMeeting


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def minutes_pdf(meeting: RatMeeting) -> bytes:
    """The minutes in the current language."""
    quorum, results = selectors.results_of(meeting)
    when = formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    attendances = (
        Attendance.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__number")
    )
    story = [
        pdf.paragraph(_("Minutes of the RAT %(year)s") % {"year": meeting.financial_year}, "title"),
        pdf.paragraph(
            f"{meeting.cooperative.name} · {when} · {meeting.get_method_display()}", "subtitle"
        ),
        pdf.heading(_("Quorum")),
        pdf.paragraph(
            _(
                "%(present)s of %(active)s active members attended; the quorum "
                "(more than %(num)s/%(den)s) needs %(needed)s: %(verdict)s."
            )
            % {
                "present": quorum.present,
                "active": quorum.active,
                "num": quorum.numerator,
                "den": quorum.denominator,
                "needed": quorum.needed,
                "verdict": _("met") if quorum.met else _("not met"),
            }
        ),
        pdf.heading(_("Attendance")),
        pdf.table(
            [
                (_("Member number"), _("Name"), _("Attended")),
                *[(a.member.number, a.member.name, a.get_way_display()) for a in attendances],
            ]
        ),
        pdf.heading(_("Agenda and decisions")),
        pdf.table(
            [
                (_("Agenda item"), _("Agree"), _("Disagree"), _("Abstain"), _("Decision")),
                *[
                    (
                        f"{r.item.position}. {r.item.title}",
                        _count(r.yes),
                        _count(r.no),
                        _count(r.abstain),
                        r.decision,
                    )
                    for r in results
                ],
            ],
            right_columns=(1, 2, 3),
        ),
    ]
    return pdf.render(
        story,
        title=_("Minutes of the RAT %(year)s") % {"year": meeting.financial_year},
        footer=meeting.cooperative.name,
    )
