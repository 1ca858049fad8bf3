from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopExportsConfig(AppConfig):
    name = "coop_reporting.exports"
    label = "coop_exports"
    verbose_name = _("Report exports")

    def ready(self) -> None:
        import coop_reporting.exports.kinds  # noqa: F401  (registers the cooperative kinds)
