from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from marketplace.core.health import health
from marketplace.payments.webhooks import midtrans_notification
from storefront_api.views import (
    graphql_view,
    product_import_template_view,
    report_export_download_view,
    thumbnail_view,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("graphql/", graphql_view, name="graphql"),
    path("health/", health, name="health"),
    path(
        "payments/midtrans/notification/",
        midtrans_notification,
        name="midtrans-notification",
    ),
    path("thumbnail/<str:instance_id>/<int:size>/", thumbnail_view, name="thumbnail"),
    path(
        "thumbnail/<str:instance_id>/<int:size>/<str:format>/",
        thumbnail_view,
        name="thumbnail-format",
    ),
    path(
        "import-template/products.<str:file_format>",
        product_import_template_view,
        name="product-import-template",
    ),
    path(
        "reports/exports/<uuid:export_id>/download/",
        report_export_download_view,
        name="report-export-download",
    ),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}, name="media")
    )

urlpatterns += [
    path("i18n/", include("django.conf.urls.i18n")),
    # The pages last: a hub's shop lives at /<hub>/.
    path("", include("web.urls")),
]
