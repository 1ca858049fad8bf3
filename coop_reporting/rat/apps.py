from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopRatConfig(AppConfig):
    name = "coop_reporting.rat"
    label = "coop_rat"
    verbose_name = _("Annual member meetings and cooperative health")

    def ready(self) -> None:
        # Registers ``coop_reporting.tasks.record_order_sales_task``: orders only sends it
        # when a task of that name is registered (``marketplace.orders.reporting``), and
        # Celery's autodiscovery looks for each app's ``tasks``, not this module. Here,
        # not in sales: the module also runs RAT's nightly statuses (RAT is above sales).
        import coop_reporting.tasks  # noqa: F401
