from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PhaseKind(models.TextChoices):
    """The phases of an edition, in their order."""

    SUBMISSION = "submission", _("Submission of entries")
    REVIEW = "review", _("Eligibility review and nomination")
    VOTING = "voting", _("Public online voting")
    SELECTION = "selection", _("Expert selection")
    ANNOUNCEMENT = "announcement", _("Announcement of the results")


PHASE_ORDER = list(PhaseKind.values)


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("entry status", "Submitted")
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


class Criterion(models.TextChoices):
    """The published criteria on which experts score each finalist."""

    RESULTS_AND_IMPACT = "results_and_impact", _("Results and impact")
    COMMUNITY_EMPOWERMENT = "community_empowerment", _("Community empowerment")
    SDG_RELEVANCE = "sdg_relevance", _("Relevance to the SDGs")
    REPLICATION = "replication", _("Potential for replication")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    WSIS_VALUES = "wsis_values", _("Promotion of WSIS values")


# Each criterion is scored from SCORE_MIN to SCORE_MAX.
SCORE_MIN, SCORE_MAX = 1, 10


class AwardKind(models.TextChoices):
    WINNER = "winner", _("Winner")
    CHAMPION = "champion", _("Champion")
