from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapsConfig(AppConfig):
    name = "wsis.roadmaps"
    verbose_name = _("Action Line roadmaps")
