from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.orders.models import PICKUP_CODE_LENGTH


class PickupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Pickup code"),
        max_length=20,
        help_text=_("The %(length)d characters the buyer shows or reads out.")
        % {"length": PICKUP_CODE_LENGTH},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class CounterActionForm(forms.Form):
    """The buttons of an order's counter page (no fields: errors come from the domain)."""
