from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopSalesConfig(AppConfig):
    name = "coop_reporting.sales"
    label = "coop_sales"
    verbose_name = _("Cooperative sales reporting")

    def ready(self) -> None:
        # Registers ``coop_reporting.tasks.record_order_sales_task``: orders only sends it
        # when a task of that name is registered (``marketplace.orders.reporting``), and
        # Celery's autodiscovery looks for ``coop_reporting.sales.tasks``, not this module.
        import coop_reporting.tasks  # noqa: F401
