"""The gap analysis: counts equal the registry's list for the same pair, gaps flagged as
documented, exports, and a constant number of queries."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.indicators.factories import imported, internet_use
from tests.stocktaking.factories import make_initiative
from wsis.indicators import gap
from wsis.stocktaking import listing
from wsis.stocktaking.choices import Status, StatusLight

pytestmark = pytest.mark.django_db

WORLD = "internet_use,Individuals using the Internet,percent,world,WLD,2024,,,,68,,,ITU,"


def registry(**filters) -> int:
    params = {key: [value] for key, value in filters.items()}
    params["status_light"] = StatusLight.values
    return listing.list_initiatives(params).count


@pytest.fixture
def registered():
    make_initiative(countries=["KE"], action_lines=["C2"])
    make_initiative(countries=["KE", "SN"], action_lines=["C2", "C7.e-health"])
    make_initiative(countries=["SN"], action_lines=["C4"])
    make_initiative(countries=["TD"], action_lines=["C2"], status=Status.SUBMITTED)
    imported(WORLD, internet_use("KE", "40"), internet_use("SN", "70"), internet_use("TD", "12"))


def test_counts_equal_the_registry_list_for_the_same_pair(registered):
    analysis = gap.analyse(area="country", line="C2")
    rows = {row.code: row for row in analysis.rows}
    for country in ("KE", "SN", "TD", "FR"):
        for line in ("C2", "C4", "C7"):
            assert rows[country].counts[line] == registry(country=country, action_line=line)
    assert rows["KE"].counts["C2"] == 2
    assert rows["SN"].counts["C7"] == 1  # a C7 sub-line counts under C7
    assert rows["TD"].counts["C2"] == 0  # not published
    assert rows["KE"].total == 2 and rows["SN"].total == 2
    regions = {row.code: row for row in gap.analyse(area="region", line="C2").rows}
    assert regions["AFR"].counts["C2"] == registry(region="AFR", action_line="C2") == 2


def test_a_gap_is_low_use_and_few_initiatives_in_the_line(registered):
    analysis = gap.analyse(area="country", line="C2", few=1)
    rows = {row.code: row for row in analysis.rows}
    assert analysis.threshold == Decimal("68") and analysis.threshold_year == 2024
    assert rows["TD"].is_gap  # 12 % and no published C2 initiative
    assert not rows["KE"].is_gap  # 40 %, but two C2 initiatives
    assert not rows["SN"].is_gap  # 70 %: above the world's figure
    assert not rows["FR"].is_gap and rows["FR"].internet_use is None  # no data is not a gap
    assert rows["KE"].internet_use == Decimal("40")
    # The bound is inclusive: Kenya's two C2 initiatives are "few" when few=2.
    assert {r.code for r in gap.analyse(line="C2", few=2).rows if r.is_gap} == {"KE", "TD"}
    assert {r.code for r in gap.analyse(line="C2", threshold=Decimal(10)).rows if r.is_gap} == set()


def test_no_data_is_never_read_as_a_low_figure():
    imported(WORLD, "internet_use,,,country,TD,2024,,,,,no_data,,ITU,")
    chad = next(row for row in gap.analyse().rows if row.code == "TD")
    assert chad.internet_use is None and chad.state == "no_data" and not chad.is_gap


def test_the_latest_reported_year_is_shown():
    imported(internet_use("KE", "20", 2020), internet_use("KE", "30", 2023))
    imported("internet_use,,,country,KE,2024,,,,,no_data,,ITU,")
    kenya = next(row for row in gap.analyse().rows if row.code == "KE")
    assert (kenya.internet_use, kenya.year) == (Decimal("30"), 2023)


def test_exports_carry_the_table(client, registered):
    response = client.get("/api/v1/indicators/gap-analysis/export?line=C2&format=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["KE"]["C2"] == "2" and rows["KE"]["internet_use"] == "40.0"
    assert rows["TD"]["gap"] == "gap:C2" and rows["FR"]["internet_use_state"] == "no_data"
    response = client.get("/api/v1/indicators/gap-analysis/export?line=C2&format=xlsx&lang=ar")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *lines = list(sheet.values)
    kenya = dict(zip(header, next(line for line in lines if line[1] == "KE"), strict=True))
    assert kenya["C2"] == 2 and kenya["internet_use"] == 40 and kenya["name"] == "كينيا"


@pytest.mark.parametrize(
    "url",
    [
        "/en/indicators/gaps/",
        "/en/indicators/gaps/?area=region&line=C4",
        "/api/v1/indicators/gap-analysis",
        "/en/indicators/countries/KE/",
        "/api/v1/indicators/countries/KE",
    ],
)
def test_queries_do_not_grow_with_rows(client, url):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_initiative(countries=["KE"], action_lines=["C2"])
    imported(WORLD, internet_use("KE", "40"))
    count()  # vocabularies and the facet index warm
    few = count()
    for index in range(4):
        make_initiative(
            title=f"Initiative {index}", countries=["KE", "SN"], action_lines=["C4", "C7.e-health"]
        )
    imported(internet_use("SN", "58"), internet_use("KE", "41", 2025), internet_use("TD", "12"))
    count()
    assert count() == few
