"""A page of published initiatives with its facet counts: shared by the list page and the API."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from wsis.stocktaking import facets
from wsis.stocktaking.filters import (
    DEFAULT_LIGHTS,
    PAGE_SIZE,
    InitiativeFilter,
    page_bounds,
    published,
    status_light_counts,
)


@dataclass
class ListingPage:
    count: int
    page: int
    page_size: int
    results: list
    facets: dict
    filters: InitiativeFilter


def list_initiatives(params, page: int = 1, page_size: int = PAGE_SIZE) -> ListingPage:
    """Filter, count, facet and page the published initiatives; invalid filters raise
    ValidationError naming the parameter."""
    filters = InitiativeFilter(params, queryset=published())
    if not filters.is_valid():
        raise ValidationError(filters.errors.as_data())
    matching = filters.qs
    start, end = page_bounds(page, page_size)
    results = list(filters.ordered_page(matching, start, end))
    counts = facets.counts(matching)
    lights = status_light_counts(filters.without_status_light())
    counts["status_light"] = lights
    # The lights partition the matches, so the count needs no query of its own.
    shown = filters.form.cleaned_data.get("status_light") or DEFAULT_LIGHTS
    return ListingPage(
        count=sum(lights[light] for light in shown),
        page=page,
        page_size=end - start,
        results=results,
        facets=counts,
        filters=filters,
    )
