"""Languages of the platform and the translatable-name maps that vocabularies carry.

Reference data keys its texts by the six UN language codes (`ar en es fr ru zh`); Django names
Simplified Chinese `zh-hans`. These helpers translate between the two and pick the text for the
active language, falling back to English.
"""

from django.utils import translation

DATA_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
FALLBACK_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar"})

_INTERFACE_TO_DATA = {"zh-hans": "zh", "zh-cn": "zh", "zh-sg": "zh", "zh-hant": "zh"}


def data_language(language_code: str | None = None) -> str:
    """The data key (`ar`…`zh`) for a Django language code; the active language by default."""
    code = (language_code or translation.get_language() or FALLBACK_LANGUAGE).lower()
    code = _INTERFACE_TO_DATA.get(code, code)
    base = code.split("-")[0].split("_")[0]
    return base if base in DATA_LANGUAGES else FALLBACK_LANGUAGE


def parse_language(value: str | None) -> str | None:
    """A data language from a user-supplied code (`?lang=ar`, `zh-Hans`), or None if unknown."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-")
    code = _INTERFACE_TO_DATA.get(code, code)
    base = code.split("-")[0]
    return base if base in DATA_LANGUAGES else None


def translated(texts: dict | None, language: str | None = None) -> str:
    """The text of a `{"ar": …, "en": …}` map in `language`, else English, else any text."""
    if not texts:
        return ""
    language = language or data_language()
    return texts.get(language) or texts.get(FALLBACK_LANGUAGE) or next(iter(texts.values()), "")


def interface_language(data_language_code: str) -> str:
    """The Django language code for a data language (`zh` → `zh-hans`)."""
    return "zh-hans" if data_language_code == "zh" else data_language_code


def is_rtl(language: str | None = None) -> bool:
    return data_language(language) in RTL_LANGUAGES
