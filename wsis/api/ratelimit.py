"""Rate limits for API endpoints that change things: at most so many calls of a group of
endpoints in a window, per signed-in user or else per address, counted in the database.

One atomic statement counts the call and reads the count. django-ratelimit over the database
cache, which this replaces for the API, took eleven queries and two transactions per call for
the same (as long as the whole rest of a vote), and its increment, a read then a write, could
lose calls made at the same moment. The pages keep django-ratelimit.
"""

import secrets
import time
import zlib
from functools import wraps

from django.conf import settings
from django.db import connection

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# Counts a call of the counter (name, window_ends) its `rows` give: a window later than the
# stored one starts the count afresh (PostgreSQL and SQLite alike).
UPSERT = """
INSERT INTO api_ratecounter (name, window_ends, hits) {rows}
ON CONFLICT (name) DO UPDATE SET
    hits = CASE WHEN api_ratecounter.window_ends >= excluded.window_ends
        THEN api_ratecounter.hits + 1 ELSE 1 END,
    window_ends = CASE WHEN api_ratecounter.window_ends >= excluded.window_ends
        THEN api_ratecounter.window_ends ELSE excluded.window_ends END
RETURNING hits
"""
COUNT = UPSERT.format(rows="VALUES (%s, %s, 1)")
# The end of the current window (`window_end`) in SQL, from an offset (SQL), the period and the
# moment (parameters).
WINDOW_END = (
    "(%(now)s - %(now)s %% %(period)s + {offset} %% %(period)s"
    " + CASE WHEN %(now)s %% %(period)s < {offset} %% %(period)s THEN 0 ELSE %(period)s END)"
)
FORGET = "DELETE FROM api_ratecounter WHERE window_ends < %s"
FORGET_AFTER = 86400  # seconds after its window ended that a counter is deleted


# Set in a request's environ by a caller that has counted the call already (the votes' intake,
# wsis/prizes/intake.py, before it hands a call over to Django): the count it got. A client
# cannot set it: the keys of its headers all start with HTTP_.
COUNTED = "wsis.ratelimit.hits"


class RateLimited(Exception):
    """Answered 429 by the API's exception handler."""


def clock() -> float:
    """Now, in seconds since the epoch: the moment the windows are counted at (the tests hold
    it still, so that no window ends in the middle of one)."""
    return time.time()


def parse_rate(rate: str) -> tuple[int, int]:
    """ "120/m" → (120, 60); "5/10m" → (5, 600)."""
    count, period = rate.split("/")
    multiple = period[:-1] or "1"
    return int(count), int(multiple) * UNITS[period[-1]]


def counter(group: str, user=None, address: str | None = None) -> tuple[str, int]:
    """The counter of a group of endpoints for a signed-in user, or else for an address: its
    name and the offset of its windows (the user's id, or a checksum of the address), by which
    windows are staggered, so that not every caller's allowance comes back at the same second.
    The offset of a user's counter is a column, for the token lookup that counts the call in
    the same statement (`accounts.services.user_for_token_counted`)."""
    if user is not None and user.is_authenticated:
        return f"{user_counter_prefix(group)}{user.pk}", user.pk
    address = address or ""
    return f"{group}:ip:{address}", zlib.crc32(address.encode())


def user_counter_prefix(group: str) -> str:
    return f"{group}:user:"


def counter_name(group: str, user=None, address: str | None = None) -> str:
    return counter(group, user, address)[0]


def window_end(offset: int, period: int, now: float) -> int:
    """The end of the current window of a counter whose windows are offset by `offset`: the
    first moment after `now` that is `offset` seconds, modulo the period, past a multiple of
    the period. WINDOW_END is the same in SQL."""
    now = int(now)
    end = now - now % period + offset % period
    return end if end > now else end + period


def hit(name: str, offset: int, period: int) -> int:
    """Count one call under `name`; returns the calls counted in the current window."""
    with connection.cursor() as cursor:
        cursor.execute(COUNT, [name, window_end(offset, period, clock())])
        hits = cursor.fetchone()[0]
    clear_now_and_then(hits)
    return hits


def clear_now_and_then(hits: int) -> None:
    """Callers who never come back leave a row; now and then the first call of a new window
    (`hits` 1) clears those whose window ended a day ago."""
    if hits == 1 and secrets.randbelow(1000) == 0:
        with connection.cursor() as cursor:
            cursor.execute(FORGET, [int(clock()) - FORGET_AFTER])


def count_call(group: str, rate: str, user=None, address: str | None = None) -> int:
    """Count one call of `group`, in the windows of `rate` (e.g. "120/m"), for the user or else
    the address; returns the calls counted in the current window."""
    return hit(*counter(group, user, address), parse_rate(rate)[1])


def limit(group: str, rate):
    """At most `rate` (e.g. "60/h", or a function of the group and the request that returns
    one) calls of `group` per signed-in user, or per address."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(settings, "RATELIMIT_ENABLE", True):
                chosen = rate(group, request) if callable(rate) else rate
                hits = request.META.get(COUNTED) or count_call(
                    group, chosen, getattr(request, "user", None), request.META.get("REMOTE_ADDR")
                )
                if hits > parse_rate(chosen)[0]:
                    raise RateLimited(group)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
