"""Hybrid search over HTTP: a query in one language finds initiatives written in another,
among the 300 demo initiatives; facets stay exact for what is found."""

import io
import json
from pathlib import Path

import httpx
import pytest
from django.core.management import call_command

from tests.stocktaking.factories import make_initiative
from wsis.search import vectors
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative

pytestmark = pytest.mark.usefixtures("live_vocabularies")

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent.parent / "data" / "crosslingual.jsonl").open()
]


@pytest.fixture
def api(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=60) as client:
        yield client


def publish_cases() -> list[int]:
    """The 20 initiatives of the cross-lingual set, published and embedded with the rest."""
    made = [
        make_initiative(
            title=case["title"],
            summary=case["summary"],
            description=case["summary"],
            language=case["lang"],
        ).pk
        for case in CASES
    ]
    vectors.embed(Initiative.objects.filter(status=Status.PUBLISHED).values_list("pk", flat=True))
    return made


@pytest.fixture
def registry():
    """The cross-lingual set among the 300 demo initiatives (several on the same subjects)."""
    call_command("load_demo_data", in_production=True, stdout=io.StringIO())
    return publish_cases()


def found(api, query: str, mode: str, size: int = 5) -> list[int]:
    response = api.get("/initiatives", params={"q": query, "mode": mode, "page_size": size})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["results"]]


def test_a_query_in_another_language_finds_the_initiative(api, registry):
    assert len(CASES) == 20
    assert (
        {c["lang"] for c in CASES}
        == {c["query_lang"] for c in CASES}
        == set(["ar", "en", "es", "fr", "ru", "zh"])
    )
    misses = [
        (case["query_lang"], case["query"], case["lang"], case["title"])
        for pk, case in zip(registry, CASES, strict=True)
        if pk not in found(api, case["query"], "hybrid")
    ]
    assert misses == []
    # Meaning alone finds them too, while keywords alone cannot cross the languages.
    pairs = list(zip(registry, CASES, strict=True))
    by_meaning = sum(pk in found(api, case["query"], "semantic") for pk, case in pairs)
    by_keywords = sum(pk in found(api, case["query"], "keyword") for pk, case in pairs)
    assert by_meaning >= 18
    assert by_keywords <= 3


def test_semantic_counts_and_facets_describe_what_is_found(api):
    publish_cases()
    query = CASES[0]["query"]
    body = api.get("/initiatives", params={"q": query, "mode": "semantic", "page_size": 100})
    body = body.json()
    assert 0 < body["count"] == len(body["results"]) <= 100
    languages = body["facets"]["language"]
    assert sum(languages.values()) == body["count"]
    for language, count in languages.items():
        narrowed = api.get(
            "/initiatives",
            params={"q": query, "mode": "semantic", "language": language, "page_size": 100},
        ).json()
        assert narrowed["count"] == count
        assert {item["language"] for item in narrowed["results"]} == {language}


def test_an_unknown_mode_is_refused_naming_the_parameter(api):
    response = api.get("/initiatives", params={"q": "radio", "mode": "fuzzy"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "mode"]
