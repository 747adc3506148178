"""Action Line roadmaps: per Action Line (or C7 sub-line), versions (2016, 2017, 2019, 2023,
2027…), one of them current, each with objectives, the actions under them (expected results,
partners, timeframe) and measurable targets tied to an indicator, a baseline, a target value
and date. Facilitators record progress values against the targets.

Texts are JSON maps by language (`{"en": …, "ar": …}`) with a fallback to English, like the
vocabularies. A progress value is a figure or an explicit "no data" (NULL value, its own state),
never a zero.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsis.core.i18n import translated
from wsis.indicators.choices import AreaType, Location, Sex, ValueState
from wsis.roadmaps.choices import Direction


class Roadmap(models.Model):
    """One version of an Action Line's roadmap."""

    action_line = models.ForeignKey(
        "taxonomy.ActionLine",
        verbose_name=_("Action Line"),
        on_delete=models.PROTECT,
        related_name="roadmaps",
    )
    version = models.PositiveSmallIntegerField(_("version (year)"))
    is_current = models.BooleanField(_("current version"), default=False)
    title = models.JSONField(_("title"), default=dict)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    sdg_targets = models.ManyToManyField(
        "taxonomy.SDGTarget", verbose_name=_("SDG targets"), blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[sdg_targets])

    class Meta:
        ordering = ["action_line__position", "action_line__code", "-version"]
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        constraints = [
            models.UniqueConstraint(
                fields=["action_line", "version"], name="roadmaps_roadmap_one_per_year"
            ),
            models.UniqueConstraint(
                fields=["action_line"],
                condition=Q(is_current=True),
                name="roadmaps_roadmap_one_current",
            ),
        ]

    def __str__(self):
        return f"{self.action_line_id} {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("roadmaps:detail", args=[self.action_line.code]) + (
            "" if self.is_current else f"?version={self.version}"
        )

    def display_title(self, language: str | None = None) -> str:
        return translated(self.title, language)


class Objective(models.Model):
    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("roadmap"), on_delete=models.CASCADE, related_name="objectives"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.JSONField(_("objective"), default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["roadmap", "position", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return translated(self.text)


class Action(models.Model):
    """What will be done towards an objective, with what it should bring, with whom, when."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="actions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.JSONField(_("action"), default=dict)
    expected_result = models.JSONField(_("expected result"), default=dict, blank=True)
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    timeframe = models.CharField(_("timeframe"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "position", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return translated(self.text)


class Target(models.Model):
    """A measurable target: an indicator (for an area and breakdown) to move from a baseline to
    a target value by a target date."""

    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("roadmap"), on_delete=models.CASCADE, related_name="targets"
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.JSONField(_("target"), default=dict)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="roadmap_targets",
    )
    area_type = models.CharField(
        _("area type"), max_length=15, choices=AreaType.choices, default=AreaType.WORLD
    )
    area_code = models.CharField(_("area"), max_length=10, default="WLD")
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, default=Sex.TOTAL)
    location = models.CharField(
        _("urban or rural"), max_length=6, choices=Location.choices, default=Location.TOTAL
    )
    age = models.CharField(_("age group"), max_length=10, blank=True)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=20, decimal_places=4)
    baseline_date = models.DateField(_("baseline date"))
    baseline_source = models.CharField(_("baseline source"), max_length=300, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=20, decimal_places=4)
    target_date = models.DateField(_("target date"))
    sdg_targets = models.ManyToManyField(
        "taxonomy.SDGTarget", verbose_name=_("SDG targets"), blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[sdg_targets])

    class Meta:
        ordering = ["roadmap", "position", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gt=models.F("baseline_date")),
                name="roadmaps_target_date_after_baseline",
            )
        ]

    def __str__(self):
        return translated(self.text) or f"{self.indicator_id} {self.target_date:%Y}"


class Progress(models.Model):
    """A value of a target's indicator recorded by a facilitator, or an explicit "no data"."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="progress"
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ValueState.choices, default=ValueState.REPORTED
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "date", "pk"]
        verbose_name = _("progress value")
        verbose_name_plural = _("progress values")
        constraints = [
            models.UniqueConstraint(fields=["target", "date"], name="roadmaps_progress_one_a_day"),
            # A figure exactly when the state says there is one: never a zero for "no data".
            models.CheckConstraint(
                condition=Q(state=ValueState.REPORTED, value__isnull=False)
                | Q(state=ValueState.NO_DATA, value__isnull=True),
                name="roadmaps_progress_value_matches_state",
            ),
        ]

    def __str__(self):
        return f"{self.target_id} {self.date}"

    @property
    def has_value(self) -> bool:
        return self.state == ValueState.REPORTED
