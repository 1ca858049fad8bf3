from django.conf import settings
from django.urls import path
from django.views.static import serve

from marketplace.core.health import health
from storefront_api.views import graphql_view

urlpatterns = [
    path("graphql/", graphql_view, name="graphql"),
    path("health/", health, name="health"),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}, name="media")
    )
