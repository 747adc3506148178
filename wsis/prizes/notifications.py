"""E-mail to entrants about the review of their entries, in the entry's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from wsis.core.i18n import interface_language


def review_decision(entry) -> None:
    with translation.override(interface_language(entry.language)):
        language = interface_language(entry.language)
        site = getattr(settings, "SITE_URL", "")
        context = {"entry": entry, "url": f"{site}/{language}/prizes/{entry.edition.year}/"}
        subject = render_to_string("prizes/email/review_subject.txt", context).strip()
        body = render_to_string("prizes/email/review_body.txt", context)
    send_mail(subject, body, None, [entry.entrant.email], fail_silently=False)
