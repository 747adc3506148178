"""The language of an API answer: `?lang=`, else the request's Accept-Language, else English."""

from typing import Literal

from django.utils import translation
from ninja import Schema

from wsis.core.i18n import data_language

Language = Literal["ar", "en", "es", "fr", "ru", "zh"]


class LanguageQuery(Schema):
    """The `lang` parameter of an endpoint that answers with names in a language."""

    lang: Language | None = None


def answer_language(request, lang: str | None) -> str:
    if lang:
        return lang
    return data_language(translation.get_language_from_request(request, check_path=False))
