"""ICT indicators: series of observations by area, year and breakdown, and the global target
frameworks (Geneva Plan of Action, Broadband Commission) with their assessments as the sources
word them.

An observation's key is its indicator, area, year and breakdown (sex, location, age); a roadmap
target names an indicator and, when it needs one, that key. "No data" is a state of its own:
the value is NULL and the state says so, so that no chart or average ever reads it as zero.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsis.core.i18n import translated
from wsis.indicators.choices import (
    AreaType,
    CellState,
    Framework,
    Location,
    Qualifier,
    Sex,
    TargetProgress,
    Unit,
    ValueState,
)


class Indicator(models.Model):
    """A measured quantity (`internet_use`: individuals using the Internet, per cent)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.JSONField(_("name"), default=dict, help_text=_("Name by language code."))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    description = models.JSONField(_("description"), default=dict, blank=True)
    custodian = models.CharField(_("custodian"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.display_name()

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.code])

    def display_name(self, language: str | None = None) -> str:
        return translated(self.name, language) or self.code


class Observation(models.Model):
    """One value of an indicator for an area, a year and a breakdown, with its source."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    area_type = models.CharField(_("area type"), max_length=15, choices=AreaType.choices)
    # WLD; a country's ISO alpha-2 code; an ITU region (ARB); HIC…LIC; LDC, LLDC, SIDS.
    area_code = models.CharField(_("area"), max_length=10)
    country = models.ForeignKey(
        "taxonomy.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Set when the area is a country, for the country's page."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, default=Sex.TOTAL)
    location = models.CharField(
        _("urban or rural"), max_length=6, choices=Location.choices, default=Location.TOTAL
    )
    age = models.CharField(_("age group"), max_length=10, blank=True, help_text=_("Blank: all."))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ValueState.choices, default=ValueState.REPORTED
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    source = models.CharField(_("source"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "area_type", "area_code", "year", "sex", "location", "age"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_type", "area_code", "year", "sex", "location", "age"],
                name="indicators_observation_one_per_key",
            ),
            # A figure exactly when the state says there is one: never a zero for "no data".
            models.CheckConstraint(
                condition=Q(state=ValueState.REPORTED, value__isnull=False)
                | Q(state=ValueState.NO_DATA, value__isnull=True),
                name="indicators_observation_value_matches_state",
            ),
        ]
        indexes = [models.Index(fields=["country", "indicator", "year"])]

    def __str__(self):
        return f"{self.indicator_id} {self.area_code} {self.year}"

    @property
    def has_value(self) -> bool:
        return self.state == ValueState.REPORTED


class GlobalTarget(models.Model):
    """A target of a global framework, with the baseline, status and challenges its source
    gives, each cell in Arabic as the source writes it and in English, and the cell's state
    (given, "lack of global data", or left blank)."""

    framework = models.CharField(_("framework"), max_length=20, choices=Framework.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.JSONField(_("target"), default=dict)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline = models.JSONField(_("baseline"), default=dict, blank=True)
    baseline_state = models.CharField(
        _("baseline state"), max_length=15, choices=CellState.choices, default=CellState.BLANK
    )
    status_year = models.PositiveSmallIntegerField(_("status year"), null=True, blank=True)
    status = models.JSONField(_("status"), default=dict, blank=True)
    status_state = models.CharField(
        _("status state"), max_length=15, choices=CellState.choices, default=CellState.BLANK
    )
    progress = models.CharField(
        _("progress"),
        max_length=20,
        choices=TargetProgress.choices,
        default=TargetProgress.NOT_ASSESSED,
    )
    challenges = models.JSONField(_("remaining challenges"), default=dict, blank=True)
    challenges_state = models.CharField(
        _("challenges state"), max_length=15, choices=CellState.choices, default=CellState.BLANK
    )
    source = models.CharField(_("source"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("global target")
        verbose_name_plural = _("global targets")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="indicators_global_target_unique"
            )
        ]

    def __str__(self):
        return f"{self.framework} {self.number}"
