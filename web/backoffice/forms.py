"""The back office's forms: plain fields; the rules stay in the domain services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category, ProductType
from marketplace.imports.products import price_from_text
from marketplace.members.models import MemberStatus, SavingsKind
from marketplace.village_hubs.models import Cooperative, Producer, ProducerSizeClass
from web.core.forms import form_field
from web.members.forms import MemberPersonalForm


class ProductDetailsForm(forms.Form):
    """Step 1: what the product is. The product type is chosen only when creating."""

    name = forms.CharField(label=_("Product name"), max_length=250)
    product_type = forms.ModelChoiceField(
        label=_("Kind of product"),
        queryset=ProductType.objects.order_by("name"),
        help_text=_("Packaged food can be sold in several sizes."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.order_by("level", "name"),
        help_text=_("Shoppers find the product under this category."),
    )
    producer = forms.ModelChoiceField(
        label=_("Producer"),
        queryset=Producer.objects.none(),
        required=False,
        help_text=_("The member who makes it; their permits are shown in the shop."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, cooperative: Cooperative, creating: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        form_field(self, "producer", forms.ModelChoiceField).queryset = Producer.objects.filter(
            cooperative=cooperative
        ).order_by("name")
        if not creating:
            del self.fields["product_type"]


class PriceField(forms.CharField):
    """Whole rupiah as people write it (``15000``, ``15.000``, ``Rp15.000``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return price_from_text(text)
        except ValidationError as error:
            raise forms.ValidationError(error.messages[0]) from None


class QuantityField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric"})


class PhotoForm(forms.Form):
    """Step 3: one photo at a time, from a file or the phone's camera."""

    photo = forms.FileField(
        label=_("Photo of the product"),
        help_text=_("A JPEG, PNG or WebP picture. On a phone you can take it with the camera."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    alt = forms.CharField(
        label=_("What the photo shows"),
        required=False,
        max_length=250,
        help_text=_("Read out to people who cannot see the picture."),
    )


class ImportForm(forms.Form):
    """The bulk import's file: the filled-in template, as CSV or XLSX."""

    file = forms.FileField(
        label=_("Spreadsheet file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class ProducerForm(forms.Form):
    """A member producer and their permits; the permit rules are the model's validators
    (run by ``village_hubs.services``), shown next to these fields."""

    name = forms.CharField(label=_("Business name"), max_length=255)
    owner_name = forms.CharField(label=_("Owner's name"), max_length=255, required=False)
    size_class = forms.ChoiceField(label=_("Business size"), choices=ProducerSizeClass.choices)
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    nib = forms.CharField(
        label=_("Business ID (NIB)"),
        max_length=20,
        required=False,
        help_text=_("13 digits, from OSS."),
    )
    pirt_number = forms.CharField(
        label=_("P-IRT number"),
        max_length=20,
        required=False,
        help_text=_("Home-industry food permit; the last two digits are the year it expires."),
    )
    halal_certificate_number = forms.CharField(
        label=_("Halal certificate number"), max_length=64, required=False
    )
    halal_certificate_expires_on = forms.DateField(
        label=_("Halal certificate valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    bpom_number = forms.CharField(
        label=_("BPOM registration number"),
        max_length=20,
        required=False,
        help_text=_("For example MD 123456789012."),
    )
    is_active = forms.BooleanField(label=_("Still active"), required=False, initial=True)


class PeriodForm(forms.Form):
    """A statement's period, both days included."""

    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberForm(MemberPersonalForm):
    """A member in the registry: personal data, membership and the producer link."""

    number = forms.IntegerField(
        label=_("Member number"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to take the next free number."),
    )
    joined_on = forms.DateField(label=_("Date joined"), widget=_date_widget())
    status = forms.ChoiceField(label=_("Status"), choices=MemberStatus.choices)
    status_changed_on = forms.DateField(
        label=_("Date of leaving or death"), required=False, widget=_date_widget()
    )
    producer = forms.ModelChoiceField(
        label=_("Producer"),
        queryset=Producer.objects.none(),
        required=False,
        help_text=_("When the member sells through the cooperative."),
    )

    def __init__(self, *args: Any, cooperative: Cooperative, **kwargs: Any) -> None:
        super().__init__(*args, cooperative=cooperative, **kwargs)
        form_field(self, "producer", forms.ModelChoiceField).queryset = Producer.objects.filter(
            cooperative=cooperative
        ).order_by("name")


class SavingsForm(forms.Form):
    """One deposit or withdrawal; ``request_id`` makes a form sent twice count once."""

    kind = forms.ChoiceField(label=_("Savings"), choices=SavingsKind.choices)
    direction = forms.ChoiceField(
        label=_("Movement"),
        choices=(("in", _("Deposit")), ("out", _("Withdrawal"))),
        widget=forms.RadioSelect,
        initial="in",
    )
    amount = PriceField(label=_("Amount (Rp)"))
    occurred_on = forms.DateField(label=_("Date"), widget=_date_widget())
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    request_id = forms.CharField(widget=forms.HiddenInput, max_length=64)


class MemberExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("File"), choices=(("xlsx", "Excel (XLSX)"), ("csv", "CSV")), initial="xlsx"
    )
    with_nik = forms.BooleanField(
        label=_("Include the NIK in full"),
        required=False,
        help_text=_("Personal data: only when you need it, and keep the file safe."),
    )
