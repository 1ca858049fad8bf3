"""The report kinds Lumbung can export (see ``registry``). Add new kinds here."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coop_reporting.exports import (
    cooperative_profile,
    district,
    district_report,
    producer_statement,
)
from coop_reporting.exports.models import ReportExportFormat
from coop_reporting.exports.registry import ExportKind, ExportScope, register

ALL_FORMATS = (
    ReportExportFormat.CSV.value,
    ReportExportFormat.XLSX.value,
    ReportExportFormat.PDF.value,
)

COOPERATIVE_PROFILE = register(
    ExportKind(
        key="cooperative_profile",
        label=_("Cooperative activity profile"),
        scope=ExportScope.COOPERATIVE,
        formats=ALL_FORMATS,
        clean=cooperative_profile.clean,
        build=cooperative_profile.build,
    )
)
PRODUCER_STATEMENT = register(
    ExportKind(
        key="producer_statement",
        label=_("Producer statement"),
        scope=ExportScope.COOPERATIVE,
        formats=ALL_FORMATS,
        clean=producer_statement.clean,
        build=producer_statement.build,
    )
)
DISTRICT_LIST = register(
    ExportKind(
        key="district_list",
        label=_("District list of cooperatives"),
        scope=ExportScope.DISTRICT,
        formats=(ReportExportFormat.CSV.value, ReportExportFormat.XLSX.value),
        clean=district.clean,
        build=district.build_list,
    )
)
DISTRICT_REPORT = register(
    ExportKind(
        key="district_report",
        label=_("District report"),
        scope=ExportScope.DISTRICT,
        formats=(ReportExportFormat.PDF.value,),
        clean=district.clean,
        build=district_report.build_report,
    )
)
