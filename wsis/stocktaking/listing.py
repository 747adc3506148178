"""A page of published initiatives with its facet counts: shared by the list page and the API."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from wsis.stocktaking import facet_index
from wsis.stocktaking.fetch import list_data
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


def _counts(filters) -> dict:
    """Facet and status-light counts of the filtered initiatives, from the facet index."""
    search = filters.text_search()
    ids = search.matching_ids() if search else None
    return facet_index.current().counts(
        ids, filters.chosen_facets(), _lights_shown(filters), timezone.now()
    )


def _lights_shown(filters) -> tuple[str, ...]:
    return tuple(filters.form.cleaned_data.get("status_light") or DEFAULT_LIGHTS)


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
    filters = InitiativeFilter(params, queryset=published())
    if not filters.is_valid():
        raise ValidationError(filters.errors.as_data())
    start, end = page_bounds(page, page_size)
    results = fetch(filters.page_ids(start, end))
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
