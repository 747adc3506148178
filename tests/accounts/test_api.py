"""Bearer tokens over real HTTP."""

import httpx
import pytest

from tests.accounts.factories import UserFactory
from wsis.accounts import services
from wsis.accounts.choices import Role
from wsis.taxonomy.models import ActionLine

pytestmark = pytest.mark.usefixtures("live_vocabularies")


@pytest.fixture
def api(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=20) as client:
        yield client


def test_me_with_and_without_a_token(api):
    user = UserFactory(email="facilitator@unesco.example")
    services.set_role(None, user, Role.FACILITATOR, ActionLine.objects.filter(code="C3"))
    token, raw = services.issue_api_token(None, user)

    assert api.get("/me").status_code == 401
    assert api.get("/me", headers={"Authorization": "Bearer wsis_forged"}).status_code == 401
    response = api.get("/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json() == {
        "email": "facilitator@unesco.example",
        "role": "facilitator",
        "organisation": None,
        "action_lines": ["C3"],
    }
    services.revoke_api_token(None, token)
    assert api.get("/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
