"""`/api/v1/initiatives` over real HTTP, per role."""

import httpx
import pytest

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import initiative_data, make_initiative, moderator
from wsis.accounts.services import issue_api_token
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative

pytestmark = pytest.mark.usefixtures("live_vocabularies")


@pytest.fixture
def api(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=30) as client:
        yield client


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_api_token(None, user)[1]}"}


def errors(response) -> dict:
    """Field → message of a 422 answer."""
    return {e["loc"][-1]: e["msg"] for e in response.json()["detail"]}


def test_create_submit_approve_and_find(api):
    owner, mod = UserFactory(), moderator()
    response = api.post(
        "/initiatives",
        headers=bearer(owner),
        json=initiative_data(
            title="منصة الصحة الإلكترونية للقرى",
            language="ar",
            action_lines=["C7.e-health"],
            sdg_targets=["3.8"],
            countries=["EG", "JO"],
        ),
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["status"] == "draft" and created["action_lines"] == ["C7.e-health"]
    pk = created["id"]
    assert api.get(f"/initiatives/{pk}").status_code == 404  # drafts are private
    assert api.get(f"/initiatives/{pk}", headers=bearer(owner)).status_code == 200
    assert (
        api.post(f"/initiatives/{pk}/submit", headers=bearer(owner)).json()["status"] == "submitted"
    )
    response = api.post(f"/initiatives/{pk}/approve", headers=bearer(mod), json={})
    assert response.status_code == 200 and response.json()["status"] == "published"

    found = api.get("/initiatives", params={"q": "الصِّحَّة الالكترونيه"}).json()
    assert [r["id"] for r in found["results"]] == [pk]
    assert found["facets"]["action_line"] == {"C7.e-health": 1, "C7": 1}
    assert found["facets"]["region"] == {"ARB": 1}
    detail = api.get(f"/initiatives/{pk}").json()
    assert {"kind": "action_line", "code": "C7.e-health", "origin": "submitter"}.items() <= detail[
        "tags"
    ][0].items()


def test_a_second_approval_is_a_conflict(api):
    mod = moderator()
    initiative = make_initiative(moderated_by=mod)
    response = api.post(f"/initiatives/{initiative.pk}/approve", headers=bearer(mod), json={})
    assert response.status_code == 409
    assert "not awaiting moderation" in response.text


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"title": None}, "title"),
        ({"summary": "word " * 201}, "summary"),
        ({"action_lines": ["C99"]}, "action_lines"),
        ({"start_date": "2025-01-01", "end_date": "2024-01-01"}, "end_date"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_input_is_answered_422_with_the_field(api, changes, field):
    owner = UserFactory()
    payload = {k: v for k, v in (initiative_data() | changes).items() if v is not None}
    response = api.post("/initiatives", headers=bearer(owner), json=payload)
    assert response.status_code == 422
    assert field in errors(response)
    assert not Initiative.objects.filter(owner=owner).exists()


def test_errors_come_in_the_callers_language(api):
    response = api.post(
        "/initiatives",
        headers=bearer(UserFactory()) | {"Accept-Language": "fr"},
        json=initiative_data(summary="mot " * 201),
    )
    assert "201" in errors(response)["summary"] and "mots" in errors(response)["summary"]


def test_someone_elses_token_cannot_touch_my_draft(api):
    initiative = make_initiative(status=Status.DRAFT)
    intruder = bearer(UserFactory())
    assert api.post(f"/initiatives/{initiative.pk}/submit", headers=intruder).status_code == 404
    assert (
        api.patch(
            f"/initiatives/{initiative.pk}", headers=intruder, json={"title": "Mine now"}
        ).status_code
        == 404
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT and initiative.title.startswith("Community")


def test_a_submitter_cannot_moderate_their_own_initiative(api):
    initiative = make_initiative(status=Status.SUBMITTED)
    response = api.post(
        f"/initiatives/{initiative.pk}/approve", headers=bearer(initiative.owner), json={}
    )
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED


def test_changes_need_a_token(api):
    assert api.post("/initiatives", json=initiative_data()).status_code == 401
    assert not Initiative.objects.exists()


def test_request_changes_then_patch_and_resubmit(api):
    initiative = make_initiative(status=Status.SUBMITTED)
    owner = bearer(initiative.owner)
    response = api.post(
        f"/initiatives/{initiative.pk}/request-changes",
        headers=bearer(moderator()),
        json={"comment": "Add the figures for 2024."},
    )
    assert response.json()["status"] == "changes_requested"
    response = api.patch(
        f"/initiatives/{initiative.pk}",
        headers=owner,
        json={"description": "In 2024, 4,100 people used the network."},
    )
    assert response.status_code == 200 and "4,100" in response.json()["description"]
    assert api.post(f"/initiatives/{initiative.pk}/submit", headers=owner).status_code == 200


def test_progress_reports(api):
    initiative = make_initiative()
    response = api.post(
        f"/initiatives/{initiative.pk}/progress-reports",
        headers=bearer(initiative.owner),
        json={"year": 2025, "achieved": "Two more villages.", "figures": "14 villages"},
    )
    assert response.status_code == 201
    again = api.post(
        f"/initiatives/{initiative.pk}/progress-reports",
        headers=bearer(initiative.owner),
        json={"year": 2025, "achieved": "Again."},
    )
    assert again.status_code == 409
    assert (
        api.post(
            f"/initiatives/{initiative.pk}/progress-reports",
            headers=bearer(UserFactory()),
            json={"year": 2025, "achieved": "x"},
        ).status_code
        == 403
    )


def test_filters_facets_and_pages(api):
    make_initiative(title="Telemedicine in Bolivia", countries=["BO"], action_lines=["C7.e-health"])
    make_initiative(
        title="Coding clubs in Senegal",
        countries=["SN"],
        action_lines=["C4"],
        language="fr",
        target_groups=["youth"],
    )
    make_initiative(status=Status.SUBMITTED, title="Not public yet")
    everything = api.get("/initiatives").json()
    assert everything["count"] == 2
    assert everything["facets"]["country"] == {"BO": 1, "SN": 1}
    africa = api.get("/initiatives", params={"region": "AFR"}).json()
    assert [r["title"] for r in africa["results"]] == ["Coding clubs in Senegal"]
    both = api.get("/initiatives", params=[("country", "BO"), ("country", "SN")]).json()
    assert both["count"] == 2
    assert (
        api.get("/initiatives", params={"country": "BO", "target_group": "youth"}).json()["count"]
        == 0
    )
    page = api.get("/initiatives", params={"page_size": 1, "page": 2, "sort": "title"}).json()
    assert [r["title"] for r in page["results"]] == ["Telemedicine in Bolivia"]
    assert api.get("/initiatives", params={"page_size": 1000}).status_code == 422
    assert api.get("/initiatives", params={"action_line": "C99"}).status_code == 422


def test_translations_are_shown_in_the_readers_language(api):
    initiative = make_initiative(title="Télécentres pour les femmes", language="fr")
    owner_headers = bearer(initiative.owner)
    response = api.put(
        f"/initiatives/{initiative.pk}/translations/en",
        headers=owner_headers,
        json={"title": "Telecentres for women", "summary": "Connected telecentres."},
    )
    assert response.status_code == 403  # published: only moderators change it now
    mod = bearer(moderator())
    response = api.put(
        f"/initiatives/{initiative.pk}/translations/en",
        headers=mod,
        json={"title": "Telecentres for women", "summary": "Connected telecentres."},
    )
    assert response.status_code == 200 and response.json()["translations"] == ["en"]
    english = api.get(f"/initiatives/{initiative.pk}", headers={"Accept-Language": "en"}).json()
    assert english["title"] == "Telecentres for women"
    assert english["title_original"] == "Télécentres pour les femmes"
    arabic = api.get(f"/initiatives/{initiative.pk}", headers={"Accept-Language": "ar"}).json()
    assert arabic["title"] == "Télécentres pour les femmes"  # no Arabic version: the original
    assert api.get("/initiatives", params={"q": "women telecentres"}).json()["count"] == 1
    bad = api.put(
        f"/initiatives/{initiative.pk}/translations/fr",
        headers=mod,
        json={"title": "x", "summary": "y"},
    )
    assert bad.status_code == 422 and errors(bad)["language"]


def test_unknown_api_addresses_answer_json(api):
    for method in ("get", "patch", "post"):
        response = api.request(method, "/initiatives/not-a-number")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}
