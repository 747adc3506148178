"""E-mail to submitters about their initiatives, in the initiative's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from wsis.core.i18n import FALLBACK_LANGUAGE, interface_language


def moderation_decision(initiative, status: str, comment: str) -> None:
    owner = initiative.owner
    language = interface_language(initiative.language or FALLBACK_LANGUAGE)
    with translation.override(language):
        context = {
            "initiative": initiative,
            "status": status,
            "comment": comment,
            "site_url": getattr(settings, "SITE_URL", ""),
        }
        subject = render_to_string("stocktaking/email/decision_subject.txt", context).strip()
        body = render_to_string("stocktaking/email/decision_body.txt", context)
    send_mail(subject, body, None, [owner.email], fail_silently=False)
