from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _watch_catalog_tables(using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    from marketplace.core.freshness import bump, install_triggers

    install_triggers(connections[using])
    bump(connections[using])


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Every table made by any migration gets the catalog change trigger.
        post_migrate.connect(_watch_catalog_tables, sender=self, dispatch_uid="core-watch")
        from marketplace.core.timestamps import use_fast_timestamp_loader

        connection_created.connect(use_fast_timestamp_loader, dispatch_uid="core-timestamps")
