"""The v1 API: one NinjaAPI assembling each app's router."""

from django.urls import path
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from wsis.accounts.api import router as accounts_router
from wsis.taxonomy.api import router as taxonomy_router


class UnicodeJSONRenderer(JSONRenderer):
    """Arabic, Chinese and Russian names as readable UTF-8, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=UnicodeJSONRenderer(),
    title="WSIS Platform API",
    version="1",
    description=(
        "Open data of the WSIS follow-up: vocabularies, and (as they land) the Stocktaking "
        "registry, Prizes, matrix and indicators. Names come in the language given by `lang` "
        "or Accept-Language (ar, en, es, fr, ru, zh), falling back to English."
    ),
    urls_namespace="api-v1",
)
api.add_router("/taxonomy/", taxonomy_router)
api.add_router("/", accounts_router)

urlpatterns = [path("", api.urls)]
