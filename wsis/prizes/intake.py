"""The votes' intake: `POST` and `PUT /api/v1/prizes/editions/{year}/votes` with a bearer token,
taken in front of Django when the call is in order.

On the last night of voting nearly every call is a vote, and of the 2.5 ms of CPU a vote cost
through the whole stack, about 0.6 ms went to Django's handler and its eleven middlewares, URL
resolving and django-ninja's parsing and validation, none of which a well-formed vote needs.
This WSGI wrapper takes such a vote (a JSON body `{"nominee": N}`, a known host, a valid token,
within the rate limit) straight to the functions the API's endpoint calls — `user_for_token`,
the rate counter, `services.cast_vote` — and writes the endpoint's answer, with the headers
Django's security and clickjacking middlewares add.

A vote refused for the state of things (a second vote in the category, voting not open: the
409s) is answered here too, as the API's handler answers it, in the caller's language: on that
night a voter trying again is common, and handing such a call to Django cost 2 ms of CPU, as
much as eight votes (measured with one call in 25 a second vote: 950 votes/s, 1,100 without).

Anything else is handed to Django as it came (the body put back): another address or method, a
body or token it does not take, any other refusal (an unknown nominee, an unknown year, the
rate limit). Django then answers as the API always does, and the rules are still checked in
`services.cast_vote`. A call counted for the rate limit here is not counted again there
(`ratelimit.COUNTED`).
"""

import io
import re

import orjson
from django.conf import settings
from django.core import signals
from django.core.exceptions import DisallowedHost, PermissionDenied, ValidationError
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, connections
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from wsis.accounts.services import user_for_token, user_for_token_counted
from wsis.api import ratelimit
from wsis.api.renderers import UnicodeJSONRenderer
from wsis.api.urls import validation_details
from wsis.core.errors import InvalidTransition
from wsis.prizes import services
from wsis.prizes.api import VOTING_RATE, vote_answer

VOTES = re.compile(r"/api/v1/prizes/editions/([0-9]{1,9})/votes\Z")
LONGEST_BODY = 200  # bytes; `{"nominee": 123456789}` is 22
REFUSALS = (ValidationError, PermissionDenied)  # InvalidTransition, a ValidationError, apart

_renderer = UnicodeJSONRenderer()
# The two middlewares whose headers an answer of the API carries (Content-Type-Options,
# Referrer-Policy, Cross-Origin-Opener-Policy, HSTS under HTTPS; X-Frame-Options), used as
# Django uses them, on the answer. Content-Length is set as CommonMiddleware sets it (without it
# the server would send the answer in chunks); the language as LocaleMiddleware chooses and
# tells it for an address without a language prefix (`_language`, `_answer`).
_security = SecurityMiddleware(lambda request: None)
_frames = XFrameOptionsMiddleware(lambda request: None)


class VoteIntake:
    """WSGI application in front of Django's (`wsis/wsgi.py`)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        match = VOTES.match(environ.get("PATH_INFO", ""))
        if match is not None and environ.get("REQUEST_METHOD") in ("POST", "PUT"):
            response = self.take(environ, int(match[1]))
            if response is not None:
                start_response(
                    f"{response.status_code} {response.reason_phrase}", list(response.items())
                )
                return [response.content]
        return self.application(environ, start_response)

    def take(self, environ, year: int) -> HttpResponse | None:
        """The answer to a vote in order, or None for Django to answer."""
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        if not authorization.startswith("Bearer ") or not environ.get(
            "CONTENT_TYPE", ""
        ).startswith("application/json"):
            return None
        nominee = _nominee(environ)
        if nominee is None:
            return None
        request = WSGIRequest(environ)
        try:
            request.get_host()  # ALLOWED_HOSTS, as Django checks it
        except DisallowedHost:
            return None
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None  # Django redirects it
        _check_connections()
        try:
            return self._cast(request, authorization[len("Bearer ") :], nominee, year)
        except DatabaseError:
            # A connection that broke since its last use (the database restarted): Django,
            # handed the call, checks it, opens another and answers. A vote is one statement,
            # so it was recorded whole or not at all; if it was, Django tells "already voted".
            return None
        finally:
            signals.request_finished.send(sender=self.__class__)

    def _cast(self, request, token: str, nominee: int, year: int) -> HttpResponse | None:
        if getattr(settings, "RATELIMIT_ENABLE", True):
            voter, hits = user_for_token_counted(token, "voting", VOTING_RATE)
            if voter is None:
                return None
            request.META[ratelimit.COUNTED] = hits  # the same dict as the environ Django gets
            if hits > ratelimit.parse_rate(VOTING_RATE)[0]:
                return None
        else:
            voter = user_for_token(token)
            if voter is None:
                return None
        replace = request.method == "PUT"
        _language(request)
        try:
            vote = services.cast_vote(
                voter, nominee, request.META.get("REMOTE_ADDR"), replace=replace, year=year
            )
        except InvalidTransition as refusal:
            return _answer(request, {"detail": validation_details(refusal)}, 409)
        except REFUSALS:
            return None
        return _answer(request, vote_answer(vote), 200 if replace else 201)


def _answer(request, data, status: int) -> HttpResponse:
    """The API's answer, with the headers Django's middlewares give it."""
    response = HttpResponse(
        _renderer.render(request, data, response_status=status),
        status=status,
        content_type=f"{_renderer.media_type}; charset={_renderer.charset}",
    )
    response.headers["Content-Length"] = str(len(response.content))  # as CommonMiddleware
    patch_vary_headers(response, ("Accept-Language",))  # as LocaleMiddleware
    response.headers["Content-Language"] = request.LANGUAGE_CODE
    return _frames.process_response(request, _security.process_response(request, response))


def _language(request) -> None:
    """The caller's language made the active one, as LocaleMiddleware chooses it for an address
    without a language prefix (from the cookie, else Accept-Language), so that a refusal is told
    in it; half the cost of calling the middleware, which first looks for a prefix."""
    translation.activate(translation.get_language_from_request(request))
    request.LANGUAGE_CODE = translation.get_language()


def _check_connections() -> None:
    """What Django does before a request (close the connections that are too old or that
    failed), without the health check it then makes on each connection's first query: a round
    trip (`SELECT 1`) that was one database statement in four of a vote. A connection that has
    broken since shows as a DatabaseError on the vote's first statement instead."""
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()
        if connection.connection is not None:
            connection.health_check_done = True


def _nominee(environ) -> int | None:
    """The nominee of a body `{"nominee": N}`; None for any other body, which is put back for
    Django to read (and to refuse or accept as the API does)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= LONGEST_BODY:
        return None
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(payload, dict) or payload.keys() != {"nominee"}:
        return None
    nominee = payload["nominee"]
    return nominee if type(nominee) is int and 0 < nominee < 2**63 else None
