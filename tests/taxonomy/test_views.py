import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    "index",
    "action-lines",
    "prize-categories",
    "sdgs",
    "gdc-objectives",
    "stakeholder-types",
    "regions",
    "target-groups",
    "countries",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_vocabulary_page_renders_in_arabic(client, name):
    response = client.get(reverse(f"taxonomy:{name}").replace("/en/", "/ar/"))
    assert response.status_code == 200
    assert b'dir="rtl"' in response.content


def test_action_lines_page_shows_arabic_names(client):
    response = client.get("/ar/vocabularies/action-lines/")
    assert "بناء القدرات" in response.content.decode()


def test_country_filter(client):
    response = client.get("/en/vocabularies/countries/", {"group": "LLDC"})
    assert len(response.context["countries"]) == 32


@pytest.mark.parametrize(
    "url,limit",
    [
        ("/en/vocabularies/countries/", 4),
        ("/en/vocabularies/sdgs/", 4),
        ("/en/vocabularies/action-lines/", 3),
        ("/api/v1/taxonomy/countries", 2),
        ("/api/v1/taxonomy/sdg/indicators", 1),
        ("/api/v1/taxonomy/action-lines", 2),
    ],
)
def test_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
