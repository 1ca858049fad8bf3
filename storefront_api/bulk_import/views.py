"""Download of the bulk import template (``/import-template/products.<csv|xlsx>``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from marketplace.imports.products import bulk_import_template

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FILENAME = "template-impor-produk.{extension}"


@require_GET
def product_import_template(request: HttpRequest, file_format: str) -> HttpResponse:
    """The template file: header row and one example row (XLSX: with a "Petunjuk" sheet)."""
    if file_format not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(
        bulk_import_template(file_format),  # type: ignore[arg-type]
        content_type=CONTENT_TYPES[file_format],
    )
    filename = FILENAME.format(extension=file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response
