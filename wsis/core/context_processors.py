from django.conf import settings
from django.utils import translation

from wsis.core.i18n import data_language, is_rtl


def interface(request):
    """Language and direction of the page, and the languages the switcher offers."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "page_language": language,
        "page_direction": "rtl" if is_rtl(language) else "ltr",
        "page_data_language": data_language(language),
        "interface_languages": settings.LANGUAGES,
        # Roles are the accounts app's; core only asks the user object.
        "is_moderator": bool(
            getattr(request, "user", None)
            and request.user.is_authenticated
            and request.user.has_role("moderator")
        ),
    }
