"""Version tokens that keep every worker's in-memory index in step with the database.

A random token in the shared cache names the state of some data; whoever changes the data
replaces it (now, for the changing transaction's own reads, and again after its commit, so that
no worker refreshing in between keeps the state from before). An index remembers the token it
was built under and refreshes itself when the token differs. A random token rather than a
number: a cache emptied and refilled never repeats a token some index was built under.
"""

import secrets

from django.core.cache import cache
from django.db import transaction


class Version:
    def __init__(self, key: str):
        self.key = key

    def _replace(self) -> None:
        cache.set(self.key, secrets.token_hex(8), None)

    def invalidate(self) -> None:
        self._replace()
        transaction.on_commit(self._replace)

    def token(self) -> str:
        return cache.get_or_set(self.key, lambda: secrets.token_hex(8), None)

    def up_to_date(self, index):
        """`index` (with `token`, `lock` and `refresh(token)`), refreshed if it is stale."""
        token = self.token()
        if index.token != token:
            with index.lock:
                if index.token != token:
                    index.refresh(token)
        return index
