from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliverablesConfig(AppConfig):
    name = "wsis.deliverables"
    verbose_name = _("Deliverables calendar")
