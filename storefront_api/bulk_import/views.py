"""Download of the bulk import template (``/import-template/products.<csv|xlsx>``)."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from marketplace.imports.products import bulk_import_template

TemplateFormat = Literal["csv", "xlsx"]
CONTENT_TYPES: dict[TemplateFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FILENAME = "template-impor-produk.{extension}"


@require_GET
def product_import_template(request: HttpRequest, file_format: str) -> HttpResponse:
    """The template file: header row and one example row (XLSX: with a "Petunjuk" sheet)."""
    template_format = next((known for known in CONTENT_TYPES if known == file_format), None)
    if template_format is None:
        raise Http404
    response = HttpResponse(
        bulk_import_template(template_format), content_type=CONTENT_TYPES[template_format]
    )
    filename = FILENAME.format(extension=template_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response
