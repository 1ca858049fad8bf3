from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopSalesConfig(AppConfig):
    name = "coop_reporting.sales"
    label = "coop_sales"
    verbose_name = _("Cooperative sales reporting")
