from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatrixConfig(AppConfig):
    name = "wsis.matrix"
    verbose_name = _("WSIS–SDG–GDC matrix")
