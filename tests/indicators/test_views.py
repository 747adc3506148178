"""The pages: indicators and targets, one indicator, a country, the gap analysis; in English
and Arabic, with "no data" shown as such."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.indicators.factories import imported, internet_use
from tests.stocktaking.factories import make_initiative
from wsis.indicators import services

pytestmark = pytest.mark.django_db


def test_list_shows_indicators_and_both_frameworks():
    services.load_sources()
    page = ContentOf("/en/indicators/")
    assert "Individuals using the Internet" in page
    assert "Geneva Plan of Action (2003)" in page and "Broadband Commission" in page
    assert "Lack of global data" in page and "Not stated in the source" in page
    assert "Close the digital gender gap" in page
    # Mobile-phone ownership is a figure for people aged 10+: shown with its age, not "No data".
    assert '82 %</span> <span class="text-body-secondary small">(2025, aged <span' in page
    arabic = ContentOf("/ar/indicators/")
    assert 'dir="rtl"' in arabic
    assert "توصيل القرى بتكنولوجيا المعلومات والاتصالات" in arabic  # the source's own words
    assert "سد الفجوة الرقمية بين الجنسين" in arabic


def test_indicator_page_plots_no_data_as_a_gap_never_zero(client):
    imported(
        "internet_use,Individuals using the Internet,percent,world,WLD,2020,,,,60,,,ITU,",
        "internet_use,,,world,WLD,2021,,,,,no_data,,ITU,",
        "internet_use,,,world,WLD,2022,,,,66,,,ITU,",
    )
    html = client.get("/en/indicators/internet_use/").content.decode()
    chart = json.loads(re.search(r'id="indicator-chart-data"[^>]*>(.*?)</script>', html).group(1))
    assert chart["years"] == [2020, 2021, 2022]
    assert chart["series"][0]["values"] == [60.0, None, 66.0]
    assert "No data" in html


def test_country_page_shows_figures_beside_published_initiatives(client):
    make_initiative(title="Kenyan village networks", countries=["KE"], action_lines=["C2"])
    make_initiative(title="Somewhere else", countries=["SN"])
    imported(internet_use("KE", "29.5"), "internet_use,,,country,KE,2023,female,,,,no_data,,ITU,")
    html = client.get("/en/indicators/countries/KE/").content.decode()
    assert "Kenyan village networks" in html and "Somewhere else" not in html
    assert "29.5 %" in html and "No data" in html
    assert "1 initiative registered for this country" in html
    assert client.get("/en/indicators/countries/ZZ/").status_code == 404
    assert client.get("/ar/indicators/countries/KE/").status_code == 200


def test_gap_page_shows_the_map_table_and_errors(client):
    imported(
        "internet_use,Individuals using the Internet,percent,world,WLD,2024,,,,68,,,ITU,",
        internet_use("TD", "12"),
    )
    html = client.get("/en/indicators/gaps/?line=C2").content.decode()
    assert 'id="gap-map"' in html and "countries-110m.json" in html
    assert "world&#x27;s Internet use in 2024" in html or "world's Internet use in 2024" in html
    data = json.loads(re.search(r'id="gap-map-data"[^>]*>(.*?)</script>', html).group(1))
    chad = next(row for row in data if row["code"] == "TD")
    assert chad == {
        "numeric": "148",
        "code": "TD",
        "name": "Chad",
        "internet_use": 12.0,
        "count": 0,
        "gap": True,
    }
    assert next(row for row in data if row["code"] == "FR")["internet_use"] is None
    bad = client.get("/en/indicators/gaps/?line=C99&threshold=200")
    assert bad.status_code == 200
    assert "Unknown Action Line" in bad.content.decode()
    assert "A percentage from 0 to 100" in bad.content.decode()
    assert client.get("/ar/indicators/gaps/?area=region").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/en/indicators/",
        "/en/indicators/internet_use/",
        "/api/v1/indicators",
        "/api/v1/indicators/internet_use",
        "/api/v1/indicators/targets",
    ],
)
def test_queries_do_not_grow_with_rows(client, url):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.load_sources()
    count()
    few = count()
    imported(*(internet_use(code, 50 + i) for i, code in enumerate(["KE", "SN", "TD", "FR"])))
    imported("internet_use,,,world,WLD,2010,,,,,no_data,,ITU,")
    assert count() == few


class ContentOf(str):
    def __new__(cls, url):
        from django.test import Client

        response = Client().get(url)
        assert response.status_code == 200
        return super().__new__(cls, response.content.decode())
