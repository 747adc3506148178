"""The controlled vocabularies that classify everything on the platform.

Loaded by `manage.py load_reference_data`: SDG texts and Action Lines from the shared reference
data, the rest from `wsis/taxonomy/vocabularies/` (written for this project).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsis.core.i18n import translated
from wsis.core.models import VocabularyEntry


class ActionLine(VocabularyEntry):
    """A WSIS Action Line (C1–C11) or a C7 sub-line (`C7.e-health`, parent C7)."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_lines",
    )
    lead_facilitator = models.CharField(_("lead facilitator"), max_length=120, blank=True)
    lead_facilitator_name = models.CharField(max_length=200, blank=True)
    source = models.URLField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("Action Line")
        verbose_name_plural = _("Action Lines")

    @property
    def is_sub_line(self) -> bool:
        return self.parent_id is not None


class PrizeCategory(VocabularyEntry):
    """A WSIS Prizes category: the ten lines other than C7 and the eight C7 sub-lines."""

    action_line = models.ForeignKey(
        ActionLine, verbose_name=_("Action Line"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("prize category")
        verbose_name_plural = _("prize categories")


class SDGGoal(models.Model):
    """One of the 17 Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.JSONField(_("title"), default=dict)
    short = models.JSONField(_("short name"), default=dict)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self):
        return f"{self.code} {translated(self.short)}"

    @property
    def code(self) -> str:
        return str(self.number)


class SDGTarget(models.Model):
    """One of the 169 SDG targets (`9.c`)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    goal = models.ForeignKey(SDGGoal, on_delete=models.CASCADE, related_name="targets")
    text = models.JSONField(_("text"), default=dict)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return self.code


class SDGIndicator(models.Model):
    """An SDG indicator (`9.c.1`) under its target; legacy entries carry a note."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    target = models.ForeignKey(SDGTarget, on_delete=models.CASCADE, related_name="indicators")
    text = models.JSONField(_("text"), default=dict)
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("SDG indicator")
        verbose_name_plural = _("SDG indicators")

    def __str__(self):
        return self.code


class GDCObjective(VocabularyEntry):
    """One of the five objectives of the Global Digital Compact (A/RES/79/1, annex I)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    source = models.URLField(_("source"), max_length=300, blank=True)
    is_verified = models.BooleanField(
        _("checked against the official text"),
        default=False,
        help_text=_("False where the wording could not be checked against A/RES/79/1."),
    )

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("GDC objective")
        verbose_name_plural = _("GDC objectives")


class StakeholderType(VocabularyEntry):
    class Meta(VocabularyEntry.Meta):
        verbose_name = _("stakeholder type")
        verbose_name_plural = _("stakeholder types")


class Region(VocabularyEntry):
    """An ITU region (AFR, AMS, ARB, ASP, CIS, EUR) or the "International" pseudo-region."""

    office = models.JSONField(_("regional office"), default=dict, blank=True)

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("ITU region")
        verbose_name_plural = _("ITU regions")


class TargetGroup(VocabularyEntry):
    class Meta(VocabularyEntry.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class CountryGroup(VocabularyEntry):
    """A UN country grouping (LDC, LLDC, SIDS) as of a recorded date and source."""

    source = models.CharField(_("source"), max_length=300, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")


class Country(VocabularyEntry):
    """A country or territory of ISO 3166-1; `code` is its alpha-2 code."""

    alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO numeric / M49"), max_length=3)
    itu_region = models.ForeignKey(
        Region, verbose_name=_("ITU region"), on_delete=models.PROTECT, related_name="countries"
    )
    m49_region = models.CharField(_("M49 region"), max_length=3, blank=True)
    m49_subregion = models.CharField(_("M49 sub-region"), max_length=3, blank=True)
    groups = models.ManyToManyField(
        CountryGroup, verbose_name=_("country groups"), blank=True, related_name="countries"
    )

    class Meta(VocabularyEntry.Meta):
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
