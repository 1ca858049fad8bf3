"""The district view's report kinds (see ``coop_reporting.exports.registry``), registered
when the app is ready (``apps``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coop_reporting.district import exports, report
from coop_reporting.exports.models import ReportExportFormat
from coop_reporting.exports.registry import ExportKind, ExportScope, register

DISTRICT_LIST = register(
    ExportKind(
        key="district_list",
        label=_("District list of cooperatives"),
        scope=ExportScope.DISTRICT,
        formats=(ReportExportFormat.CSV.value, ReportExportFormat.XLSX.value),
        clean=exports.clean,
        build=exports.build_list,
    )
)
DISTRICT_REPORT = register(
    ExportKind(
        key="district_report",
        label=_("District report"),
        scope=ExportScope.DISTRICT,
        formats=(ReportExportFormat.PDF.value,),
        clean=exports.clean,
        build=report.build_report,
    )
)
