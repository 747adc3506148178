"""Exports over real HTTP: the same filters as the list, every row, four formats."""

import csv
import io
import json

import httpx
import pytest
from openpyxl import load_workbook

from tests.stocktaking.factories import make_initiative
from wsis.stocktaking.choices import Status

pytestmark = pytest.mark.usefixtures("live_vocabularies")


@pytest.fixture
def api(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=30) as client:
        yield client


@pytest.fixture
def registry():
    return [
        make_initiative(
            title="الصحة الإلكترونية في الواحات",
            language="ar",
            countries=["EG"],
            action_lines=["C7.e-health"],
            sdg_targets=["3.8"],
        ),
        make_initiative(title='=HYPERLINK("http://evil.example")', countries=["SN"]),
        make_initiative(title="Coding clubs", countries=["SN"], target_groups=["youth"]),
        make_initiative(title="Draft, not exported", status=Status.DRAFT),
    ]


def test_csv_has_every_matching_row_with_codes_and_names(api, registry):
    response = api.get("/initiatives/export", params={"format": "csv", "lang": "fr"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert [r["title"] for r in rows] == [i.title for i in registry[:3]]
    first = rows[0]
    assert first["action_lines"] == "C7.e-health" and first["action_line_names"] == "Cybersanté"
    assert first["country_names"] == "Égypte" and first["sdg_goals"] == "3"
    assert first["url"].endswith(f"/fr/initiatives/{registry[0].pk}/")


def test_filters_apply_as_on_the_list(api, registry):
    response = api.get(
        "/initiatives/export", params={"format": "jsonl", "country": "SN", "target_group": "youth"}
    )
    lines = response.text.splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["Coding clubs"]
    assert api.get("/initiatives/export", params={"country": "XX"}).status_code == 422


def test_json_and_xlsx(api, registry):
    data = api.get("/initiatives/export", params={"format": "json"}).json()
    assert len(data) == 3 and data[2]["target_groups"] == ["youth"]
    response = api.get("/initiatives/export", params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["initiatives"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["id", "url", "title"] and len(values) == 4
    assert values[1][2] == "الصحة الإلكترونية في الواحات"
    # A title that looks like a formula stays text.
    cell = next(row for row in sheet.iter_rows() if row[0].value == registry[1].pk)[2]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


def test_unknown_format_names_the_field(api):
    response = api.get("/initiatives/export", params={"format": "pdf"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == [
        "query",
        "format",
    ]
