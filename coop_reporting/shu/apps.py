from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopShuConfig(AppConfig):
    name = "coop_reporting.shu"
    label = "coop_shu"
    verbose_name = _("Members' shares of the surplus (SHU)")
