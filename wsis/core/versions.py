"""Version tokens that keep every worker's in-memory index in step with the database.

A random token in the shared cache names the state of some data; whoever changes the data
replaces it (now, for the changing transaction's own reads, and again after its commit, so that
no worker refreshing in between keeps the state from before). An index remembers the token it
was built under and refreshes itself when the token differs. A random token rather than a
number: a cache emptied and refilled never repeats a token some index was built under.

Within a request (or a block of work, `held`) the tokens are read once, all of them in one
query, when the first is needed: a list page needs three (the published initiatives', the
vocabularies', the vectors'), each a round trip to the cache's table otherwise. A change made
in the request replaces its token there too.
"""

import secrets
import threading
from contextlib import contextmanager

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

_keys: list[str] = []  # every version's key, read together
_held = threading.local()  # .tokens: those read in this thread's request, or None outside one


def _new_token() -> str:
    return secrets.token_hex(8)


class Version:
    def __init__(self, key: str):
        self.key = key
        _keys.append(key)

    def _replace(self) -> None:
        token = _new_token()
        cache.set(self.key, token, None)
        tokens = getattr(_held, "tokens", None)
        if tokens is not None:
            tokens[self.key] = token

    def invalidate(self) -> None:
        self._replace()
        transaction.on_commit(self._replace)

    def token(self) -> str:
        tokens = getattr(_held, "tokens", None)
        if tokens is None:
            return cache.get_or_set(self.key, _new_token, None)
        if self.key not in tokens:
            tokens.update(_read(_keys))
        return tokens[self.key]

    def up_to_date(self, index):
        """`index` (with `token`, `lock` and `refresh(token)`), refreshed if it is stale."""
        token = self.token()
        if index.token != token:
            with index.lock:
                if index.token != token:
                    index.refresh(token)
        return index


def _read(keys: list[str]) -> dict[str, str]:
    """The tokens of `keys`, in one query; a missing one is set (unless another process has
    just set it: then that one)."""
    tokens = cache.get_many(keys)
    for key in keys:
        if key not in tokens:
            tokens[key] = cache.get_or_set(key, _new_token, None)
    return tokens


@contextmanager
def held():
    """The tokens read once for a whole block of work (a bulk import), as for a request,
    instead of at every use."""
    outer = getattr(_held, "tokens", None)
    _held.tokens = {}
    try:
        yield
    finally:
        _held.tokens = outer


def _request_started(**_kwargs):
    _held.tokens = {}


def _request_finished(**_kwargs):
    _held.tokens = None


request_started.connect(_request_started, dispatch_uid="versions-request-started")
request_finished.connect(_request_finished, dispatch_uid="versions-request-finished")
