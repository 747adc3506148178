from django.db import models
from django.utils.translation import gettext_lazy as _


class CellOrigin(models.TextChoices):
    """Where a cell came from: the reference matrix loads only ever touch `reference` cells."""

    REFERENCE = "reference", _("Reference matrix")
    EDITOR = "editor", _("Edited on the platform")
