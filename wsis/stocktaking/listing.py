"""A page of published initiatives with its facet counts: shared by the list page and the API."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.utils import timezone

from wsis.search import fulltext
from wsis.search.hybrid import Mode
from wsis.stocktaking import facet_index
from wsis.stocktaking.fetch import list_data
from wsis.stocktaking.filters import PAGE_SIZE, Chosen, InitiativeFilter, page_bounds, published

# Threads that count facets while the request's own thread waits on the database for its page
# (SQLite and psycopg let go of the GIL meanwhile): on a second core the counts take no time.
_beside = ThreadPoolExecutor(thread_name_prefix="facet-counts")


@dataclass
class ListingPage:
    count: int
    page: int
    page_size: int
    results: list
    facets: dict
    chosen: Chosen


def _count_matches(selection, search):
    """The counts of a keyword search's matches, read on this (helper) thread's connection."""
    close_old_connections()  # as at the start of a request: a connection too old or broken
    return selection.counts(fulltext.matching_ids(search.text))


def filtered(params):
    """Every published initiative matching the list's filters (for exports); invalid filters
    raise ValidationError naming the parameter."""
    filters = InitiativeFilter(params, queryset=published())
    if not filters.is_valid():
        raise ValidationError(filters.errors.as_data())
    return filters.qs


def list_initiatives(
    params, page: int = 1, page_size: int = PAGE_SIZE, fetch=list_data
) -> ListingPage:
    """Filter, count, facet and page the published initiatives; `fetch` turns the page's ids
    into its results (model instances for the page, plain items for the API). Invalid filters
    raise ValidationError naming the parameter."""
    chosen = Chosen.of(params)
    selection = facet_index.current().select(chosen.facets, chosen.lights, timezone.now())
    start, end = page_bounds(page, page_size)
    # Facet and activity-light counts of every match, from the facet index, made beside the
    # page's own query; for a keyword search on SQLite the matches are read there too, on the
    # helper thread's own connection, while this thread's ranks them (the two passes over the
    # index at once: 1.2 ms less for 11,000 matches).
    search = chosen.search
    if search and search.mode == Mode.KEYWORD and fulltext.readable_beside():
        counting = _beside.submit(_count_matches, selection, search)
    else:
        matches = search.matching_ids() if search else None
        counting = _beside.submit(selection.counts, matches)
    results = fetch(chosen.page_ids(start, end, selection))
    counts = counting.result()
    lights = counts["status_light"]
    # The lights partition the matches, so the count needs no query of its own.
    return ListingPage(
        count=sum(lights[light] for light in chosen.lights),
        page=page,
        page_size=end - start,
        results=results,
        facets=counts,
        chosen=chosen,
    )
