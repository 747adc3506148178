"""`PATCH /api/v1/roadmaps/targets/{id}`, `PATCH` and `DELETE /api/v1/roadmaps/progress/{id}`
over real HTTP, per role: refusals change nothing, bad input names its field, the status is
computed again after a correction, and the calls count against the progress rate limit."""

from datetime import date
from decimal import Decimal

import httpx
import pytest

from tests.accounts.factories import UserFactory
from tests.roadmaps.factories import (
    facilitator,
    make_roadmap,
    make_target,
    record,
    snapshot,
)
from tests.stocktaking.factories import moderator
from wsis.accounts.choices import Role
from wsis.accounts.services import issue_api_token
from wsis.api.models import RateCounter
from wsis.roadmaps import services
from wsis.roadmaps.models import Progress, Target

USERS = {
    "submitter": lambda: UserFactory(role=Role.SUBMITTER),
    "other_facilitator": lambda: facilitator("C4"),
    "facilitator": lambda: facilitator("C2"),
    "moderator": moderator,
}


@pytest.fixture
def api(live_server, live_vocabularies):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=30) as client:
        yield client


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_api_token(None, user)[1]}"}


def a_target():
    target = make_target(make_roadmap("C2"))
    return target, record(target, date(2024, 1, 1), Decimal(57))


def fields(response) -> list[str]:
    assert response.status_code == 422, response.text
    return [error["loc"][-1] for error in response.json()["detail"]]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("submitter", 403),
        ("other_facilitator", 403),
        ("facilitator", 200),
        ("moderator", 200),
    ],
)
def test_every_endpoint_per_role(api, who, status):
    target, progress = a_target()
    headers = bearer(USERS[who]()) if who != "anonymous" else {}
    before = snapshot()
    changed = api.patch(
        f"/roadmaps/targets/{target.pk}",
        headers=headers,
        json={"target_value": "90", "text": {"fr": "Tous en ligne"}, "sdg_targets": ["9.c"]},
    )
    corrected = api.patch(
        f"/roadmaps/progress/{progress.pk}", headers=headers, json={"value": "60", "note": "Rev."}
    )
    assert (changed.status_code, corrected.status_code) == (status, status)
    if status != 200:
        # Refused before the input is looked at, and nothing changed.
        bad = api.patch(f"/roadmaps/targets/{target.pk}", headers=headers, json={"sex": "x"})
        assert bad.status_code in (status, 422)
        assert api.delete(f"/roadmaps/progress/{progress.pk}", headers=headers).status_code == (
            status
        )
        assert snapshot() == before
        return
    body = changed.json()
    assert body["target_value"] == "90.0000" and body["sdg_targets"] == ["9.c"]
    assert body["status"] == "at_risk"  # 57 in 2024 against 50 → 90 by 2040
    assert Target.objects.get().text == {"en": "Everyone online", "ar": "الجميع متصلون"} | {
        "fr": "Tous en ligne"
    }
    assert corrected.json()["value"] == "60.0000" and corrected.json()["note"] == "Rev."
    assert corrected.json()["source"] == "Test source"  # not given: kept
    [got] = api.get("/roadmaps/C2").json()["targets"]
    assert got["status"] == "on_track"  # the corrected value is on the way
    removed = api.delete(f"/roadmaps/progress/{progress.pk}", headers=headers)
    assert removed.status_code == 200 and "detail" in removed.json()
    assert not Progress.objects.exists()
    assert api.get("/roadmaps/C2").json()["targets"][0]["status"] == "no_data"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"target_value": "40"}, "target_value"),  # not beyond the baseline
        ({"target_value": None}, "target_value"),
        ({"target_date": "2019-01-01"}, "target_date"),
        ({"baseline_date": "2024-06-01"}, "baseline_date"),  # after a recorded value
        ({"indicator": "nothing"}, "indicator"),
        ({"objective": 999999}, "objective"),
        ({"direction": "sideways"}, "direction"),
        ({"sdg_targets": ["99.z"]}, "sdg_targets"),
        ({"text": {"xx": "?"}}, "text"),
        ({"area_code": "X" * 11}, "area_code"),
    ],
)
def test_a_bad_target_change_names_the_field(api, body, field):
    target, _ = a_target()
    before = snapshot()
    response = api.patch(f"/roadmaps/targets/{target.pk}", headers=bearer(moderator()), json=body)
    assert field in fields(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2023-01-01"}, "date"),  # another value's date
        ({"date": "2019-01-01"}, "date"),
        ({"date": None}, "date"),
        ({"value": "lots"}, "value"),
        ({"value": None}, "value"),
        ({"state": "no_data", "value": 1}, "value"),
        ({"state": "unknown"}, "state"),
    ],
)
def test_a_bad_correction_names_the_field(api, body, field):
    target, progress = a_target()
    record(target, date(2023, 1, 1), None)
    before = snapshot()
    url = f"/roadmaps/progress/{progress.pk}"
    assert field in fields(api.patch(url, headers=bearer(moderator()), json=body))
    assert snapshot() == before


def test_no_data_unknown_ids_and_the_rate_limit(api):
    target, progress = a_target()
    headers = bearer(facilitator("C2"))
    url = f"/roadmaps/progress/{progress.pk}"
    response = api.patch(url, headers=headers, json={"state": "no_data"})
    assert response.status_code == 200 and response.json()["value"] is None
    for missing in (
        api.patch("/roadmaps/progress/999999", headers=headers, json={"value": 1}),
        api.delete("/roadmaps/progress/999999", headers=headers),
        api.patch("/roadmaps/targets/999999", headers=headers, json={}),
    ):
        assert missing.status_code == 404 and "detail" in missing.json()
    RateCounter.objects.filter(name__startswith="roadmap-progress").update(hits=600)
    assert api.patch(url, headers=headers, json={"value": 1}).status_code == 429
    assert api.delete(url, headers=headers).status_code == 429
    assert api.patch(f"/roadmaps/targets/{target.pk}", headers=headers, json={}).status_code == 429
    assert Progress.objects.get().value is None


def test_an_objective_is_set_and_unset(api):
    target, _ = a_target()
    objective = services.add_objective(moderator(), target.roadmap, {"en": "Connect"})
    headers = bearer(moderator())
    url = f"/roadmaps/targets/{target.pk}"
    assert api.patch(url, headers=headers, json={"objective": objective.pk}).status_code == 200
    assert Target.objects.get().objective == objective
    assert api.patch(url, headers=headers, json={"objective": None}).status_code == 200
    assert Target.objects.get().objective is None


@pytest.mark.django_db
def test_a_browser_session_may_correct(client):
    _, progress = a_target()
    url = f"/api/v1/roadmaps/progress/{progress.pk}"
    assert client.patch(url, {"value": 60}, content_type="application/json").status_code == 401
    client.force_login(facilitator("C2"))
    response = client.patch(url, {"value": 60}, content_type="application/json")
    assert response.status_code == 200 and Progress.objects.get().value == 60
