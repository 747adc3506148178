from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Language(models.TextChoices):
    """The six UN languages an initiative can be written in."""

    ARABIC = "ar", "العربية"
    CHINESE = "zh", "中文"
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    RUSSIAN = "ru", "Русский"
    SPANISH = "es", "Español"


class Scope(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class WorkState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("state of the work", "Planned")
    ONGOING = "ongoing", pgettext_lazy("state of the work", "Ongoing")
    COMPLETED = "completed", pgettext_lazy("state of the work", "Completed")


class Status(models.TextChoices):
    """Where an initiative is in moderation."""

    DRAFT = "draft", pgettext_lazy("moderation status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("moderation status", "Awaiting moderation")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("moderation status", "Changes requested")
    PUBLISHED = "published", pgettext_lazy("moderation status", "Published")
    REJECTED = "rejected", pgettext_lazy("moderation status", "Rejected")


class TagOrigin(models.TextChoices):
    """Who put a tag on an initiative."""

    SUBMITTER = "submitter", _("Submitter")
    SUGGESTION = "suggestion", _("Suggested")
    MODERATOR = "moderator", _("Moderator")
    IMPORTED = "imported", _("Imported")


class StatusLight(models.TextChoices):
    """How recently a published initiative showed signs of life (publication or progress report)."""

    GREEN = "green", _("Active (reported within 12 months)")
    AMBER = "amber", _("Report due (12 to 24 months)")
    RED = "red", _("Inactive (more than 24 months)")
