"""Rate limits for API endpoints that change things (django-ratelimit, shared cache)."""

from functools import wraps

from django_ratelimit.core import is_ratelimited


class RateLimited(Exception):
    """Answered 429 by the API's exception handler."""


def _key(group, request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"


def limit(group: str, rate: str):
    """At most `rate` (e.g. "60/h") calls of `group` per signed-in user, or per address."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if is_ratelimited(request, group=group, key=_key, rate=rate, increment=True):
                raise RateLimited(group)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
