"""E-mail to entrants, in the entry's language: the review of their entries, and the news of a
prize with its certificate."""

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.utils import translation

from wsis.core.i18n import interface_language
from wsis.prizes import certificates


def review_decision(entry) -> None:
    with translation.override(interface_language(entry.language)):
        language = interface_language(entry.language)
        site = getattr(settings, "SITE_URL", "")
        context = {"entry": entry, "url": f"{site}/{language}/prizes/{entry.edition.year}/"}
        subject = render_to_string("prizes/email/review_subject.txt", context).strip()
        body = render_to_string("prizes/email/review_body.txt", context)
    send_mail(subject, body, None, [entry.entrant.email], fail_silently=False)


def award_letter(award) -> None:
    """The winner's or champion's letter, with the certificate as a PDF attachment."""
    entry = award.entry
    language = interface_language(entry.language)
    with translation.override(language):
        site = getattr(settings, "SITE_URL", "")
        context = {
            "award": award,
            "entry": entry,
            "url": f"{site}/{language}/prizes/{award.edition.year}/results/{award.category.code}/",
        }
        subject = render_to_string("prizes/email/award_subject.txt", context).strip()
        body = render_to_string("prizes/email/award_body.txt", context)
    message = EmailMessage(subject, body, None, [entry.entrant.email])
    message.attach(
        certificates.certificate_name(award),
        certificates.render_certificate(award),
        "application/pdf",
    )
    message.send(fail_silently=False)
