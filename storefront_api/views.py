"""The /graphql/ endpoint: POST JSON for clients, the GraphiQL playground for browsers."""

from django.http import FileResponse, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from storefront_api.core.views import GraphQLView
from storefront_api.schema import schema

graphql_view = csrf_exempt(GraphQLView.as_view(schema=schema))


def product_import_template_view(request: HttpRequest, file_format: str) -> HttpResponse:
    """The bulk import template download; see storefront_api.bulk_import.views."""
    from storefront_api.bulk_import.views import product_import_template

    return product_import_template(request, file_format)


def thumbnail_view(
    request: HttpRequest, instance_id: str, size: int, format: str | None = None
) -> HttpResponse | FileResponse:
    """Product image thumbnails; see storefront_api.catalog.views."""
    from storefront_api.catalog.views import thumbnail

    return thumbnail(request, instance_id, size, format)


def report_export_download_view(
    request: HttpRequest, export_id: str
) -> HttpResponse | FileResponse:
    """A finished report export's file; see storefront_api.coop_reporting.downloads."""
    from storefront_api.coop_reporting.downloads import report_export_download

    return report_export_download(request, export_id)
