"""Forms of the SHU pages: the AD/ART allocation and an offline member transaction.
Plain fields; the rules (0–100, sum at most 100, amounts above 0) stay in
``coop_reporting.shu.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.members.models import Member
from marketplace.village_hubs.models import Cooperative
from web.backoffice.forms import PriceField
from web.core.forms import form_field


class ShuAllocationForm(forms.Form):
    capital_percentage = forms.CharField(
        label=_("Jasa modal (% of SHU)"),
        max_length=10,
        help_text=_("Shared by members' average savings over the year, as the AD/ART says."),
    )
    patronage_percentage = forms.CharField(
        label=_("Jasa usaha (% of SHU)"),
        max_length=10,
        help_text=_("Shared by members' transactions with the cooperative over the year."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})


class OfflineTransactionForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    occurred_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = PriceField(label=_("Amount (Rp)"))
    description = forms.CharField(
        label=_("What it was"),
        max_length=255,
        help_text=_("For example: fertiliser bought at the counter, harvest delivered."),
    )

    def __init__(self, *args: Any, cooperative: Cooperative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "member", forms.ModelChoiceField).queryset = Member.objects.filter(
            cooperative=cooperative
        ).order_by("number")
