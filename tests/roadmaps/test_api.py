"""`/api/v1/roadmaps` over real HTTP, per role; its queries do not grow with rows."""

from datetime import date

import httpx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import UserFactory
from tests.roadmaps.factories import facilitator, make_roadmap, make_target, record
from tests.stocktaking.factories import make_initiative, moderator
from wsis.accounts.choices import Role
from wsis.accounts.services import issue_api_token
from wsis.roadmaps.models import Progress


@pytest.fixture
def api(live_server, live_vocabularies):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=30) as client:
        yield client


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_api_token(None, user)[1]}"}


def test_read_roadmaps(api):
    make_initiative(action_lines=["C2"], sdg_targets=["9.c"])
    make_roadmap(version=2023)
    roadmap = make_roadmap(version=2027)
    target = make_target(roadmap)
    record(target, date(2022, 1, 1), 53)
    record(target, date(2023, 1, 1), None)
    record(target, date(2024, 1, 1), 60)
    [listed] = api.get("/roadmaps").json()
    assert listed["action_line"] == "C2" and listed["version"] == 2023  # the first is current
    assert listed["versions"] == [2027, 2023] and listed["initiatives"] == 1
    detail = api.get("/roadmaps/C2", params={"version": 2027, "lang": "ar"}).json()
    assert detail["title"] == "خريطة طريق C2 2027" and not detail["is_current"]
    [got] = detail["targets"]
    assert got["status"] == "on_track" and got["indicator"]["code"] == "internet_use"
    assert [(p["date"], p["value"], p["state"]) for p in got["progress"]] == [
        ("2022-01-01", "53.0000", "reported"),
        ("2023-01-01", None, "no_data"),  # never a zero
        ("2024-01-01", "60.0000", "reported"),
    ]
    assert [(c["sdg_target"], c["initiatives"]) for c in detail["contributions"]] == [
        ("", 1),
        ("9.c", 1),
        ("17.8", 0),
    ]
    assert api.get("/roadmaps/C9").status_code == 404
    assert api.get("/roadmaps/C2", params={"version": 1999}).status_code == 404
    bad = api.get("/roadmaps/C2", params={"version": "soon"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "version"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("submitter", 403),
        ("other_facilitator", 403),
        ("facilitator", 201),
        ("moderator", 201),
    ],
)
def test_record_progress_per_role(api, who, status):
    target = make_target(make_roadmap("C2"))
    users = {
        "submitter": lambda: UserFactory(role=Role.SUBMITTER),
        "other_facilitator": lambda: facilitator("C4"),
        "facilitator": lambda: facilitator("C2"),
        "moderator": moderator,
    }
    headers = bearer(users[who]()) if who != "anonymous" else {}
    response = api.post(
        f"/roadmaps/targets/{target.pk}/progress",
        headers=headers,
        json={"date": "2024-01-01", "value": "60.5", "source": "ITU"},
    )
    assert response.status_code == status
    assert Progress.objects.count() == (1 if status == 201 else 0)
    if status == 201:
        assert response.json()["value"] == "60.5000"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2024-13-01", "value": 1}, "date"),
        ({"value": 1}, "date"),
        ({"date": "2019-01-01", "value": 1}, "date"),  # before the baseline
        ({"date": "2024-01-01"}, "value"),  # reported without a value
        ({"date": "2024-01-01", "value": "lots"}, "value"),
        ({"date": "2024-01-01", "state": "no_data", "value": 0}, "value"),
        ({"date": "2024-01-01", "state": "unknown", "value": 1}, "state"),
    ],
)
def test_bad_progress_answers_422_naming_the_field(api, body, field):
    target = make_target(make_roadmap("C2"))
    response = api.post(
        f"/roadmaps/targets/{target.pk}/progress", headers=bearer(moderator()), json=body
    )
    assert response.status_code == 422, response.text
    assert field in [error["loc"][-1] for error in response.json()["detail"]]
    assert not Progress.objects.exists()


def test_no_data_and_unknown_target(api):
    target = make_target(make_roadmap("C2"))
    headers = bearer(facilitator("C2"))
    url = f"/roadmaps/targets/{target.pk}/progress"
    response = api.post(url, headers=headers, json={"date": "2024-01-01", "state": "no_data"})
    assert response.status_code == 201 and response.json()["value"] is None
    again = api.post(url, headers=headers, json={"date": "2024-01-01", "value": 3})
    assert again.status_code == 422 and again.json()["detail"][0]["loc"] == ["body", "date"]
    body = {"date": "2024-01-01", "value": 1}
    missing = api.post("/roadmaps/targets/999999/progress", headers=headers, json=body)
    assert missing.status_code == 404 and "detail" in missing.json()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/roadmaps", "/api/v1/roadmaps/C2"])
def test_queries_do_not_grow_with_rows(client, url):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    from wsis.roadmaps import services

    roadmap = make_roadmap()
    record(make_target(roadmap), date(2024, 1, 1), 60)
    objective = services.add_objective(moderator(), roadmap, {"en": "First"})
    services.add_action(moderator(), objective, {"en": "Act"})
    count()
    few = count()
    make_roadmap("C4", sdg_targets=("4.4",))
    make_roadmap(version=2023)
    for _ in range(3):
        target = make_target(roadmap, sdg_targets=["5.b"])
        record(target, date(2023, 1, 1), None)
        record(target, date(2024, 1, 1), 61)
        services.add_action(moderator(), objective, {"en": "Act"})
    services.add_objective(moderator(), roadmap, {"en": "Second"})
    assert count() == few
