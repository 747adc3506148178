from django import template
from django.utils.html import format_html

from wsis.core.i18n import data_language, is_rtl, translated
from wsis.stocktaking.display import EVENT_NAMES

register = template.Library()


@register.simple_tag
def localized_text(initiative, field: str) -> str:
    """A text of the initiative in the reader's language when translated, else the original."""
    return getattr(initiative.version_in(data_language()), field)


@register.simple_tag
def localized_text_attrs(initiative, field: str):
    """`lang` and `dir` of the text `localized_text` shows, so Arabic reads right on any page."""
    version = initiative.version_in(data_language())
    language = getattr(version, "language", initiative.language)
    return format_html('lang="{}" dir="{}"', language, "rtl" if is_rtl(language) else "ltr")


@register.filter
def event_name(event):
    return EVENT_NAMES.get(event.label, event.label)


@register.filter
def tr_name(texts):
    return translated(texts)
