"""A page of published initiatives with its facet counts: shared by the list page and the API."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from wsis.stocktaking import facets
from wsis.stocktaking.filters import (
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
    counts["status_light"] = status_light_counts(filters.without_status_light())
    return ListingPage(
        count=matching.count(),
        page=page,
        page_size=end - start,
        results=results,
        facets=counts,
        filters=filters,
    )
