"""The one set of filters behind the public list page and `GET /api/v1/initiatives`."""

import functools
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsis.search import fulltext
from wsis.search.hybrid import Mode, Search
from wsis.stocktaking import facet_index
from wsis.stocktaking.choices import Language, Status, StatusLight, WorkState
from wsis.stocktaking.models import AMBER_AFTER, RED_AFTER, Facet, Initiative
from wsis.taxonomy import memo
from wsis.taxonomy import models as taxonomy

PAGE_SIZE = 20
# How many of the index's best matches a search page is picked from before falling back to a
# full ranking (when filters leave too few of them).
RANKED_CANDIDATES = 200
# Inactive initiatives (red light) stay out of default listings.
DEFAULT_LIGHTS = (StatusLight.GREEN, StatusLight.AMBER)
PAGE_SIZE_MAX = 100
SORTS = [("relevance", _("Relevance")), ("newest", _("Newest")), ("title", _("Title"))]


def _codes(model, field="code"):
    return lambda: [(code, code) for code in memo.codes(model, field)]


class CodesField(forms.MultipleChoiceField):
    def __deepcopy__(self, memo):
        # Every list request copies its form's fields; the choices (hundreds of code pairs,
        # never changed in place) are shared instead of copied one by one.
        return forms.Field.__deepcopy__(self, memo)


class FacetFilter(django_filters.MultipleChoiceFilter):
    """Initiatives carrying any of the chosen codes of one facet (OR within, AND across)."""

    field_class = CodesField

    def __init__(self, facet, **kwargs):
        self.facet_name = facet
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        chosen = Facet.objects.filter(facet=self.facet_name, code__in=value).values("initiative_id")
        return queryset.filter(pk__in=chosen)


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    action_line = FacetFilter(
        "action_line", label=_("Action Line"), choices=_codes(taxonomy.ActionLine)
    )
    sdg_goal = FacetFilter(
        "sdg_goal", label=_("SDG goal"), choices=_codes(taxonomy.SDGGoal, "number")
    )
    sdg_target = FacetFilter(
        "sdg_target", label=_("SDG target"), choices=_codes(taxonomy.SDGTarget)
    )
    gdc_objective = FacetFilter(
        "gdc_objective", label=_("GDC objective"), choices=_codes(taxonomy.GDCObjective)
    )
    stakeholder_type = FacetFilter(
        "stakeholder_type", label=_("Stakeholder type"), choices=_codes(taxonomy.StakeholderType)
    )
    region = FacetFilter("region", label=_("ITU region"), choices=_codes(taxonomy.Region))
    country = FacetFilter("country", label=_("Country"), choices=_codes(taxonomy.Country))
    country_group = FacetFilter(
        "country_group", label=_("Country group"), choices=_codes(taxonomy.CountryGroup)
    )
    target_group = FacetFilter(
        "target_group", label=_("Target group"), choices=_codes(taxonomy.TargetGroup)
    )
    language = FacetFilter("language", label=_("Language"), choices=Language.choices)
    start_year = FacetFilter(
        "start_year",
        label=_("Start year"),
        choices=lambda: [(str(y), str(y)) for y in range(2000, timezone.now().year + 2)],
    )
    work_state = FacetFilter("work_state", label=_("State of the work"), choices=WorkState.choices)
    status_light = django_filters.MultipleChoiceFilter(
        label=_("Activity"), choices=StatusLight.choices, method="by_status_light"
    )
    mode = django_filters.ChoiceFilter(
        label=_("Search by"), method="search_mode", empty_label=None, choices=Mode.choices
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort_by",
        empty_label=None,
        choices=SORTS,
    )

    class Meta:
        model = Initiative
        fields = []

    def filtered(self, skip=()):
        """The initiatives through every chosen filter but those named in `skip`."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in skip and name not in ("sort", "mode"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        search = Search(value, self.form.cleaned_data.get("mode"))
        matched = fulltext.match(queryset, search.text) if search.uses_keywords else None
        if search.uses_meaning:
            by_meaning = queryset.filter(pk__in=search.semantic_ids())
            matched = by_meaning if matched is None else matched | by_meaning
        return matched

    def search_mode(self, queryset, name, value):
        return queryset  # read by `search`

    def by_status_light(self, queryset, name, value):
        return queryset.filter(status_light_condition(value))

    def sort_by(self, queryset, name, value):
        return queryset  # applied last, in `qs`, once the search rank is known

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("status_light"):
            # Inactive initiatives (red light) stay out of default listings.
            queryset = queryset.filter(
                status_light_condition([StatusLight.GREEN, StatusLight.AMBER])
            )
        if self.form.cleaned_data.get("sort") == "title":
            return queryset.order_by("title", "pk")
        return queryset.order_by("-published_at", "-pk")


# The facet filtered by each facet parameter.
FACET_OF = {
    name: chosen.facet_name
    for name, chosen in InitiativeFilter.base_filters.items()
    if isinstance(chosen, FacetFilter)
}


def clean(params) -> dict:
    """`params` checked and converted as the filterset's form does it (the same fields, values
    and errors), without building that form: Django deep-copies every field of each form it
    builds, a millisecond for these thirteen on every list request. Invalid values raise
    ValidationError naming the parameter."""
    values, errors = {}, {}
    for name, checked in _form_fields().items():
        try:
            values[name] = checked.clean(checked.widget.value_from_datadict(params, None, name))
        except ValidationError as error:
            errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)
    return values


@functools.cache
def _form_fields() -> dict:
    """The fields of the filterset's form, built once per process and shared: they keep nothing
    between uses, and the vocabularies' codes are read anew at each check."""
    return InitiativeFilter(queryset=Initiative.objects.none()).get_form_class().base_fields


@dataclass(frozen=True)
class Chosen:
    """The list's filters once checked (`values` as the filterset's form cleans them), and the
    page of ids they select."""

    params: Any
    values: dict

    @classmethod
    def of(cls, params) -> "Chosen":
        return cls(params, clean(params))

    @property
    def text(self) -> str:
        return (self.values.get("q") or "").strip()

    @property
    def facets(self) -> dict[str, list[str]]:
        """The chosen codes of each facet, by facet name."""
        values = self.values.items()
        return {FACET_OF[name]: value for name, value in values if value and name in FACET_OF}

    @property
    def lights(self) -> tuple[str, ...]:
        """The activity lights shown."""
        return tuple(self.values.get("status_light") or DEFAULT_LIGHTS)

    def filterset(self) -> InitiativeFilter:
        """The filterset of these filters, for what only the database can answer (an order by
        date or title, a ranking beyond the index's best matches, an export)."""
        filters = InitiativeFilter(self.params, queryset=published())
        if not filters.is_valid():
            raise ValidationError(filters.errors.as_data())
        return filters

    @functools.cached_property
    def search(self) -> Search | None:
        """The search (text and mode), None without text; evaluated at most once, shared by
        the page, its count and its facets."""
        return Search(self.text, self.values.get("mode")) if self.text else None

    def page_ids(self, start: int, end: int, selection: facet_index.Selection) -> list[int]:
        """The ids of one page in the chosen order; by search rank when searching (`selection`
        is the facet index's selection of these filters). Only ids are sorted: the rows are
        fetched whole afterwards, for that page alone."""
        if self.search and (self.values.get("sort") or "relevance") == "relevance":
            return self._ranked_ids(start, end, selection)
        return list(self.filterset().qs.values_list("pk", flat=True)[start:end])

    def _ranked_ids(self, start: int, end: int, selection: facet_index.Selection) -> list[int]:
        """Ids of one page by search rank. The index's best few hundred are filtered first;
        only when the filters leave too few of them is the full ranking joined and sorted.
        Each ranking is filtered before they are fused, so that every page ranks the same set;
        the semantic ranking is short (at most `SEARCH_SEMANTIC_LIMIT`) and always whole."""
        search = self.search
        semantic = selection.keep(search.semantic_ids())
        limit = max(RANKED_CANDIDATES, 4 * end)
        candidates = fulltext.best_ids(search.text, limit) if search.uses_keywords else []
        # The candidates match already; the other filters are checked in the facet index.
        keyword = selection.keep(candidates)
        if len(keyword) < end and len(candidates) == limit:
            unsearched = self.filterset().filtered(skip=("q",))
            if not self.values.get("status_light"):
                unsearched = unsearched.filter(status_light_condition(DEFAULT_LIGHTS))
            ranked = fulltext.ranked(unsearched, search.text).order_by("-rank", "pk")
            # Past the page by `limit`: lower keyword ranks reach the page only through a
            # top semantic rank.
            keyword = list(ranked.values_list("pk", flat=True)[: end + limit])
        return search.fuse(keyword, semantic)[start:end]


def status_light_condition(lights) -> Q:
    now = timezone.now()
    amber_from, red_from = now - AMBER_AFTER, now - RED_AFTER
    conditions = {
        StatusLight.GREEN: Q(active_at__gt=amber_from),
        StatusLight.AMBER: Q(active_at__lte=amber_from, active_at__gt=red_from),
        StatusLight.RED: Q(active_at__lte=red_from),
    }
    combined = Q(pk__in=[])
    for light in lights:
        combined |= conditions[light]
    return combined


def published():
    return Initiative.objects.filter(status=Status.PUBLISHED)


def page_bounds(page: int, page_size: int) -> tuple[int, int]:
    page_size = max(1, min(page_size, PAGE_SIZE_MAX))
    page = max(1, page)
    return (page - 1) * page_size, page * page_size
