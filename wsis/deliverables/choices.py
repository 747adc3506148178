from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Cadence(models.TextChoices):
    """How often a deliverable falls due; a recurring one moves to its next date when delivered."""

    ONCE = "once", _("Once")
    ANNUAL = "annual", _("Every year")
    BIENNIAL = "biennial", _("Every two years")
    TRIENNIAL = "triennial", _("Every three years")


YEARS_OF = {Cadence.ANNUAL: 1, Cadence.BIENNIAL: 2, Cadence.TRIENNIAL: 3}


class Status(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("deliverable", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("deliverable", "In progress")
    DELIVERED = "delivered", pgettext_lazy("deliverable", "Delivered")
    CANCELLED = "cancelled", pgettext_lazy("deliverable", "Cancelled")


OPEN = (Status.PLANNED, Status.IN_PROGRESS)
