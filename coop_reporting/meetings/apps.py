from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatMeetingsConfig(AppConfig):
    name = "coop_reporting.meetings"
    label = "rat_meetings"
    verbose_name = _("RAT meetings")
