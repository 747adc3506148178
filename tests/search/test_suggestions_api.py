"""`POST /api/v1/suggestions` over real HTTP: tags for a text in any language, possible
duplicates, validation and rate limits."""

import httpx
import pytest
from django.core.cache import cache

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import make_initiative
from wsis.accounts.services import issue_api_token
from wsis.search import vectors
from wsis.search.api import ANONYMOUS_RATE

pytestmark = pytest.mark.usefixtures("live_vocabularies")

# Texts written for these tests: one clear prize category each, in six languages.
TEXTS = {
    "C7-e-health": (
        "ar",
        "عيادات متنقلة موصولة بالمستشفى الجامعي",
        "يتصل الممرضون في القرى الجبلية بأطباء المستشفى عبر الفيديو لتشخيص المرضى ومتابعة "
        "الحوامل والمصابين بالسكري، وتُحفظ الملفات الطبية إلكترونياً.",
    ),
    "C7-e-agriculture": (
        "fr",
        "Conseils agricoles par SMS",
        "Les producteurs de mil reçoivent sur leur téléphone les prévisions de pluie, les prix "
        "des marchés et des conseils pour lutter contre les ravageurs des cultures.",
    ),
    "C5": (
        "ru",
        "Центр реагирования на компьютерные инциденты",
        "Национальная группа реагирования помогает банкам и больницам отражать кибератаки, "
        "расследует утечки данных и предупреждает о новых уязвимостях.",
    ),
    "C7-e-learning": (
        "es",
        "Clases de matemáticas en línea para secundaria",
        "Una plataforma con vídeos, ejercicios y tutorías por internet permite a los alumnos de "
        "escuelas rurales seguir el programa de matemáticas y ciencias.",
    ),
    "C2": (
        "zh",
        "偏远山区光纤和移动基站建设",
        "运营商在偏远山区铺设光纤并建设太阳能移动基站，让三百个村庄接入宽带网络。",
    ),
    "C9": (
        "en",
        "Community radio stations go digital",
        "Twenty community radio stations received digital studios and training in local "
        "journalism, and now stream their programmes and news online.",
    ),
}


@pytest.fixture
def api(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=60) as client:
        yield client


def suggest(api, title="", text="", headers=None):
    return api.post("/suggestions", json={"title": title, "text": text}, headers=headers or {})


def test_the_category_of_a_text_in_each_language_is_suggested_first_or_close(api):
    for category, (_language, title, text) in TEXTS.items():
        response = suggest(api, title, text)
        assert response.status_code == 200, response.text
        body = response.json()
        codes = [item["code"] for item in body["prize_categories"]]
        assert category in codes[:2], (category, codes[:3])
        assert len(codes) == len(set(codes)) == 18
        scores = [item["score"] for item in body["prize_categories"]]
        assert scores == sorted(scores, reverse=True)
        assert sum(scores) == pytest.approx(1.0, abs=0.01)
        assert len(body["sdg_targets"]) == 10
        assert len(body["gdc_objectives"]) == 5 and len(body["sdg_goals"]) == 17


def test_a_health_text_gets_health_lines_goals_and_targets(api):
    _language, title, text = TEXTS["C7-e-health"]
    body = suggest(api, title, text).json()
    assert body["prize_categories"][0]["code"] == "C7-e-health"
    lines = [item["code"] for item in body["action_lines"]]
    assert lines.index("C7.e-health") <= 1 and "C7" in lines[:2]  # C7 sums its sub-lines
    assert body["sdg_goals"][0]["code"] == "3"
    assert any(item["code"].startswith("3.") for item in body["sdg_targets"][:3])


def test_a_copy_of_a_published_initiative_is_a_possible_duplicate(api):
    published = make_initiative(
        title="Solar-powered community networks in the Andes",
        summary="Villagers build and run wireless networks with relays on solar power.",
    )
    vectors.embed([published.pk])
    body = suggest(api, published.title, published.summary).json()
    assert [d["id"] for d in body["possible_duplicates"]] == [published.pk]
    assert body["possible_duplicates"][0]["similarity"] > 0.9
    body = suggest(api, *TEXTS["C5"][1:]).json()
    assert body["possible_duplicates"] == []


def test_an_empty_text_is_refused_naming_the_field(api):
    response = suggest(api, " ", "")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "text"
    assert api.post("/suggestions", json={"text": "x" * 20001}).status_code == 422


def test_anonymous_callers_are_limited_signed_in_ones_are_not(api):
    cache.clear()  # the allowance is counted in the shared cache, per address
    allowed = int(ANONYMOUS_RATE.split("/")[0])
    statuses = [suggest(api, text="radio").status_code for _ in range(allowed + 1)]
    assert statuses[:allowed] == [200] * allowed and statuses[-1] == 429
    token = issue_api_token(None, UserFactory())[1]
    headers = {"Authorization": f"Bearer {token}"}
    statuses = {suggest(api, text="radio", headers=headers).status_code for _ in range(allowed + 5)}
    assert statuses == {200}
