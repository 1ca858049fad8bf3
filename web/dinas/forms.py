"""The GET forms of the district desk: the financial year, and the list's filters and sort
(the API's ``districtCooperatives`` arguments)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import F, OrderBy
from django.utils.translation import gettext_lazy as _

from coop_reporting.district.models import ActivityStatus
from coop_reporting.district.selectors import DistrictFilters
from coop_reporting.rules.loader import load_rules
from coop_reporting.sales.selectors import FLAG_LABELS
from marketplace.village_hubs.models import CooperativeJenis

PAGE_SIZE = 20
FIRST_YEAR = 2020
REGION_RE = re.compile(r"^\d{2}(\.\d{2})?$")

YES_NO = [("", _("Any")), ("1", _("Yes")), ("0", _("No"))]
SORTS = {
    "name": ("name",),
    "-sales": ("-fy_sales", "name"),
    "sales": ("fy_sales", "name"),
    "-trend": ("-fy_trend", "name"),
    "trend": ("fy_trend", "name"),
    "-health": ("-fy_health_score", "name"),
    "health": ("fy_health_score", "name"),
    "-last_sale": ("-last_sale_date", "name"),
    "last_sale": ("last_sale_date", "name"),
    "-members": ("-member_count", "name"),
    "members": ("member_count", "name"),
}
SORT_CHOICES = [
    ("name", _("Name (A–Z)")),
    ("-sales", _("Sales this year, highest first")),
    ("sales", _("Sales this year, lowest first")),
    ("-trend", _("Trend, rising first")),
    ("trend", _("Trend, falling first")),
    ("-health", _("Health score, highest first")),
    ("health", _("Health score, lowest first")),
    ("-last_sale", _("Last sale, newest first")),
    ("last_sale", _("Last sale, oldest first")),
    ("-members", _("Members, most first")),
    ("members", _("Members, fewest first")),
]
# The API's sort fields, for the district list export.
EXPORT_SORT = {
    "name": "name",
    "sales": "sales_this_year",
    "trend": "sales_trend",
    "health": "health_score",
    "last_sale": "last_sale_date",
    "members": "members",
}


def health_category_choices() -> list[tuple[str, str]]:
    labels = [item["label"] for item in load_rules("ksp_health_perdep_06_2016")["categories"]]
    return [(label, label) for label in labels]


def year_choices(current: int) -> list[tuple[int, str]]:
    return [(year, str(year)) for year in range(current, FIRST_YEAR - 1, -1)]


def _bool(value: object) -> bool | None:
    """A yes/no choice's clean value ("1", "0", or "" / None for either)."""
    return {"1": True, "0": False}.get(value) if isinstance(value, str) else None


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """The form's choice field ``name`` (to set its choices when the form is made)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class YearForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Financial year"), coerce=int, required=False)

    def __init__(self, *args: Any, current_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current_year = current_year
        _choice_field(self, "tahun").choices = year_choices(current_year)

    def year(self) -> int:
        """The chosen year; the current one when none or not a valid choice."""
        if self.is_bound:
            self.is_valid()
            if self.cleaned_data.get("tahun"):
                return int(self.cleaned_data["tahun"])
        return self.current_year


class DistrictListForm(YearForm):
    q = forms.CharField(label=_("Name or NIK"), required=False, max_length=100)
    wilayah = forms.ChoiceField(label=_("Regency or city"), required=False)
    jenis = forms.MultipleChoiceField(
        label=_("Type"), required=False, choices=CooperativeJenis.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    status = forms.MultipleChoiceField(
        label=_("Activity status"), required=False, choices=ActivityStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    kesehatan = forms.MultipleChoiceField(
        label=_("Health category"), required=False, widget=forms.CheckboxSelectMultiple
    )
    peringatan = forms.MultipleChoiceField(
        label=_("Warning"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(key, label) for key, label in FLAG_LABELS.items()],
    )  # fmt: skip
    ditandai = forms.ChoiceField(label=_("With warnings"), required=False, choices=YES_NO)
    simpan_pinjam = forms.ChoiceField(
        label=_("Savings and loan unit"), required=False, choices=YES_NO
    )
    merah_putih = forms.ChoiceField(label=_("Merah Putih"), required=False, choices=YES_NO)
    urut = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    halaman = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, regions: list[tuple[str, str]], current_year: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, current_year=current_year, **kwargs)
        _choice_field(self, "wilayah").choices = [("", _("All my regions")), *regions]
        _choice_field(self, "kesehatan").choices = health_category_choices()

    def _value(self, name: str) -> object:
        """A field's clean value; a field in error counts as not given (the others apply)."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    def _chosen(self, name: str) -> tuple[str, ...]:
        """A multiple-choice field's clean values (a list of keys); none when not given."""
        value = self._value(name)
        return tuple(value) if isinstance(value, list) else ()

    def filters(self) -> DistrictFilters:
        region = str(self._value("wilayah") or "")
        return DistrictFilters(
            regency=region if len(region) == 5 else None,
            province=region if len(region) == 2 else None,
            search=str(self._value("q") or "") or None,
            jenis=self._chosen("jenis"),
            activity_status=self._chosen("status"),
            health_category=self._chosen("kesehatan"),
            flags=self._chosen("peringatan"),
            flagged=_bool(self._value("ditandai")),
            has_savings_unit=_bool(self._value("simpan_pinjam")),
            merah_putih=_bool(self._value("merah_putih")),
        )

    def sort_key(self) -> str:
        return str(self._value("urut") or "name")

    def order_by(self) -> list[OrderBy]:
        """The sort as the API's: empty values last, then by name."""
        order = []
        for column in (*SORTS[self.sort_key()], "cooperative_id"):
            name = column.lstrip("-")
            descending = column.startswith("-")
            order.append(
                F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
            )
        return order

    def export_sort(self) -> dict[str, str]:
        key = self.sort_key()
        return {
            "field": EXPORT_SORT[key.lstrip("-")],
            "direction": "desc" if key.startswith("-") else "asc",
        }

    def page(self) -> int:
        value = self._value("halaman")  # an int of at least 1, or None
        return value if isinstance(value, int) and value else 1
