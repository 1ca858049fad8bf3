from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    email = forms.CharField(
        label=_("E-mail or phone number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class RegisterForm(forms.Form):
    first_name = forms.CharField(
        label=_("Name"), max_length=256, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Phone number (WhatsApp)"),
        max_length=32,
        required=False,
        help_text=_("For example 0812 3456 7890. Fill in a phone number, an e-mail or both."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        help_text=_("At least 8 characters, not only numbers."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class PasswordResetRequestForm(forms.Form):
    login = forms.CharField(
        label=_("E-mail or phone number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class PasswordSetForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        max_length=128,
        help_text=_("At least 8 characters, not only numbers."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class PhoneConfirmForm(forms.Form):
    pickup_code = forms.CharField(
        label=_("Pickup code of an order you placed with this number"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class AddressForm(forms.Form):
    """An Indonesian address; ``accounts.services.address_clean`` validates it."""

    first_name = forms.CharField(label=_("First name"), max_length=256)
    last_name = forms.CharField(label=_("Last name"), max_length=256, required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    street_address_1 = forms.CharField(
        label=_("Street address"),
        max_length=256,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    street_address_2 = forms.CharField(
        label=_("Street address (line 2)"),
        max_length=256,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    city_area = forms.CharField(label=_("District (kecamatan)"), max_length=128, required=False)
    city = forms.CharField(label=_("Regency or city"), max_length=256, required=False)
    country_area = forms.CharField(label=_("Province"), max_length=128, required=False)
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
