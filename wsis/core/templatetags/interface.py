from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import pgettext

from wsis.core.i18n import translated

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each interface language: (code, name, url, is_current)."""
    request = context["request"]
    current = context.get("page_language")
    path = request.get_full_path()
    return [
        (code, name, translate_url(path, code), code == current)
        for code, name in settings.LANGUAGES
    ]


@register.filter
def tr(texts):
    """The text of a language map in the active language, falling back to English."""
    return translated(texts)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def names(entries):
    """Vocabulary entries' names in the reader's language, joined with the language's comma
    (Arabic «،», Chinese «、»)."""
    return pgettext("list separator", ", ").join(translated(entry.name) for entry in entries)


@register.filter
def isolated(code) -> str:
    """A code ("9.c", "C7") kept left to right inside a sentence of any direction: between
    Unicode's left-to-right isolate marks, an Arabic sentence no longer shows "9.c" as "c.9"."""
    return f"\u2066{code}\u2069"
