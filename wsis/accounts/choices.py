from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person may do beyond submitting; everyone signed in is at least a submitter."""

    SUBMITTER = "submitter", _("Submitter")
    MODERATOR = "moderator", _("Moderator (secretariat)")
    FACILITATOR = "facilitator", _("Action Line facilitator")
    EXPERT = "expert", _("Expert (prize jury)")
    ADMINISTRATOR = "administrator", _("Administrator")
