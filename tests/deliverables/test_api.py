"""`/api/v1/deliverables` over real HTTP, per role."""

import httpx
import pytest

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import moderator
from wsis.accounts.services import issue_api_token
from wsis.deliverables import services
from wsis.deliverables.models import Deliverable

pytestmark = pytest.mark.usefixtures("live_vocabularies")


@pytest.fixture
def api(live_server):
    services.load_shipped()
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=30) as client:
        yield client


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_api_token(None, user)[1]}"}


def test_the_calendar_and_its_updates(api):
    listed = api.get("/deliverables", params={"lang": "ar"}).json()
    assert [d["due_date"] for d in listed] == sorted(d["due_date"] for d in listed)
    wsis30 = next(d for d in listed if d["code"] == "wsis-30-review")
    assert wsis30["body_name"] == "الجمعية العامة للأمم المتحدة"
    assert wsis30["source"].endswith(":L371") and wsis30["due_date"].startswith("2035")
    owner = UserFactory()
    services.assign_owners(moderator(), Deliverable.objects.get(code="gdc-review-2027"), [owner])
    url = "/deliverables/gdc-review-2027/status"
    assert api.post(url, json={"status": "in_progress"}).status_code == 401
    refused = api.post(url, json={"status": "in_progress"}, headers=bearer(UserFactory()))
    assert refused.status_code == 403
    bad = api.post(url, json={"status": "finished"}, headers=bearer(owner))
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "status"
    ok = api.post(url, json={"status": "in_progress"}, headers=bearer(owner))
    assert ok.status_code == 200 and ok.json()["status"] == "in_progress"
    done = api.post("/deliverables/gdc-review-2027/deliveries", headers=bearer(owner))
    assert done.json()["status"] == "delivered"
    assert api.get("/deliverables", params={"status": "delivered"}).json()[0]["code"] == (
        "gdc-review-2027"
    )
    assert api.post("/deliverables/nothing/deliveries", headers=bearer(owner)).status_code == 404
