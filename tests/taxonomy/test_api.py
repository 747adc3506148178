"""The vocabulary endpoints over real HTTP against a live server."""

import httpx
import pytest

pytestmark = pytest.mark.usefixtures("live_vocabularies")


@pytest.fixture
def api(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1/taxonomy", timeout=20) as client:
        yield client


def test_every_vocabulary_endpoint_answers_codes_and_names(api):
    sizes = {
        "/action-lines": 11,
        "/prize-categories": 18,
        "/sdg/goals": 17,
        "/sdg/targets": 169,
        "/gdc-objectives": 5,
        "/stakeholder-types": 7,
        "/regions": 7,
        "/country-groups": 3,
    }
    for path, size in sizes.items():
        response = api.get(path)
        assert response.status_code == 200, path
        body = response.json()
        assert len(body) == size, path
        assert all(entry["code"] and entry["name"] for entry in body), path
    assert len(api.get("/sdg/indicators").json()) >= 231
    assert len(api.get("/target-groups").json()) >= 10
    countries = api.get("/countries").json()
    assert 245 <= len(countries) <= 250
    assert {c["itu_region"] for c in countries} == {"AFR", "AMS", "ARB", "ASP", "CIS", "EUR"}


def test_language_from_query_or_accept_language(api):
    arabic = {c["code"]: c["name"] for c in api.get("/action-lines", params={"lang": "ar"}).json()}
    assert arabic["C4"] == "بناء القدرات"
    french = api.get("/sdg/goals", headers={"Accept-Language": "fr-CH, fr;q=0.9"}).json()
    assert french[0]["name"].startswith("Éliminer la pauvreté")
    chinese = {c["code"]: c["name"] for c in api.get("/countries", params={"lang": "zh"}).json()}
    assert chinese["CN"] == "中国"
    assert "مصر" in api.get("/countries", params={"lang": "ar"}).text  # UTF-8, not \\u escapes


def test_names_fall_back_to_english(api):
    # The GDC objectives have no official Russian wording in the reference data.
    russian = api.get("/gdc-objectives", params={"lang": "ru"}).json()
    english = api.get("/gdc-objectives", params={"lang": "en"}).json()
    assert [o["name"] for o in russian] == [o["name"] for o in english]


def test_filters(api):
    targets = api.get("/sdg/targets", params={"goal": 9}).json()
    assert [t["code"] for t in targets][-3:] == ["9.a", "9.b", "9.c"]
    ldcs = api.get("/countries", params={"group": "LDC"}).json()
    assert len(ldcs) == 44 and all("LDC" in c["groups"] for c in ldcs)
    arab_states = api.get("/countries", params={"region": "ARB"}).json()
    assert {"EG", "SA", "MA"} <= {c["code"] for c in arab_states}


def test_bad_parameters_name_the_field(api):
    response = api.get("/countries", params={"lang": "xx"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "lang"]
    assert api.get("/sdg/targets", params={"goal": "nine"}).status_code == 422
