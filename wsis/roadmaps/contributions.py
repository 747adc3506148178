"""The published initiatives that contribute to a roadmap: those tagged with its Action Line,
and among them those tagged with each SDG target the roadmap or its targets name.

Each count is made from the very filters of the registry's list page it links to (checked by
the list's own `Chosen`, counted by the list's facet index), so that a count equals the list's
count for the same address, with every activity light. No query: the index is in memory.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from wsis.stocktaking import facet_index
from wsis.stocktaking.choices import StatusLight
from wsis.stocktaking.filters import Chosen


@dataclass(frozen=True)
class Contribution:
    code: str  # the SDG target, or "" for the Action Line alone
    count: int
    url: str


def _params(action_line: str, sdg_target: str = "") -> QueryDict:
    params = QueryDict(mutable=True)
    params.setlist("action_line", [action_line])
    if sdg_target:
        params.setlist("sdg_target", [sdg_target])
    params.setlist("status_light", list(StatusLight.values))
    return params


def _count(params: QueryDict, index, now) -> int:
    chosen = Chosen.of(params)
    counts = index.select(chosen.facets, chosen.lights, now).counts()["status_light"]
    return sum(counts[light] for light in chosen.lights)


def for_roadmap(action_line: str, sdg_targets: list[str]) -> list[Contribution]:
    """The Action Line's contribution first, then one per SDG target, in the order given."""
    index, now, registry = facet_index.current(), timezone.now(), reverse("stocktaking:list")
    found = []
    for code in ["", *sdg_targets]:
        params = _params(action_line, code)
        found.append(
            Contribution(code, _count(params, index, now), f"{registry}?{params.urlencode()}")
        )
    return found


def by_action_line() -> dict[str, int]:
    """Published initiatives per Action Line code (every light), for the list of roadmaps."""
    index = facet_index.current()
    selection = index.select({}, StatusLight.values, timezone.now())
    return selection.counts()["action_line"]


def list_url(action_line: str) -> str:
    return f"{reverse('stocktaking:list')}?{_params(action_line).urlencode()}"
