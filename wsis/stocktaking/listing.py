"""A page of published initiatives with its facet counts: shared by the list page and the API."""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError

from wsis.stocktaking import facets
from wsis.stocktaking.filters import (
    DEFAULT_LIGHTS,
    PAGE_SIZE,
    InitiativeFilter,
    page_bounds,
    published,
)


@dataclass
class ListingPage:
    count: int
    page: int
    page_size: int
    results: list
    facets: dict
    filters: InitiativeFilter


FACETS_CACHE_SECONDS = 300
VERSION_KEY = "stocktaking:listing:version"


def invalidate_cached_counts() -> None:
    """Called whenever the published set changes: every cached count becomes stale at once."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _cache_key(filters) -> str:
    version = cache.get_or_set(VERSION_KEY, 1, None)
    chosen = sorted(
        (k, sorted(v) if isinstance(v, list | tuple) else str(v))
        for k, v in filters.form.cleaned_data.items()
        if v and k != "sort"
    )
    digest = hashlib.sha256(json.dumps(chosen, default=str).encode()).hexdigest()[:32]
    return f"stocktaking:listing:{version}:{digest}"


def _counts(filters) -> dict:
    """Facet and status-light counts of the filtered initiatives, cached until the published
    set changes (popular searches and the default list then cost one cache read)."""
    key = _cache_key(filters)
    counts = cache.get(key)
    if counts is None:
        counts = facets.counts(filters.without_status_light(), _lights_shown(filters))
        cache.set(key, counts, FACETS_CACHE_SECONDS)
    return counts


def _lights_shown(filters) -> tuple[str, ...]:
    return tuple(filters.form.cleaned_data.get("status_light") or DEFAULT_LIGHTS)


def filtered(params):
    """Every published initiative matching the list's filters (for exports); invalid filters
    raise ValidationError naming the parameter."""
    filters = InitiativeFilter(params, queryset=published())
    if not filters.is_valid():
        raise ValidationError(filters.errors.as_data())
    return filters.qs


def list_initiatives(params, page: int = 1, page_size: int = PAGE_SIZE) -> ListingPage:
    """Filter, count, facet and page the published initiatives; invalid filters raise
    ValidationError naming the parameter."""
    filters = InitiativeFilter(params, queryset=published())
    if not filters.is_valid():
        raise ValidationError(filters.errors.as_data())
    start, end = page_bounds(page, page_size)
    results = list(filters.ordered_page(filters.qs, start, end))
    counts = _counts(filters)
    lights = counts["status_light"]
    # The lights partition the matches, so the count needs no query of its own.
    return ListingPage(
        count=sum(lights[light] for light in _lights_shown(filters)),
        page=page,
        page_size=end - start,
        results=results,
        facets=counts,
        filters=filters,
    )
