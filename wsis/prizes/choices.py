from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    """The phases of an edition, in their order."""

    SUBMISSION = "submission", _("Submission of entries")
    REVIEW = "review", _("Eligibility review and nomination")
    VOTING = "voting", _("Public online voting")
    SELECTION = "selection", _("Expert selection")
    ANNOUNCEMENT = "announcement", _("Announcement of the results")


PHASE_ORDER = list(PhaseKind.values)


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    NOMINATED = "nominated", _("Nominated")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


# The sections an entry fills in, in the order of the form.
SECTIONS = (
    "short_description",
    "linkages",
    "impact_qualitative",
    "impact_quantitative",
    "partnerships",
    "challenges",
)
