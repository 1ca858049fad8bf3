from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopRatConfig(AppConfig):
    name = "coop_reporting.rat"
    label = "coop_rat"
    verbose_name = _("Annual member meetings and cooperative health")
