"""The WSIS Stocktaking registry: initiatives, their translations, tags and progress reports."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsis.stocktaking.choices import Language, Scope, Status, StatusLight, TagOrigin, WorkState

SUMMARY_MAX_WORDS = 200
DESCRIPTION_MAX_WORDS = 2000
AMBER_AFTER = timedelta(days=365)
RED_AFTER = timedelta(days=730)


def status_light_at(active_at, now) -> str:
    """Green within 12 months of the last sign of activity, amber to 24 months, red beyond."""
    age = now - active_at
    if age < AMBER_AFTER:
        return StatusLight.GREEN
    return StatusLight.AMBER if age < RED_AFTER else StatusLight.RED


class Initiative(models.Model):
    """An ICT-for-development initiative: a project, programme, training, policy or toolkit."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), help_text=_("At most 200 words."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("At most 2,000 words.")
    )
    language = models.CharField(_("original language"), max_length=2, choices=Language.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="initiatives",
        null=True,
        blank=True,
    )
    stakeholder_type = models.ForeignKey(
        "taxonomy.StakeholderType",
        verbose_name=_("stakeholder type"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    countries = models.ManyToManyField("taxonomy.Country", verbose_name=_("countries"), blank=True)
    regions = models.ManyToManyField("taxonomy.Region", verbose_name=_("ITU regions"), blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    work_state = models.CharField(
        _("state of the work"), max_length=10, choices=WorkState.choices, blank=True
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    partners = models.JSONField(_("partners"), default=list, blank=True)
    funding_amount = models.DecimalField(
        _("funding amount"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    funding_currency = models.CharField(_("currency"), max_length=3, blank=True)
    funding_source = models.CharField(_("source of funding"), max_length=300, blank=True)
    target_groups = models.ManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("target groups"), blank=True
    )
    action_lines = models.ManyToManyField(
        "taxonomy.ActionLine", through="InitiativeActionLine", verbose_name=_("Action Lines")
    )
    sdg_goals = models.ManyToManyField(
        "taxonomy.SDGGoal", through="InitiativeSDGGoal", verbose_name=_("SDG goals")
    )
    sdg_targets = models.ManyToManyField(
        "taxonomy.SDGTarget", through="InitiativeSDGTarget", verbose_name=_("SDG targets")
    )
    gdc_objectives = models.ManyToManyField(
        "taxonomy.GDCObjective", through="InitiativeGDCObjective", verbose_name=_("GDC objectives")
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    # "facet:code" pairs of a published initiative, space-separated: lets one query count every
    # facet of thousands of matches (the Facet rows serve filtering).
    facet_codes = models.TextField(blank=True, editable=False)
    # The later of publication and the last progress report: drives the status light.
    active_at = models.DateTimeField(
        _("last sign of activity"), null=True, blank=True, db_index=True
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "facet_codes"])

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stocktaking:detail", args=[self.pk])

    def version_in(self, language: str):
        """The translation into `language` (prefetched `translations`), else the original."""
        if self.language != language:
            for translation in self.translations.all():
                if translation.language == language:
                    return translation
        return self

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def status_light(self, now=None) -> str | None:
        if not self.is_published or self.active_at is None:
            return None
        return status_light_at(self.active_at, now or timezone.now())


class InitiativeTranslation(models.Model):
    """The title, summary and description of an initiative in another language."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "language"], name="one_translation_per_language"
            )
        ]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")

    def __str__(self):
        return f"{self.title} ({self.language})"


class Tag(models.Model):
    """A classification of an initiative, with who put it there."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE)
    origin = models.CharField(
        _("origin"), max_length=12, choices=TagOrigin.choices, default=TagOrigin.SUBMITTER
    )

    class Meta:
        abstract = True


class InitiativeActionLine(Tag):
    action_line = models.ForeignKey("taxonomy.ActionLine", on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["initiative", "action_line"], name="uniq_al")
        ]

    def __str__(self):
        return f"{self.initiative_id} → {self.action_line_id} ({self.origin})"


class InitiativeSDGGoal(Tag):
    goal = models.ForeignKey("taxonomy.SDGGoal", on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "goal"], name="uniq_goal")]

    def __str__(self):
        return f"{self.initiative_id} → {self.goal_id} ({self.origin})"


class InitiativeSDGTarget(Tag):
    target = models.ForeignKey("taxonomy.SDGTarget", on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "target"], name="uniq_target")]

    def __str__(self):
        return f"{self.initiative_id} → {self.target_id} ({self.origin})"


class InitiativeGDCObjective(Tag):
    objective = models.ForeignKey("taxonomy.GDCObjective", on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "objective"], name="uniq_gdc")]

    def __str__(self):
        return f"{self.initiative_id} → {self.objective_id} ({self.origin})"


class ProgressReport(models.Model):
    """A yearly account of what a published initiative achieved."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="progress_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    achieved = models.TextField(_("what was achieved"))
    figures = models.TextField(_("figures"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("filed"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "year"], name="one_progress_report_per_year"
            )
        ]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self):
        return f"{self.initiative_id} · {self.year}"


class Facet(models.Model):
    """One (facet, code) pair of a published initiative, for filtering and counting in one query.

    Rebuilt by the services whenever a published initiative changes; never edited by hand.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    facet = models.CharField(max_length=20)
    code = models.CharField(max_length=40)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "code", "initiative"]),
            # Covering: facet counts read the codes of the matched initiatives from the index.
            models.Index(fields=["initiative", "facet", "code"], name="facet_initiative_covering"),
        ]

    def __str__(self):
        return f"{self.initiative_id} {self.facet}={self.code}"
