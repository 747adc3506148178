"""The v1 API: one NinjaAPI assembling each app's router, and how errors are answered."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from wsis.accounts.api import router as accounts_router
from wsis.api.ratelimit import RateLimited
from wsis.api.renderers import UnicodeJSONRenderer
from wsis.core.errors import InvalidTransition
from wsis.deliverables.api import router as deliverables_router
from wsis.indicators.api import router as indicators_router
from wsis.matrix.api import router as matrix_router
from wsis.prizes.api import router as prizes_router
from wsis.roadmaps.api import router as roadmaps_router
from wsis.search.api import router as search_router
from wsis.stocktaking.api import router as stocktaking_router
from wsis.taxonomy.api import router as taxonomy_router

api = NinjaAPI(
    renderer=UnicodeJSONRenderer(),
    title="WSIS Platform API",
    version="1",
    description=(
        "Open data of the WSIS follow-up: vocabularies and the Stocktaking registry of "
        "ICT-for-development initiatives. Names and messages come in the language given by "
        "`lang` or Accept-Language (ar, en, es, fr, ru, zh), falling back to English. Changes "
        "need `Authorization: Bearer <token>` (`manage.py create_api_token`)."
    ),
    urls_namespace="api-v1",
)
# Django tries the paths in this order, noting each it passes: the busiest (votes) first.
api.add_router("/prizes/editions", prizes_router)
api.add_router("/taxonomy/", taxonomy_router)
api.add_router("/initiatives", stocktaking_router)
api.add_router("/suggestions", search_router)
api.add_router("/matrix", matrix_router)
api.add_router("/deliverables", deliverables_router)
api.add_router("/indicators", indicators_router)
api.add_router("/roadmaps", roadmaps_router)
api.add_router("/", accounts_router)


def validation_details(error: ValidationError) -> list[dict]:
    """Ninja's error shape, `{"loc": [...], "msg": ...}`, for Django's ValidationError."""
    if hasattr(error, "error_dict"):
        return [
            {"loc": ["body", field], "msg": message, "type": getattr(e, "code", None) or "invalid"}
            for field, errors in error.error_dict.items()
            for e in errors
            for message in e.messages
        ]
    return [{"loc": ["body"], "msg": message, "type": "invalid"} for message in error.messages]


@api.exception_handler(InvalidTransition)
def invalid_transition(request, error):
    return api.create_response(request, {"detail": validation_details(error)}, status=409)


@api.exception_handler(ValidationError)
def invalid_input(request, error):
    return api.create_response(request, {"detail": validation_details(error)}, status=422)


@api.exception_handler(PermissionDenied)
def forbidden(request, error):
    return api.create_response(request, {"detail": str(error) or _("Not allowed.")}, status=403)


@api.exception_handler(RateLimited)
def rate_limited(request, error):
    return api.create_response(
        request, {"detail": _("Too many requests; please wait a little and try again.")}, status=429
    )


@csrf_exempt  # it changes nothing; an unknown address is a 404 whatever the method
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/ answers in JSON too, never with an HTML page."""
    return JsonResponse({"detail": _("Not Found")}, status=404)


urlpatterns = [path("", api.urls), re_path(r"^.*$", not_found)]
