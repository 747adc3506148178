"""PDF certificates of the winners and champions, in the entry's language (WeasyPrint: HarfBuzz
shapes Arabic right to left; Chinese is set in Noto Sans CJK SC)."""

from django.template.loader import render_to_string
from django.utils import translation

from wsis.core.i18n import interface_language, is_rtl, translated
from wsis.prizes.models import Award


def certificate_number(award: Award) -> str:
    return f"WSIS-{award.edition.year}-{award.category.code}-{award.pk}"


def certificate_name(award: Award) -> str:
    return f"wsis-prizes-{award.edition.year}-{award.category.code}-{award.kind}-{award.pk}.pdf"


def render_certificate(award: Award) -> bytes:
    """One A4 landscape page: the award, the project, its organisation and its category, in the
    language the entry was written in."""
    from weasyprint import HTML

    entry = award.entry
    language = interface_language(entry.language)
    with translation.override(language):
        html = render_to_string(
            "prizes/certificate.html",
            {
                "award": award,
                "entry": entry,
                "language": language,
                "is_rtl": is_rtl(entry.language),
                "category": translated(award.category.name, entry.language) or award.category.code,
                "number": certificate_number(award),
            },
        )
    return HTML(string=html).write_pdf()
