from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrizesConfig(AppConfig):
    name = "wsis.prizes"
    verbose_name = _("WSIS Prizes")
