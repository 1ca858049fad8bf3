"""The cooperative report kinds (see ``registry``), registered when the app is ready
(``apps``). The district view registers its own (``coop_reporting.district.kinds``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coop_reporting.exports import cooperative_profile, producer_statement
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
