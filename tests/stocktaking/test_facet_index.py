"""The facet index counts what the database holds, after every kind of change, and the list's
lean items say what `serialise` says."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.stocktaking.factories import make_initiative, moderator
from wsis.search import fulltext
from wsis.stocktaking import facet_index, fetch, services
from wsis.stocktaking.api import serialise
from wsis.stocktaking.choices import Status, StatusLight
from wsis.stocktaking.facets import FACETS
from wsis.stocktaking.fetch import with_list_data
from wsis.stocktaking.models import Facet, Initiative

pytestmark = pytest.mark.django_db

ALL_LIGHTS = tuple(StatusLight.values)


def counted_by_database(ids=None, chosen=None) -> dict:
    """The same counts from the facet rows, the slow way."""
    initiatives = Initiative.objects.filter(status=Status.PUBLISHED)
    if ids is not None:
        initiatives = initiatives.filter(pk__in=ids)
    for facet, codes in (chosen or {}).items():
        initiatives = initiatives.filter(
            pk__in=Facet.objects.filter(facet=facet, code__in=codes).values("initiative_id")
        )
    counts = {facet: {} for facet in FACETS}
    rows = Facet.objects.filter(initiative__in=initiatives).values_list("facet", "code")
    for (facet, code), number in Counter(rows).items():
        counts[facet][code] = number
    return counts


def counted_by_index(ids=None, chosen=None) -> dict:
    counts = facet_index.current().select(chosen or {}, ALL_LIGHTS, timezone.now()).counts(ids)
    counts.pop("status_light")
    return counts


def some_initiatives():
    return [
        make_initiative(title="Village networks", countries=["NP", "BT"], action_lines=["C2"]),
        make_initiative(
            title="Telemedicine for islands",
            countries=["FJ"],
            action_lines=["C7.e-health"],
            sdg_targets=["3.8", "9.c"],
        ),
        make_initiative(title="Open data portal", language="fr", countries=["SN"]),
    ]


@pytest.fixture(params=["runs", "bitmaps"])
def counting(request, monkeypatch):
    """Counts from the runs of codes each initiative carries (their garbage compacted often), or
    from the bitmaps: the same either way."""
    if request.param == "runs":
        monkeypatch.setattr(facet_index, "RUN_COST", 0)
        monkeypatch.setattr(facet_index, "GROWTH", 8)
    else:
        monkeypatch.setattr(facet_index, "RUN_COST", 10**9)


@pytest.mark.usefixtures("counting")
def test_counts_match_the_database_for_any_filters():
    some_initiatives()
    assert counted_by_index() == counted_by_database()
    chosen = {"action_line": ["C7", "C2"], "country_group": ["SIDS"]}
    assert counted_by_index(chosen=chosen) == counted_by_database(chosen=chosen)
    assert counted_by_index(chosen=chosen)["country"] == {"FJ": 1}
    ids = fulltext.matching_ids("telemedicine")
    assert len(ids) == 1
    assert counted_by_index(ids) == counted_by_database(ids) != counted_by_database()
    assert counted_by_index(chosen={"country": ["ZZ"]}) == {facet: {} for facet in FACETS}


@pytest.mark.usefixtures("counting")
def test_every_change_is_seen_by_the_next_count():
    village, islands, portal = some_initiatives()
    assert counted_by_index()["country"] == {"NP": 1, "BT": 1, "FJ": 1, "SN": 1}

    # An edit that moves a published initiative to other countries.
    services.update_initiative(moderator(), islands, {"countries": ["WS"]})
    assert counted_by_index()["country"] == {"NP": 1, "BT": 1, "WS": 1, "SN": 1}
    assert counted_by_index() == counted_by_database()

    # A newly published one; one still in moderation is not counted.
    make_initiative(title="Coding clubs", countries=["SN"])
    make_initiative(title="Pending", countries=["KE"], status=Status.SUBMITTED)
    assert counted_by_index()["country"]["SN"] == 2
    assert "KE" not in counted_by_index()["country"]

    # A deletion (no update to see): the index notices the published count and rebuilds.
    Initiative.objects.filter(pk=portal.pk).delete()
    facet_index.invalidate()
    assert counted_by_index() == counted_by_database()
    assert counted_by_index()["country"]["SN"] == 1


def test_a_progress_report_turns_the_light_green_in_the_counts():
    initiative = make_initiative()
    Initiative.objects.filter(pk=initiative.pk).update(
        active_at=timezone.now() - timedelta(days=800), updated_at=timezone.now()
    )
    facet_index.invalidate()
    lights = facet_index.current().select({}, ALL_LIGHTS, timezone.now()).counts()["status_light"]
    assert lights == {"green": 0, "amber": 0, "red": 1}
    services.file_progress_report(
        initiative.owner, initiative, year=timezone.now().year, achieved="Twelve villages."
    )
    lights = facet_index.current().select({}, ALL_LIGHTS, timezone.now()).counts()["status_light"]
    assert lights == {"green": 1, "amber": 0, "red": 0}


def test_an_emptied_cache_never_revives_an_old_index():
    village, *_ = some_initiatives()
    assert counted_by_index()["country"]["NP"] == 1
    cache.clear()  # the version token is gone; a new one must not match the index's own
    Initiative.objects.filter(pk=village.pk).update(
        status=Status.REJECTED, updated_at=timezone.now()
    )
    assert "NP" not in counted_by_index()["country"]


def test_keep_filters_ids_in_their_order():
    village, islands, portal = some_initiatives()
    index = facet_index.current()
    ids = [portal.pk, village.pk, islands.pk, 10_000_000]
    assert index.select({}, ALL_LIGHTS, timezone.now()).keep(ids) == ids[:3]
    kept = index.select({"language": ["en"]}, ALL_LIGHTS, timezone.now()).keep(ids)
    assert kept == [village.pk, islands.pk]


def test_list_items_say_what_serialise_says():
    village, islands, portal = some_initiatives()
    services.set_translation(
        moderator(),
        portal,
        language="ar",
        title="بوابة البيانات المفتوحة",
        summary="بيانات مفتوحة للجميع.",
    )
    services.update_initiative(
        moderator(),
        islands,
        {"funding_amount": "125000", "funding_currency": "USD", "funding_source": "UNDP"},
    )
    ids = [portal.pk, islands.pk, village.pk]
    for language in ("ar", "en", "fr"):
        expected = [
            serialise(initiative, language)
            for initiative in with_list_data(Initiative.objects.filter(pk__in=ids))
        ]
        expected.sort(key=lambda item: ids.index(item["id"]))
        assert fetch.list_items(ids, language) == expected
    assert fetch.list_items([portal.pk], "ar")[0]["title"] == "بوابة البيانات المفتوحة"
    assert fetch.list_items([islands.pk], "en")[0]["sdg_targets"] == ["3.8", "9.c"]
