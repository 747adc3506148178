"""Roadmap pages: what they show (status, chart with gaps for no data, links and counts that
equal the registry's list), the progress form per role, and constant queries."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import PASSWORD, UserFactory
from tests.roadmaps.factories import facilitator, make_roadmap, make_target, record
from tests.stocktaking.factories import make_initiative, moderator
from wsis.accounts.choices import Role
from wsis.roadmaps import services
from wsis.roadmaps.models import Progress
from wsis.stocktaking import listing
from wsis.stocktaking.choices import Status

pytestmark = pytest.mark.django_db


def chart_of(content: str, target) -> dict:
    found = re.search(
        rf'<script id="chart-{target.pk}" type="application/json">(.*?)</script>', content
    )
    return json.loads(found.group(1))


def test_roadmap_page_shows_status_and_no_data_as_a_gap(client):
    roadmap = make_roadmap()
    target = make_target(roadmap)
    record(target, date(2022, 1, 1), Decimal(53))
    record(target, date(2023, 1, 1), None)
    record(target, date(2024, 1, 1), Decimal(60))
    empty = make_target(roadmap, text={"en": "Nothing measured"})
    record(empty, date(2024, 1, 1), None)
    response = client.get("/en/roadmaps/C2/")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="on_track">On track<' in content
    assert 'data-status="no_data">No data<' in content
    chart = chart_of(content, target)
    assert chart["values"] == [
        ["2020-01-01", 50.0],
        ["2022-01-01", 53.0],
        ["2023-01-01", None],  # no data: a gap, never a zero
        ["2024-01-01", 60.0],
    ]
    assert chart["path"] == [["2020-01-01", 50.0], ["2040-01-01", 100.0]]
    assert chart_of(content, empty)["values"][1] == ["2024-01-01", None]
    assert "/en/indicators/internet_use/" in content


def test_arabic_page_is_right_to_left_and_translated(client):
    make_target(make_roadmap())
    content = client.get("/ar/roadmaps/C2/").content.decode()
    assert 'dir="rtl"' in content and "خريطة طريق C2 2027" in content


def test_versions_switch(client):
    make_roadmap(version=2023)
    make_roadmap(version=2027)
    assert "C2 roadmap 2023" in client.get("/en/roadmaps/C2/").content.decode()  # first is current
    older = client.get("/en/roadmaps/C2/?version=2027").content.decode()
    assert "C2 roadmap 2027" in older and "earlier version" in older
    assert client.get("/en/roadmaps/C2/?version=1999").status_code == 404
    assert client.get("/en/roadmaps/C9/").status_code == 404
    assert client.get("/en/roadmaps/NOPE/").status_code == 404


def registry_count(url: str) -> int:
    from django.http import QueryDict

    return listing.list_initiatives(QueryDict(url.split("?", 1)[1])).count


def test_contribution_counts_equal_the_registry_list(client):
    make_initiative(action_lines=["C2"], sdg_targets=["9.c"])
    make_initiative(action_lines=["C2", "C4"], sdg_targets=["17.8"])
    make_initiative(action_lines=["C4"], sdg_targets=["9.c"])
    make_initiative(action_lines=["C2"], sdg_targets=["9.c"], status=Status.SUBMITTED)
    roadmap = make_roadmap()
    make_target(roadmap)  # names 17.8
    response = client.get("/en/roadmaps/C2/")
    found = response.context["contribution"], *response.context["by_sdg_target"]
    assert [(c.code, c.count) for c in found] == [("", 2), ("9.c", 1), ("17.8", 1)]
    for contribution in found:
        assert contribution.count == registry_count(contribution.url)
        assert client.get(contribution.url).context["page"].count == contribution.count
    assert f'href="{found[1].url.replace("&", "&amp;")}"' in response.content.decode()


def test_list_page(client):
    make_initiative(action_lines=["C2"])
    make_target(make_roadmap("C2"))
    response = client.get("/en/roadmaps/")
    content = response.content.decode()
    assert "C2 roadmap 2027" in content and "No roadmap yet" in content
    [c2] = [row for row in response.context["rows"] if row[0].code == "C2"]
    assert c2[4] == 1 == registry_count(c2[5])
    assert c2[3] == [("no_data", "No data", 1)]
    assert client.get("/ar/roadmaps/").status_code == 200


@pytest.mark.parametrize("url", ["/en/roadmaps/", "/en/roadmaps/C2/"])
def test_queries_do_not_grow_with_rows(client, url):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    roadmap = make_roadmap()
    record(make_target(roadmap), date(2024, 1, 1), 60)
    objective = services.add_objective(moderator(), roadmap, {"en": "First"})
    services.add_action(moderator(), objective, {"en": "Act"}, {"en": "Result"}, "P", "2026")
    count()
    few = count()
    make_roadmap(version=2023)
    make_roadmap("C4", sdg_targets=("4.4",))
    for _ in range(3):
        target = make_target(roadmap, sdg_targets=["5.b"])
        record(target, date(2023, 1, 1), None)
        record(target, date(2024, 1, 1), 61)
    objective = services.add_objective(moderator(), roadmap, {"en": "More"})
    services.add_action(moderator(), objective, {"en": "Act"}, {"en": "Result"}, "P", "2026")
    services.add_action(moderator(), objective, {"en": "Act"}, {"en": "Result"}, "P", "2026")
    assert count() == few


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 403),
        ("submitter", 403),
        ("other_facilitator", 403),
        ("facilitator", 200),
        ("moderator", 200),
    ],
)
def test_progress_form_per_role(client, who, expected):
    target = make_target(make_roadmap("C2"))
    users = {
        "submitter": lambda: UserFactory(role=Role.SUBMITTER),
        "other_facilitator": lambda: facilitator("C4"),
        "facilitator": lambda: facilitator("C2"),
        "moderator": moderator,
    }
    if who != "anonymous":
        login(client, users[who]())
    url = f"/en/roadmaps/targets/{target.pk}/progress/"
    assert client.get(url).status_code == expected
    response = client.post(url, {"date": "2024-01-01", "state": "reported", "value": "60"})
    assert response.status_code == (302 if expected == 200 else 403)
    assert Progress.objects.count() == (1 if expected == 200 else 0)
    page = client.get("/en/roadmaps/C2/").content.decode()
    assert ("Record progress" in page) == (expected == 200)
    # The history names its actors: shown only to those who may change the roadmap.
    assert ("Recent changes" in page) == (expected == 200)
    if expected == 200:
        assert 'Progress recorded (<span dir="ltr">2024-01-01</span>)' in page


def test_progress_form_errors_are_translated_and_keep_the_input(client):
    target = make_target(make_roadmap("C2"))
    login(client, facilitator("C2"))
    url = f"/ar/roadmaps/targets/{target.pk}/progress/"
    response = client.post(
        url, {"date": "2019-06-01", "state": "reported", "value": "61.5", "source": "مصدر"}
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert 'value="61.5"' in content and 'value="مصدر"' in content
    assert "invalid-feedback" in content and "2020-01-01" in content
    assert not Progress.objects.exists()
    response = client.post(url, {"date": "2024-01-01", "state": "reported", "value": ""})
    assert response.status_code == 422 and not Progress.objects.exists()
    response = client.post(url, {"date": "2024-01-01", "state": "no_data", "value": ""})
    assert response.status_code == 302
    assert Progress.objects.get().value is None


def test_a_c7_sub_line_has_its_own_roadmap_page(client):
    make_initiative(action_lines=["C7.e-health"], sdg_targets=["3.8"])
    make_target(make_roadmap("C7.e-health", sdg_targets=("3.8",)))
    response = client.get("/en/roadmaps/C7.e-health/")
    assert response.status_code == 200
    assert [
        (c.code, c.count)
        for c in (response.context["contribution"], *response.context["by_sdg_target"])
    ] == [("", 1), ("3.8", 1), ("17.8", 0)]
    assert "C7.e-health" in client.get("/en/roadmaps/").content.decode()
