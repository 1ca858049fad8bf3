"""The RAT report's sections as page forms, and the KSP/USP health inputs' pages.

Fields are plain (every figure optional, so a draft can be saved half filled in); what
must add up and what submission needs is checked by the domain
(``coop_reporting.rat.validation``) and shown next to these fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coop_reporting.rat.models import (
    BALANCE_SHEET_FIELDS,
    BOARD_FIELDS,
    INCOME_STATEMENT_FIELDS,
    MEMBER_FIELDS,
    PLAN_FIELDS,
    RatAttachmentKind,
    RatMethod,
    RatReport,
)
from marketplace.core.money import format_rupiah
from web.core.forms import form_field

_AMOUNT = re.compile(r"-?(\d+|\d{1,3}(\.\d{3})+)")
SHU_ROWS_MIN = 4
SHU_ROWS_EXTRA = 2


@dataclass(frozen=True)
class Section:
    """One page of the guided form: its address, title and the report fields on it."""

    slug: str
    title: Any
    fields: tuple[str, ...] = ()
    intro: Any = ""


SECTIONS = (
    Section(
        "rapat",
        _("The meeting"),
        ("rat_date", "method", *MEMBER_FIELDS),
        _("When and how the annual members' meeting was held, and who came."),
    ),
    Section("pengurus", _("Board and staff"), BOARD_FIELDS),
    Section(
        "neraca",
        _("Balance sheet"),
        BALANCE_SHEET_FIELDS,
        _("At the end of the financial year, in whole rupiah (for example 1.100.000.000)."),
    ),
    Section(
        "hasil-usaha",
        _("Income statement"),
        INCOME_STATEMENT_FIELDS,
        _("For the whole financial year, in whole rupiah."),
    ),
    Section(
        "shu",
        _("Surplus distribution"),
        (),
        _("How the members' meeting decided to share the net surplus (SHU bersih)."),
    ),
    Section("rencana", _("Plan for next year"), PLAN_FIELDS),
    Section(
        "lampiran",
        _("Attachments"),
        (),
        _("The minutes, the attendance list and the financial statements: PDF or a photo."),
    ),
    Section("periksa", _("Check and submit")),
)
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}
SECTION_OF_FIELD = {name: section for section in SECTIONS for name in section.fields}


def field_label(name: str) -> str:
    """The report field's label as people read it (the model's verbose name)."""
    field = RatReport._meta.get_field(name)
    if not isinstance(field, models.Field):  # a relation's reverse side has no label
        raise TypeError(f"{name!r} is not a field of the RAT report")
    return str(capfirst(field.verbose_name))


def parse_amount(text: str) -> int:
    """Whole rupiah as people write them: ``1100000000``, ``1.100.000.000``,
    ``Rp1.100.000.000``, ``-Rp5.000``. Raises ``forms.ValidationError`` otherwise."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-")
    if cleaned[:2].lower() == "rp":
        cleaned = cleaned[2:]
    if not _AMOUNT.fullmatch(cleaned):
        raise forms.ValidationError(
            _("Write a whole amount in rupiah, for example 1.100.000.000."), code="invalid"
        )
    value = int(cleaned.replace(".", ""))
    return -value if negative else value


class AmountField(forms.CharField):
    """An amount in whole rupiah (may be negative: a loss year)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return format_rupiah(value)
        return value

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        return parse_amount(text) if text else None


class WholeNumberField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric"})


_YES_NO = (("", _("Not answered yet")), ("true", _("Yes")), ("false", _("No")))


def _form_field(name: str) -> forms.Field:
    model_field = RatReport._meta.get_field(name)
    label = field_label(name)
    if name == "method":
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=(("", _("Not chosen yet")), *RatMethod.choices),
        )
    if name == "has_manager":
        return forms.TypedChoiceField(
            label=label,
            required=False,
            choices=_YES_NO,
            coerce=lambda value: value == "true",
            empty_value=None,
        )
    if isinstance(model_field, models.DateField):
        return forms.DateField(
            label=label,
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
    if isinstance(model_field, models.BigIntegerField):
        return AmountField(label=label)
    if isinstance(model_field, models.TextField):
        return forms.CharField(
            label=label, required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
        )
    return WholeNumberField(label=label)


def _initial(report: RatReport, name: str) -> Any:
    value = getattr(report, name)
    if name == "has_manager":
        return "" if value is None else ("true" if value else "false")
    return value


def section_form(
    section: Section, report: RatReport, data: Any = None, prefill: dict[str, Any] | None = None
) -> forms.Form:
    """The section's form, filled in from the report (or from what was posted); ``prefill``
    gives values for fields the report leaves empty (the member registry's counts)."""
    initial = {name: _initial(report, name) for name in section.fields}
    initial.update({name: value for name, value in (prefill or {}).items() if name in initial})
    form = forms.Form(data, initial=initial)
    for name in section.fields:
        form.fields[name] = _form_field(name)
    return form


# --- The surplus (SHU) distribution: a few rows of name, percentage and amount -----------


def parse_percentage(text: str) -> Decimal:
    """``40``, ``12,5`` or ``12.5`` (per cent)."""
    try:
        value = Decimal(text.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise forms.ValidationError(
            _("Write a percentage, for example 12,5."), code="invalid"
        ) from None
    if not value.is_finite():
        raise forms.ValidationError(_("Write a percentage, for example 12,5."), code="invalid")
    return value


class PercentageField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        return parse_percentage(text) if text else None


def shu_form(report: RatReport, data: Any = None) -> tuple[forms.Form, int]:
    """The distribution's rows (the stored ones and a few empty), and how many rows."""
    lines = list(report.shu_distribution.all())
    rows = max(SHU_ROWS_MIN, len(lines) + SHU_ROWS_EXTRA)
    initial: dict[str, Any] = {}
    for index, line in enumerate(lines):
        initial[f"name_{index}"] = line.name
        initial[f"percentage_{index}"] = line.percentage
        initial[f"amount_{index}"] = line.amount
    form = forms.Form(data, initial=initial)
    for index in range(rows):
        number = index + 1
        form.fields[f"name_{index}"] = forms.CharField(
            label=_("Share %(number)s: name") % {"number": number}, max_length=100, required=False
        )
        form.fields[f"percentage_{index}"] = PercentageField(
            label=_("Share %(number)s: percentage") % {"number": number}
        )
        form.fields[f"amount_{index}"] = AmountField(
            label=_("Share %(number)s: amount in rupiah") % {"number": number}
        )
    return form, rows


def shu_lines_from(form: forms.Form, rows: int) -> list[dict[str, Any]]:
    """The filled-in rows as the service takes them (wholly empty rows left out)."""
    lines = []
    for index in range(rows):
        name = form.cleaned_data[f"name_{index}"].strip()
        percentage = form.cleaned_data[f"percentage_{index}"]
        amount = form.cleaned_data[f"amount_{index}"]
        if not name and percentage is None and amount is None:
            continue
        lines.append({"name": name, "percentage": percentage, "amount": amount})
    return lines


# --- Starting a report and attaching files ------------------------------------------------


class NewReportForm(forms.Form):
    financial_year = forms.TypedChoiceField(label=_("Financial year"), coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "financial_year", forms.ChoiceField).choices = [
            (year, str(year)) for year in years
        ]


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file is"), choices=RatAttachmentKind.choices)
    file = forms.FileField(
        label=_("File"),
        error_messages={"required": _("Upload a file.")},
        help_text=_("A PDF, or a photo (JPEG, PNG or WebP). On a phone you can take a photo."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )
