"""The GET forms of the district desk: the financial year, and the list's filters and sort
(the API's ``districtCooperatives`` arguments)."""

from __future__ import annotations

import re

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


def _bool(value: str | None) -> bool | None:
    return {"1": True, "0": False}.get(value or "")


class YearForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Financial year"), coerce=int, required=False)

    def __init__(self, *args: object, current_year: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.current_year = current_year
        self.fields["tahun"].choices = year_choices(current_year)

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
        self, *args: object, regions: list[tuple[str, str]], current_year: int, **kwargs: object
    ) -> None:
        super().__init__(*args, current_year=current_year, **kwargs)
        self.fields["wilayah"].choices = [("", _("All my regions")), *regions]
        self.fields["kesehatan"].choices = health_category_choices()

    def _value(self, name: str) -> object:
        """A field's clean value; a field in error counts as not given (the others apply)."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    def filters(self) -> DistrictFilters:
        region = str(self._value("wilayah") or "")
        return DistrictFilters(
            regency=region if len(region) == 5 else None,
            province=region if len(region) == 2 else None,
            search=str(self._value("q") or "") or None,
            jenis=tuple(self._value("jenis") or ()),
            activity_status=tuple(self._value("status") or ()),
            health_category=tuple(self._value("kesehatan") or ()),
            flags=tuple(self._value("peringatan") or ()),
            flagged=_bool(self._value("ditandai")),  # type: ignore[arg-type]
            has_savings_unit=_bool(self._value("simpan_pinjam")),  # type: ignore[arg-type]
            merah_putih=_bool(self._value("merah_putih")),  # type: ignore[arg-type]
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
        return int(self._value("halaman") or 1)
