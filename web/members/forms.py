"""The member pages' forms: plain fields; the rules stay in ``marketplace.members``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.members.models import Sex
from marketplace.regions.models import Village
from marketplace.village_hubs.models import Cooperative
from web.core.forms import form_field


class MemberPersonalForm(forms.Form):
    """A member's or applicant's personal data; the rules (NIK, phone) are the member
    services', shown next to these fields."""

    name = forms.CharField(label=_("Full name (as on the KTP)"), max_length=255)
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        help_text=_("The 16 digits on the KTP."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    phone = forms.CharField(
        label=_("WhatsApp or phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def __init__(self, *args: Any, cooperative: Cooperative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "village", forms.ModelChoiceField).queryset = villages_near(cooperative)


def villages_near(cooperative: Cooperative) -> Any:
    """The villages of the cooperative's regency, by name."""
    regency = cooperative.village_id[:5]
    return Village.objects.filter(code__startswith=f"{regency}.").order_by("name")


class ApplicationForm(MemberPersonalForm):
    """A villager's application: their data and their consent to the privacy notice."""

    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that the cooperative keeps my data."),
        required=False,
    )


class MemberSignInForm(forms.Form):
    """Signing in as a member: member number and the account's password."""

    number = forms.IntegerField(
        label=_("Member number"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class MemberCodeForm(forms.Form):
    """Signing in with a one-time code: the member number, then the code e-mailed."""

    number = forms.IntegerField(
        label=_("Member number"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
