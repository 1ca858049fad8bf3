"""Forms of the RAT meeting pages (back office): a new meeting with its agenda."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from coop_reporting.rat.models import RatMethod


class MeetingForm(forms.Form):
    financial_year = forms.IntegerField(label=_("Financial year"), min_value=2000, max_value=2100)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Time"),
        initial=datetime.time(9, 0),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    method = forms.ChoiceField(
        label=_("How the meeting is held"), choices=RatMethod.choices, initial=RatMethod.HYBRID
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    online_link = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        help_text=_("One agenda item a line."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    quorum_numerator = forms.IntegerField(
        label=_("Quorum: more than … of the active members (numerator)"), min_value=0, initial=1
    )
    quorum_denominator = forms.IntegerField(
        label=_("Quorum: denominator"),
        min_value=1,
        initial=2,
        help_text=_("As your AD/ART says; 1/2 means more than half of the active members."),
    )


class AttendanceForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
