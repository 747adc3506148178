"""The mandated reports and reviews of the WSIS follow-up, with the bodies they go to, their due
dates, owners and status, and the reminders sent to the owners."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wsis.core.i18n import translated
from wsis.core.models import VocabularyEntry
from wsis.deliverables.choices import OPEN, Cadence, Status


class Body(VocabularyEntry):
    """A body that receives or holds a deliverable: the General Assembly, ECOSOC, the CSTD…"""

    history = HistoricalRecords()

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("body")
        verbose_name_plural = _("bodies")


class Deliverable(models.Model):
    """A report, roadmap or review owed to a body by a date, once or on a cadence."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.JSONField(_("title"), default=dict, help_text=_("Title by language code."))
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="deliverables"
    )
    session = models.CharField(_("session"), max_length=100, blank=True)
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), db_index=True)
    is_estimated = models.BooleanField(
        _("estimated date"),
        default=False,
        help_text=_("The mandate names the session or the year, not the day."),
    )
    cadence = models.CharField(
        _("cadence"), max_length=12, choices=Cadence.choices, default=Cadence.ONCE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("owners"), blank=True, related_name="+"
    )
    mandate = models.CharField(
        _("mandate"), max_length=300, blank=True, help_text=_("Instrument and paragraph.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    last_delivered_on = models.DateField(_("last delivered"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        ordering = ["due_date", "code"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")

    def __str__(self):
        return self.display_title()

    def get_absolute_url(self):
        return reverse("deliverables:detail", args=[self.code])

    def display_title(self, language: str | None = None) -> str:
        return translated(self.title, language)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_date < today


class Reminder(models.Model):
    """A reminder e-mailed to one owner for one due date, at one of the lead times; recorded so
    that it is sent once, however often the command runs."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="reminders")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "owner", "due_date", "days_before"], name="reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.deliverable_id} → {self.owner_id} ({self.due_date}, −{self.days_before} d)"
