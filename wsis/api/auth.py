"""How API callers prove who they are: a bearer token, or the browser's session."""

from ninja.security import HttpBearer, SessionAuth

from wsis.accounts.services import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(SessionAuth):
    """The browser's session, with ninja's CSRF check; a caller with no session at all is simply
    not authenticated (401), rather than refused for a missing CSRF token (403)."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


bearer = BearerToken()
# Token callers need no CSRF token: a bearer token is never sent by the browser on its own.
token_or_session = [bearer, SignedInSession()]

# For endpoints anyone may call (a token only shows more): the OpenAPI document says so with
# an empty security requirement beside the two schemes.
optional_auth = [*token_or_session, lambda request: True]
OPTIONAL_AUTH_OPENAPI = {"security": [{}]}  # appended to the schemes
