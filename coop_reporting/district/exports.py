"""District exports for the Dinas Koperasi: what they cover, and the district list as CSV
or XLSX (the PDF report is ``district_report``).

A request names the requester's ``SupervisionScope`` (``scope``: checked, not stored), a
region (``regency`` or ``province`` code; none: the whole scope), the district list's
filters (``filters``: a ``DistrictFilters`` or a mapping of its fields), its sort
(``sort``: ``{"field": "sales_this_year", "direction": "desc"}``) and a
``financial_year`` (default: the current one). ``clean`` refuses regions outside the
scope (``OUT_OF_SCOPE_REGION``) and stores the regions the report covers (``regions``;
empty: all of Indonesia, platform staff only) and the day it was asked (``as_of``: the
day activity statuses and RAT deadlines refer to, so the file shows what the list showed).

The list has one row per cooperative, in the list's order, read in chunks of
``CHUNK_SIZE`` through a server-side cursor with their open warnings one query per chunk,
and written row by row into a temporary file: 25,000 cooperatives never sit in memory at
once. Amounts are whole rupiah integers; labels in the requester's language.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db.models import F, OrderBy, QuerySet
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coop_reporting.district import selectors
from coop_reporting.district.models import (
    ActivityStatus,
    CooperativeReportingSummary,
    RatYearStatus,
)
from coop_reporting.district.selectors import DistrictFilters
from coop_reporting.exports.error_codes import ReportExportErrorCode
from coop_reporting.exports.models import ReportExportFormat
from coop_reporting.exports.registry import BuiltFile, ExportScope, get_kind
from coop_reporting.exports.tabular import csv_file, xlsx_file
from coop_reporting.sales.models import CooperativeFlag
from coop_reporting.sales.selectors import flag_label
from coop_reporting.supervision.selectors import SupervisionScope
from marketplace.core.exceptions import field_error
from marketplace.regions.models import Province, Regency
from marketplace.village_hubs.models import CooperativeJenis

CHUNK_SIZE = 2000
FIRST_YEAR = 1945  # as the district list
REGENCY_RE = re.compile(r"^\d{2}\.\d{2}$")
PROVINCE_RE = re.compile(r"^\d{2}$")

# Sort fields of the district list (DistrictCooperativeSortField) → summary columns.
SORT_COLUMNS = {
    "name": "name",
    "sales_this_year": "fy_sales",
    "sales_trend": "fy_trend",
    "health_score": "fy_health_score",
    "last_sale_date": "last_sale_date",
    "members": "member_count",
}
SORT_DIRECTIONS = ("asc", "desc")
LIST_FILTERS = (
    "search",
    "jenis",
    "activity_status",
    "health_category",
    "flags",
    "flagged",
    "has_savings_unit",
    "merah_putih",
)
CHOICES = {"jenis": CooperativeJenis.values, "activity_status": ActivityStatus.values}


# --- what a district export covers ---------------------------------------------------------


@dataclass(frozen=True)
class DistrictExport:
    """A stored district export's parameters, ready to query."""

    regions: tuple[str, ...]  # regency (PP.KK) and province (PP) codes; () = all
    regency: str | None
    province: str | None
    financial_year: int
    as_of: datetime.date
    filters: DistrictFilters
    sort_field: str
    sort_direction: str

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Any]) -> DistrictExport:
        regency, province = parameters.get("regency"), parameters.get("province")
        stored = parameters.get("filters") or {}
        sort = parameters.get("sort") or {}
        return cls(
            regions=tuple(parameters.get("regions") or ()),
            regency=regency,
            province=province,
            financial_year=int(parameters["financial_year"]),
            as_of=datetime.date.fromisoformat(parameters["as_of"]),
            filters=DistrictFilters(
                regency=regency,
                province=province,
                **{name: _stored_filter(name, stored.get(name)) for name in LIST_FILTERS},
            ),
            sort_field=sort.get("field", "name"),
            sort_direction=sort.get("direction", "asc"),
        )

    @property
    def scope(self) -> SupervisionScope:
        return scope_of_regions(self.regions)

    def summaries(self) -> QuerySet[CooperativeReportingSummary]:
        """The summary rows of the cooperatives it covers, filtered, unordered."""
        return selectors.district_summaries(
            self.scope, financial_year=self.financial_year, today=self.as_of, filters=self.filters
        )

    def ordered(self) -> QuerySet[CooperativeReportingSummary]:
        """As the district list orders them (empty values last, then by name)."""
        column = SORT_COLUMNS[self.sort_field]
        first: OrderBy = (
            F(column).desc(nulls_last=True)
            if self.sort_direction == "desc"
            else F(column).asc(nulls_last=True)
        )
        return self.summaries().order_by(first, "name", "cooperative_id")

    def region_name(self) -> str:
        """The region for people: ``Kabupaten Kudus``, ``Provinsi Jawa Tengah``, several
        names, or all of Indonesia."""
        return region_names(self.regency or self.province or None, self.regions)


def _stored_filter(name: str, value: Any) -> Any:
    if name in ("search", "flagged", "has_savings_unit", "merah_putih"):
        return value
    return tuple(value or ())


def scope_of_regions(regions: Sequence[str]) -> SupervisionScope:
    """The scope made of some region codes; no codes: everything."""
    if not regions:
        return SupervisionScope(everything=True)
    return SupervisionScope(
        regency_codes=frozenset(code for code in regions if len(code) == 5),
        province_codes=frozenset(code for code in regions if len(code) == 2),
    )


def export_covered_by(parameters: Mapping[str, Any], scope: SupervisionScope) -> bool:
    """Whether ``scope`` covers every region a stored district export is about (all of
    Indonesia: platform staff only)."""
    regions = parameters.get("regions") or ()
    if not regions:
        return scope.everything
    return all(scope.covers(code) for code in regions)


def district_export_readable_by(export: Any, *, user: Any, scope: SupervisionScope) -> bool:
    """Whether ``user`` (with their ``scope``) may read a district export: its requester,
    or whoever supervises every region it covers. Exports of other kinds: no (their own
    rules decide)."""
    kind = get_kind(export.kind)
    if kind is None or kind.scope is not ExportScope.DISTRICT:
        return False
    if getattr(user, "is_authenticated", False) and export.requested_by_id == user.pk:
        return True
    return export_covered_by(export.parameters, scope)


def region_names(region: str | None, regions: Sequence[str]) -> str:
    """``region`` (when given) or every code in ``regions`` by name, in code order."""
    codes = [region] if region else sorted(regions)
    if not codes:
        return _("All of Indonesia")
    regencies = dict(
        Regency.objects.filter(code__in=[c for c in codes if len(c) == 5]).values_list(
            "code", "name"
        )
    )
    provinces = dict(
        Province.objects.filter(code__in=[c for c in codes if len(c) == 2]).values_list(
            "code", "name"
        )
    )
    names = [
        regencies.get(code, code)
        if len(code) == 5
        else _("Province %(name)s") % {"name": provinces.get(code, code)}
        for code in codes
    ]
    return ", ".join(names)


# --- checking a request ------------------------------------------------------------------


def _region_code(value: Any, *, field: str) -> str | None:
    if value in (None, ""):
        return None
    code = str(value).strip()
    if field == "regency":
        if not REGENCY_RE.match(code):
            raise field_error(
                field,
                _("Enter the Kemendagri code of a regency or city, e.g. 33.19."),
                ReportExportErrorCode.INVALID,
            )
        if not Regency.objects.filter(code=code).exists():
            raise field_error(
                field,
                _("There is no regency or city with this code."),
                ReportExportErrorCode.NOT_FOUND,
            )
        return code
    if not PROVINCE_RE.match(code):
        raise field_error(
            field,
            _("Enter the Kemendagri code of a province, e.g. 33."),
            ReportExportErrorCode.INVALID,
        )
    if not Province.objects.filter(code=code).exists():
        raise field_error(
            field, _("There is no province with this code."), ReportExportErrorCode.NOT_FOUND
        )
    return code


def _one_region(given: str | None, in_filter: str | None, *, field: str) -> str | None:
    """The region named on the request or in its filter (the same when both)."""
    given = given or None
    in_filter = in_filter or None
    if given and in_filter and given.strip() != in_filter.strip():
        message = (
            _("The regency or city of the request and of its filter differ.")
            if field == "regency"
            else _("The province of the request and of its filter differ.")
        )
        raise field_error(field, message, ReportExportErrorCode.INVALID)
    return given or in_filter


def _filters(value: Any) -> tuple[dict[str, Any], str | None, str | None]:
    """The list filters as JSON-safe values, and the filter's regency and province."""
    if value is None:
        data: dict[str, Any] = {}
    elif isinstance(value, DistrictFilters):
        data = asdict(value)
    elif isinstance(value, Mapping):
        data = dict(value)
    else:
        raise field_error(
            "district_filter", _("Filters are not valid."), ReportExportErrorCode.INVALID
        )
    cleaned: dict[str, Any] = {}
    for name in LIST_FILTERS:
        item = data.get(name)
        if name == "search":
            cleaned[name] = (str(item).strip() or None) if item is not None else None
        elif name in ("flagged", "has_savings_unit", "merah_putih"):
            cleaned[name] = None if item is None else bool(item)
        else:
            values = sorted({str(entry) for entry in item or ()})
            allowed = CHOICES.get(name)
            if allowed is not None and not set(values) <= set(allowed):
                raise field_error(
                    "district_filter",
                    _("Unknown value in the filter: %(values)s.")
                    % {"values": ", ".join(sorted(set(values) - set(allowed)))},
                    ReportExportErrorCode.INVALID,
                )
            cleaned[name] = values
    return cleaned, data.get("regency"), data.get("province")


def _sort(value: Any) -> dict[str, str]:
    data = dict(value or {})
    field = str(data.get("field") or "name")
    direction = str(data.get("direction") or "asc")
    if field not in SORT_COLUMNS or direction not in SORT_DIRECTIONS:
        raise field_error(
            "district_sort_by", _("The list cannot be sorted so."), ReportExportErrorCode.INVALID
        )
    return {"field": field, "direction": direction}


def clean(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Checks a district request (see the module doc). ``ReportExportErrorCode`` on
    ``regency`` / ``province`` (INVALID: not a code, or a regency outside the province;
    NOT_FOUND; OUT_OF_SCOPE_REGION: not supervised by the requester), ``district_filter``,
    ``district_sort_by`` and ``financial_year`` (INVALID)."""
    scope = parameters.get("scope")
    if not isinstance(scope, SupervisionScope) or scope.is_empty:
        raise field_error(
            None,
            _("Only Dinas Koperasi officers and platform staff can export district reports."),
            ReportExportErrorCode.OUT_OF_SCOPE_REGION,
        )
    filters, filter_regency, filter_province = _filters(parameters.get("filters"))
    regency = _region_code(
        _one_region(parameters.get("regency"), filter_regency, field="regency"), field="regency"
    )
    province = _region_code(
        _one_region(parameters.get("province"), filter_province, field="province"),
        field="province",
    )
    if regency and province and not regency.startswith(f"{province}."):
        raise field_error(
            "regency",
            _("This regency or city is not in the chosen province."),
            ReportExportErrorCode.INVALID,
        )
    region, field = (regency, "regency") if regency else (province, "province")
    if region is not None:
        if not scope.covers(region):
            raise field_error(
                field,
                _("You do not supervise this region."),
                ReportExportErrorCode.OUT_OF_SCOPE_REGION,
            )
        regions = [region]
    else:
        regions = [] if scope.everything else sorted(scope.regency_codes | scope.province_codes)
    today = selectors.local_today()
    current = selectors.current_financial_year(today)
    year = parameters.get("financial_year")
    if year is None:
        year = current
    if not FIRST_YEAR <= year <= current:
        raise field_error(
            "financial_year",
            _("Choose a financial year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": current},
            ReportExportErrorCode.INVALID,
        )
    return {
        "regency": regency,
        "province": province,
        "regions": regions,
        "financial_year": year,
        "as_of": today.isoformat(),
        "filters": filters,
        "sort": _sort(parameters.get("sort")),
    }


# --- the list, CSV and XLSX ----------------------------------------------------------------


def chunks(rows: Iterable[Any], size: int | None = None) -> Iterator[list[Any]]:
    """Consecutive lists of at most ``size`` (default ``CHUNK_SIZE``) items."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size or CHUNK_SIZE)):
        yield chunk


def flag_text(flags: Sequence[CooperativeFlag]) -> str:
    """``Penjualan turun: <reason>; RAT terlambat: <reason>``."""
    return "; ".join(f"{flag_label(flag.kind)}: {flag.reason}" for flag in flags)


def _jenis(value: str) -> str:
    try:
        return str(CooperativeJenis(value).label)
    except ValueError:
        return value


def _rat(value: str) -> str:
    try:
        return str(RatYearStatus(value).label)
    except ValueError:
        return value


def _header(year: int) -> list[str]:
    return [
        _("Cooperative"),
        _("Cooperative registration number (NIK)"),
        _("Type"),
        _("Regency or city"),
        _("Province"),
        _("Members"),
        _("Activity status"),
        _("Health category"),
        _("Health score"),
        _("Open warnings"),
        _("Marketplace sales %(year)s (Rp)") % {"year": year},
        _("Marketplace sales %(year)s (Rp)") % {"year": year - 1},
        _("Change in marketplace sales (%)"),
        _("Last sale"),
        _("RAT on financial year %(year)s") % {"year": year - 1},
    ]


AMOUNT_COLUMNS = (10, 11)
PERCENT_COLUMNS = (8, 12)
DATE_COLUMNS = (13,)


def district_rows(export: DistrictExport) -> Iterator[Sequence[object]]:
    """The header, then one row per cooperative (typed values: ``int`` amounts,
    ``Decimal`` score and trend, ``date`` last sale; ``None`` when unknown)."""
    yield _header(export.financial_year)
    regencies = dict(Regency.objects.values_list("code", "name"))
    provinces = dict(Province.objects.values_list("code", "name"))
    for chunk in chunks(export.ordered().iterator(chunk_size=CHUNK_SIZE)):
        flags = selectors.open_flags_of(
            [row.cooperative_id for row in chunk if row.open_flag_kinds]
        )
        for row in chunk:
            status = selectors.activity_status(row.last_rat_date, row.last_sale_date, export.as_of)
            yield [
                row.name,
                row.nomor_induk_koperasi,
                _jenis(row.jenis),
                regencies.get(row.regency_code, row.regency_code),
                provinces.get(row.province_code, row.province_code),
                row.member_count,
                str(status.label),
                row.fy_health_category,
                row.fy_health_score,
                flag_text(flags.get(row.cooperative_id, ())),
                int(row.fy_sales),
                int(row.fy_previous_sales),
                row.fy_trend,
                row.last_sale_date,
                _rat(row.fy_rat_status),
            ]


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent  # a letter only for NaN and infinities
        places = max(0, -exponent) if isinstance(exponent, int) else 0
        return formats.number_format(value, decimal_pos=places)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def district_list_csv(export: DistrictExport) -> BuiltFile:
    """Comma-separated, UTF-8 with BOM; decimals with a comma as in Indonesian."""
    rows = ([_csv_value(value) for value in row] for row in district_rows(export))
    return BuiltFile(name=file_name(export, "csv"), file=csv_file(rows))


def district_list_xlsx(export: DistrictExport) -> BuiltFile:
    """One sheet; amounts, score and trend as numbers, the last sale as a date."""
    number_formats = dict.fromkeys(AMOUNT_COLUMNS, "#,##0")
    number_formats |= dict.fromkeys(PERCENT_COLUMNS, "0.0#")
    number_formats |= dict.fromkeys(DATE_COLUMNS, "yyyy-mm-dd")
    content = xlsx_file(
        _("Cooperatives"),
        district_rows(export),
        widths=(36, 20, 28, 24, 20, 10, 30, 18, 10, 60, 18, 18, 12, 12, 24),
        number_formats=number_formats,
    )
    return BuiltFile(name=file_name(export, "xlsx"), file=content)


def file_name(
    export: DistrictExport, file_format: str, *, stem: str | None = None, region: str | None = None
) -> str:
    """``daftar-koperasi-kabupaten-kudus-2026.csv``: what, where, which year."""
    place = slugify(region or export.region_name())[:60].rstrip("-") or "indonesia"
    stem = stem or slugify(_("cooperative list"))
    return f"{stem}-{place}-{export.financial_year}.{file_format}"


def build_list(parameters: Mapping[str, Any], file_format: str) -> BuiltFile:
    """The district list file, in the active language."""
    export = DistrictExport.from_parameters(parameters)
    writer = {
        ReportExportFormat.CSV.value: district_list_csv,
        ReportExportFormat.XLSX.value: district_list_xlsx,
    }[file_format]
    return writer(export)
