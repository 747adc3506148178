"""Shared base models: translatable vocabulary entries and the domain event log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from wsis.core.i18n import translated


class VocabularyEntry(models.Model):
    """An entry of a controlled vocabulary: a stable code and a name in the six languages."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.JSONField(_("name"), default=dict, help_text=_("Name by language code."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        return translated(self.name, language)


class Event(models.Model):
    """A domain event with a stable label (`accounts.user.created`), shown in object history.

    Field-level history is django-simple-history's; events say what happened in the domain's words,
    who did it, and carry the details a reader needs (a comment, a reason, a role).
    """

    label = models.CharField(_("event"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.label} {self.target_type_id}:{self.target_id}"
