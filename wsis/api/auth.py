"""How API callers prove who they are: a bearer token, or the browser's session."""

from ninja.security import HttpBearer, django_auth

from wsis.accounts.services import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


bearer = BearerToken()
# Session callers go through ninja's CSRF check; token callers need none (no ambient credential).
token_or_session = [bearer, django_auth]
