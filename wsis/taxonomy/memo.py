"""The vocabularies held in memory by each process: a few hundred entries, read on every list
page, changed only by `load_reference_data` or an administrator.

Each process reloads them when the version token in the shared cache changes; the token is
checked once per request (every change to a vocabulary replaces it, see `apps.py`).
"""

import threading

from wsis.core import versions

VERSION_KEY = "taxonomy:version"

_lock = threading.Lock()
_loaded: dict = {"token": None, "entries": {}}
_version = versions.Version(VERSION_KEY)


def invalidate() -> None:
    """Every process reloads the vocabularies (now, and after the changing transaction's
    commit)."""
    _version.invalidate()


class Loaded:
    """One vocabulary's entries, in its default order, by primary key and by position."""

    def __init__(self, model):
        self.entries = list(model.objects.all())
        self._by: dict[str, dict] = {}
        self.by_pk = {entry.pk: entry for entry in self.entries}
        self.position = {entry.pk: index for index, entry in enumerate(self.entries)}
        # The code the API shows for an entry (an SDG goal's is its number).
        self.code = {
            entry.pk: str(getattr(entry, "code", None) or entry.number) for entry in self.entries
        }

    def by(self, field: str) -> dict:
        """Entries by the text of one of their fields (a code, an SDG goal's number)."""
        found = self._by.get(field)
        if found is None:
            found = self._by[field] = {str(getattr(e, field)): e for e in self.entries}
        return found


def vocabulary(model) -> Loaded:
    """The entries of `model`, as loaded by this process (treat them as read-only)."""
    token = _version.token()
    with _lock:
        if _loaded["token"] != token:
            _loaded["token"], _loaded["entries"] = token, {}
        loaded = _loaded["entries"].get(model)
        if loaded is None:
            loaded = _loaded["entries"][model] = Loaded(model)
    return loaded


def codes(model, field: str = "code") -> list[str]:
    return [str(getattr(entry, field)) for entry in vocabulary(model).entries]


def held():
    """The vocabularies checked once for a whole block of work (a bulk import), as for a
    request, instead of at every use."""
    return versions.held()
