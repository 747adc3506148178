"""A WSIS Prizes edition: its phases with their opening and closing moments, its categories and
its rules. Past editions carry the totals the sources give, so the trend shows from 2012."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsis.core.i18n import translated
from wsis.prizes.choices import (
    PHASE_ORDER,
    SCORE_MAX,
    SCORE_MIN,
    AwardKind,
    Criterion,
    EntryStatus,
    PhaseKind,
)
from wsis.stocktaking.choices import Language


def all_languages() -> list[str]:
    return list(Language.values)


class Edition(models.Model):
    """One year's contest. Rules are settings of the edition, checked by the services."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    # Rules
    languages = models.JSONField(
        _("accepted languages"), default=all_languages, help_text=_("Language codes.")
    )
    words_min = models.PositiveSmallIntegerField(
        _("fewest words in the short description"), default=150
    )
    words_max = models.PositiveSmallIntegerField(
        _("most words in the short description"), default=200
    )
    one_category_per_project = models.BooleanField(_("one category per project"), default=True)
    one_project_per_organisation_per_category = models.BooleanField(
        _("one project per organisation in each category"), default=True
    )
    previous_winners_eligible = models.BooleanField(_("previous winners may enter"), default=False)
    requires_completed = models.BooleanField(
        _("projects must be completed or at the end of a major phase"), default=True
    )
    full_ballot_required = models.BooleanField(
        _("a ballot counts only if it covers every category"), default=False
    )
    finalists_per_category = models.PositiveSmallIntegerField(
        _("finalists per category"), default=5
    )
    # The totals of editions run before this platform (from the sources), else empty.
    is_past = models.BooleanField(_("run before this platform"), default=False)
    past_entries = models.PositiveIntegerField(_("entries"), null=True, blank=True)
    past_nominees = models.PositiveIntegerField(_("nominees"), null=True, blank=True)
    past_voters = models.PositiveIntegerField(_("voters"), null=True, blank=True)
    past_votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    past_note = models.JSONField(_("note"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("prize edition")
        verbose_name_plural = _("prize editions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(words_min__lte=models.F("words_max")),
                name="edition_words_range",
            ),
        ]

    def __str__(self):
        return str(self.year)

    def phase(self, kind: str):
        return next((p for p in self.phases.all() if p.kind == kind), None)

    def current_phase(self, now):
        """The phase open at `now`, if any."""
        return next((p for p in self.phases.all() if p.is_open(now)), None)

    def note(self, language: str | None = None) -> str:
        return translated(self.past_note, language)


class Phase(models.Model):
    """A phase of an edition: open from `opens_at` (included) to `closes_at` (excluded)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=PhaseKind.choices)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="one_phase_of_each_kind"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="phase_closes_after"
            ),
        ]

    def __str__(self):
        return f"{self.edition_id} {self.kind}"

    @property
    def order(self) -> int:
        return PHASE_ORDER.index(self.kind)

    def is_open(self, now) -> bool:
        return self.opens_at <= now < self.closes_at


class EditionCategory(models.Model):
    """A category of an edition: one of the 18 prize categories, or a special prize."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="categories")
    code = models.CharField(_("code"), max_length=40)
    name = models.JSONField(_("name"), default=dict)
    prize_category = models.ForeignKey(
        "taxonomy.PrizeCategory", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_special = models.BooleanField(_("special prize"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("edition category")
        verbose_name_plural = _("edition categories")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"], name="one_category_code_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.edition_id} {self.code}"

    def display_name(self, language: str | None = None) -> str:
        return translated(self.name, language) or self.code


class Entry(models.Model):
    """An initiative of the registry entered into one category of an edition, with the
    sections the contest asks for. Reviewed by the secretariat: nominated or not eligible."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="entries")
    category = models.ForeignKey(EditionCategory, on_delete=models.PROTECT, related_name="entries")
    initiative = models.ForeignKey(
        "stocktaking.Initiative", on_delete=models.PROTECT, related_name="prize_entries"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.PROTECT, related_name="prize_entries"
    )
    entrant = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="prize_entries"
    )
    language = models.CharField(_("language of the entry"), max_length=8, choices=Language.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    short_description = models.TextField(_("short description for voters"))
    linkages = models.TextField(
        _("linkages with the Action Line, the SDGs and the GDC objectives"), blank=True
    )
    impact_qualitative = models.TextField(_("qualitative impact"), blank=True)
    impact_quantitative = models.TextField(_("quantitative impact"), blank=True)
    partnerships = models.TextField(_("partnerships"), blank=True)
    challenges = models.TextField(_("challenges and future perspectives"), blank=True)
    at_end_of_major_phase = models.BooleanField(
        _("the project is at the end of a major phase"), default=False
    )
    review_reason = models.TextField(_("reason"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category__position", "pk"]
        verbose_name = _("prize entry")
        verbose_name_plural = _("prize entries")
        constraints = [
            # The same project in the same category twice is never right, whatever the rules.
            models.UniqueConstraint(
                fields=["edition", "category", "initiative"], name="one_entry_per_project_category"
            ),
        ]

    def __str__(self):
        return f"{self.edition_id} {self.category_id} {self.initiative_id}"


class Vote(models.Model):
    """One voter's choice of one nominee in one category. Votes are never deleted nor counted
    in place: a changed vote is voided (reason "changed") and a new one recorded, the
    secretariat voids fraudulent ones with a reason, and the tally counts the valid rows."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="votes")
    category = models.ForeignKey(EditionCategory, on_delete=models.CASCADE, related_name="votes")
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="votes")
    voter = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="votes")
    cast_at = models.DateTimeField(default=timezone.now, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=300, blank=True)
    voided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            # The database itself refuses a second valid vote of a voter in a category.
            models.UniqueConstraint(
                fields=["voter", "category"],
                condition=models.Q(voided_at__isnull=True),
                name="one_valid_vote_per_voter_and_category",
            ),
        ]
        indexes = [models.Index(fields=["category", "entry"], name="vote_tally")]

    def __str__(self):
        return f"{self.voter_id} → {self.entry_id}"


class ExpertAssignment(models.Model):
    """An expert of the prize jury assigned to an edition by the secretariat: only assigned
    experts score the edition's finalists."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="experts")
    expert = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="prize_assignments"
    )
    assigned_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        constraints = [
            models.UniqueConstraint(fields=["edition", "expert"], name="one_assignment_per_expert")
        ]

    def __str__(self):
        return f"{self.edition_id} {self.expert_id}"


def _score_field(criterion: Criterion):
    return models.PositiveSmallIntegerField(criterion.label)


class ScoreSheet(models.Model):
    """One expert's scores of one finalist, one per criterion from SCORE_MIN to SCORE_MAX;
    changed in place (with history) until the selection phase closes."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="score_sheets")
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="score_sheets")
    expert = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="prize_score_sheets"
    )
    results_and_impact = _score_field(Criterion.RESULTS_AND_IMPACT)
    community_empowerment = _score_field(Criterion.COMMUNITY_EMPOWERMENT)
    sdg_relevance = _score_field(Criterion.SDG_RELEVANCE)
    replication = _score_field(Criterion.REPLICATION)
    sustainability = _score_field(Criterion.SUSTAINABILITY)
    partnerships = _score_field(Criterion.PARTNERSHIPS)
    wsis_values = _score_field(Criterion.WSIS_VALUES)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            # The database itself refuses a second sheet of one expert for one finalist.
            models.UniqueConstraint(
                fields=["expert", "entry"], name="one_score_sheet_per_expert_and_finalist"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": SCORE_MIN, f"{name}__lte": SCORE_MAX}),
                    name=f"score_sheet_{name}_range",
                )
                for name in Criterion.values
            ),
        ]

    def __str__(self):
        return f"{self.expert_id} → {self.entry_id}"

    @property
    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in Criterion.values}


class Award(models.Model):
    """A finalist's prize: the winner of its category, or a champion (the category's other
    finalists), confirmed by the secretariat."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="awards")
    category = models.ForeignKey(EditionCategory, on_delete=models.PROTECT, related_name="awards")
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="awards")
    kind = models.CharField(_("award"), max_length=10, choices=AwardKind.choices)
    confirmed_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)
    # When the entrant was sent the news and the certificate (once: see notify_awardees).
    notified_at = models.DateTimeField(_("entrant told"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category__position", "-kind", "pk"]  # the winner first
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            # The database itself refuses a second winner in a category.
            models.UniqueConstraint(
                fields=["category"],
                condition=models.Q(kind=AwardKind.WINNER),
                name="one_winner_per_category",
            ),
            models.UniqueConstraint(fields=["entry"], name="one_award_per_entry"),
        ]

    def __str__(self):
        return f"{self.category_id} {self.kind} {self.entry_id}"

    @property
    def is_winner(self) -> bool:
        return self.kind == AwardKind.WINNER
