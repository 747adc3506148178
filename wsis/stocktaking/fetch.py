"""What a page of initiatives shows, fetched in a fixed number of queries whatever its size."""

import functools
from collections import defaultdict

from django.db import connection, connections
from django.db.models import FilteredRelation, Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from wsis.stocktaking.models import Initiative, InitiativeTranslation, status_light_at
from wsis.taxonomy import memo

# The vocabulary tags a list shows, by the name of their many-to-many field.
TAG_FIELDS = (
    "countries",
    "regions",
    "action_lines",
    "sdg_goals",
    "sdg_targets",
    "gdc_objectives",
    "target_groups",
)


def _translations():
    return Prefetch(
        "translations",
        queryset=InitiativeTranslation.objects.only(
            "initiative_id", "language", "title", "summary"
        ),
    )


def with_list_data(initiatives):
    """A queryset of initiatives with their organisation, tags and translated titles (for a
    detail page or where a queryset is needed)."""
    return initiatives.select_related("organisation__country", "stakeholder_type").prefetch_related(
        *TAG_FIELDS, _translations()
    )


def list_data(ids: list[int]) -> list[Initiative]:
    """The initiatives `ids` (in that order), as `with_list_data` gives them, in three queries:
    the rows, the links of all their tags at once (the vocabulary entries come from memory) and
    the titles' translations; several times faster than `prefetch_related`, which builds every
    tag anew."""
    page = list(
        Initiative.objects.filter(pk__in=ids)
        .select_related("organisation__country", "stakeholder_type")
        .defer(
            "description",
            "facet_codes",  # long, and not shown in lists
        )
    )
    attach_tags(page)
    prefetch_related_objects(page, _translations())
    by_id = {initiative.pk: initiative for initiative in page}
    return [by_id[pk] for pk in ids]


def _tag_links(ids: list[int]) -> dict[tuple[int, int], list[int]]:
    """(initiative id, position in TAG_FIELDS) -> ids of the vocabulary entries, one query."""
    linked = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(_links_sql(len(ids)), ids * len(TAG_FIELDS))
        for position, initiative_id, entry_id in cursor.fetchall():
            linked[initiative_id, position].append(entry_id)
    return linked


# The columns of a list item, read as values: no model instance is built.
ROW_FIELDS = (
    "id",
    "title",
    "summary",
    "language",
    "organisation__name",
    "stakeholder_type__code",
    "scope",
    "start_date",
    "end_date",
    "work_state",
    "website",
    "partners",
    "funding_amount",
    "funding_currency",
    "funding_source",
    "status",
    "active_at",
    "published_at",
)


URL_PLACEHOLDER = 987654321


@functools.cache
def _rows(language: str, texts: tuple[str, ...]):
    """Initiatives as list items read them, with their `texts` in `language` where translated,
    in one query. Built once per language and kept unevaluated: Django takes longer to build
    this query than the database takes to answer it for a page."""
    translation = FilteredRelation("translations", condition=Q(translations__language=language))
    translated = [f"translation__{field}" for field in texts]
    return (
        Initiative.objects.annotate(translation=translation)
        .order_by()
        .values(*ROW_FIELDS, *texts[2:], "translation__id", *translated)
    )


class _RowsOf:
    """`_rows` for a given number of ids, compiled once: the ORM took longer to build and
    compile the query for each page (0.25 ms) than the database took to answer it. The ids are
    its parameters; its values are converted as the ORM converts them (`.values()`)."""

    def __init__(self, language: str, texts: tuple[str, ...], count: int):
        # Stand-ins for the ids, told apart from every other parameter by their sign.
        queryset = _rows(language, texts).filter(pk__in=range(-count, 0))
        compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.positions = [
            self.params.index(stand_in) for stand_in in range(-count, 0)
        ]  # where each id goes
        query = queryset.query
        self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        self.converters = compiler.get_converters([column for column, *_ in compiler.select])
        self.alias = queryset.db

    def __call__(self, ids: list[int]) -> dict[int, dict]:
        params = self.params.copy()
        for position, pk in zip(self.positions, ids, strict=True):
            params[position] = pk
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        found = {}
        for row in rows:
            values = list(row)
            for position, (functions, expression) in self.converters.items():
                for convert in functions:
                    values[position] = convert(values[position], expression, connection)
            item = dict(zip(self.names, values, strict=True))
            found[item["id"]] = item
        return found


@functools.lru_cache(maxsize=256)
def _rows_of(language: str, texts: tuple[str, ...], count: int) -> _RowsOf:
    return _RowsOf(language, texts, count)


def list_items(ids: list[int], language: str, description: bool = False) -> list[dict]:
    """The API's list items for `ids` (in that order), as `api.serialise` shows an initiative,
    from two queries and the vocabularies in memory: the list's hot path (and the exports',
    which ask for the `description` too)."""
    if not ids:
        return []
    texts = ("title", "summary", "description") if description else ("title", "summary")
    unique = list(dict.fromkeys(ids))  # once each, as `pk__in` takes them
    rows = _rows_of(language, texts, len(unique))(unique)
    linked = _tag_links(ids)
    vocabularies = []
    for position, name in enumerate(TAG_FIELDS):
        model = Initiative._meta.get_field(name).related_model
        loaded = memo.vocabulary(model)
        vocabularies.append((position, name, loaded.position, loaded.code))
    now = timezone.now()
    # One reverse for the page: the permalinks differ only by id.
    url = reverse("stocktaking:detail", args=[URL_PLACEHOLDER])
    items = []
    for pk in ids:
        row = rows[pk]
        version = [row[field] for field in texts]
        if row["language"] != language and row["translation__id"] is not None:
            version = [row[f"translation__{field}"] for field in texts]
        item = {
            "id": pk,
            "url": url.replace(str(URL_PLACEHOLDER), str(pk)),
            "title": version[0],
            "summary": version[1],
            "language": row["language"],
            "title_original": row["title"],
            "organisation": row["organisation__name"],
            "stakeholder_type": row["stakeholder_type__code"],
            "scope": row["scope"],
            "start_date": row["start_date"],
            "end_date": row["end_date"],
            "work_state": row["work_state"],
            "website": row["website"],
            "partners": row["partners"],
            "funding": {
                "amount": row["funding_amount"],
                "currency": row["funding_currency"],
                "source": row["funding_source"],
            }
            if row["funding_amount"] is not None or row["funding_source"]
            else None,
            "status": row["status"],
            "status_light": status_light_at(row["active_at"], now) if row["active_at"] else None,
            "published_at": row["published_at"],
        }
        if description:
            item["description"] = version[2]
        for position, name, order, codes in vocabularies:
            chosen = sorted(linked.get((pk, position), ()), key=order.get)
            item[name] = [codes[entry] for entry in chosen]
        items.append(item)
    return items


def _links_sql(count: int) -> str:
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * count)
    selects = []
    for position, name in enumerate(TAG_FIELDS):
        field = Initiative._meta.get_field(name)
        table = quote(field.remote_field.through._meta.db_table)
        source, target = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
        selects.append(
            f"SELECT {position}, {source}, {target} FROM {table} "  # noqa: S608 - names from the models
            f"WHERE {source} IN ({placeholders})"
        )
    return " UNION ALL ".join(selects)


def attach_tags(page: list[Initiative]) -> None:
    """Fill each initiative's tags as `prefetch_related` would (`initiative.countries.all()`
    then costs no query), in their vocabularies' order."""
    if not page:
        return
    ids = [initiative.pk for initiative in page]
    for initiative in page:
        initiative._prefetched_objects_cache = getattr(initiative, "_prefetched_objects_cache", {})
    linked = _tag_links(ids)
    for position, name in enumerate(TAG_FIELDS):
        model = Initiative._meta.get_field(name).related_model
        loaded = memo.vocabulary(model)
        for initiative in page:
            chosen = sorted(linked.get((initiative.pk, position), ()), key=loaded.position.get)
            tags = model.objects.all()
            tags._result_cache = [loaded.by_pk[pk] for pk in chosen]
            tags._prefetch_done = True
            initiative._prefetched_objects_cache[name] = tags
