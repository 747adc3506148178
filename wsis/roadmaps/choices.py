from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    """Which way the indicator must move to reach the target."""

    INCREASE = "increase", _("Increase")
    DECREASE = "decrease", _("Decrease")


class TargetStatus(models.TextChoices):
    """Where a target stands (computed by `wsis.roadmaps.status`, never stored)."""

    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("No data")
