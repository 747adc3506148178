"""`/api/v1/indicators` over real HTTP, per role."""

import httpx
import pytest

from tests.accounts.factories import UserFactory
from tests.indicators.factories import csv_file, internet_use
from tests.stocktaking.factories import make_initiative, moderator
from wsis.accounts.choices import Role
from wsis.accounts.services import issue_api_token
from wsis.indicators import services
from wsis.indicators.models import Observation

pytestmark = pytest.mark.usefixtures("live_vocabularies")


@pytest.fixture
def api(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=30) as client:
        yield client


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_api_token(None, user)[1]}"}


def upload(api, user, content: bytes, **data):
    return api.post(
        "/indicators/imports",
        headers=bearer(user) if user else {},
        files={"file": ("values.csv", content, "text/csv")},
        data=data,
    )


def test_read_indicators_series_targets_and_no_data(api):
    services.load_sources()
    indicators = api.get("/indicators", params={"lang": "ar"}).json()
    use = next(i for i in indicators if i["code"] == "internet_use")
    assert use["name"] == "الأفراد الذين يستخدمون الإنترنت" and use["observations"] == 10
    series = api.get("/indicators/internet_use", params={"area": "WLD", "sex": "female"}).json()
    assert [(r["year"], r["value"]) for r in series["results"]] == [
        (2024, "65.0000"),
        (2025, "71.0000"),
    ]
    assert series["count"] == 2
    by_income = api.get("/indicators/internet_use", params={"area_type": "income_group"}).json()
    assert {r["area_code"]: r["value"] for r in by_income["results"]} == {
        "HIC": "94.0000",
        "LIC": "23.0000",
    }
    targets = api.get("/indicators/targets", params={"framework": "geneva_2003"}).json()
    assert len(targets) == 10
    assert targets[2]["status_state"] == "no_global_data"
    assert targets[7]["status_state"] == "blank" and targets[7]["status"] == ""
    assert len(api.get("/indicators/targets").json()) == 17
    assert api.get("/indicators/nothing").status_code == 404
    bad = api.get("/indicators/internet_use", params={"sex": "both"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "sex"


def test_no_data_is_null_in_the_api(api):
    upload(api, moderator(), csv_file("internet_use,Use,percent,world,WLD,2021,,,,,no_data,,ITU,"))
    row = api.get("/indicators/internet_use").json()["results"][0]
    assert (row["value"], row["state"]) == (None, "no_data")


def test_gap_analysis_and_its_errors(api):
    make_initiative(countries=["KE"], action_lines=["C2"])
    upload(api, moderator(), csv_file(internet_use("KE", "40")))
    answer = api.get("/indicators/gap-analysis", params={"line": "C2", "threshold": 50, "few": 1})
    assert answer.status_code == 200
    kenya = next(r for r in answer.json()["results"] if r["code"] == "KE")
    assert kenya["initiatives"]["C2"] == 1 and kenya["internet_use"] == "40.0000"
    assert kenya["is_gap"] is True
    regions = api.get("/indicators/gap-analysis", params={"area": "region"}).json()["results"]
    assert {r["code"] for r in regions} >= {"AFR", "ARB", "EUR"}
    for params, field in [
        ({"line": "C99"}, "line"),
        ({"threshold": 101}, "threshold"),
        ({"area": "planet"}, "area"),
        ({"few": -1}, "few"),
    ]:
        bad = api.get("/indicators/gap-analysis", params=params)
        assert bad.status_code == 422, params
        assert bad.json()["detail"][0]["loc"] == ["query", field]


@pytest.mark.parametrize(
    "who,status",
    [
        ("anonymous", 401),
        ("submitter", 403),
        ("facilitator", 403),
        ("moderator", 200),
        ("administrator", 200),
    ],
)
def test_import_per_role(api, who, status):
    user = None if who == "anonymous" else UserFactory(role=Role(who))
    response = upload(api, user, csv_file(internet_use("KE", "29.5")))
    assert response.status_code == status, response.text
    assert Observation.objects.count() == (1 if status == 200 else 0)


def test_import_with_a_bad_row_answers_422_naming_it_and_writes_nothing(api):
    content = csv_file(internet_use("KE", "29.5"), internet_use("XX", "3"), internet_use("SN", "x"))
    response = upload(api, moderator(), content)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [
        ["body", "file", 3, "area_code"],
        ["body", "file", 4, "value"],
    ]
    assert Observation.objects.count() == 0
    dry = upload(api, moderator(), csv_file(internet_use("KE", "29.5")), dry_run="true")
    assert dry.json()["created"] == 1 and dry.json()["written"] is False
    assert Observation.objects.count() == 0


def test_import_refuses_other_files_naming_the_field(api):
    response = api.post(
        "/indicators/imports",
        headers=bearer(moderator()),
        files={"file": ("values.pdf", b"%PDF-1.4", "application/pdf")},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]


def test_imports_are_rate_limited_per_account(api):
    secretariat = moderator()
    headers = bearer(secretariat)
    statuses = [
        api.post(
            "/indicators/imports",
            headers=headers,
            files={"file": ("values.pdf", b"%PDF-1.4", "application/pdf")},
        ).status_code
        for _ in range(61)
    ]
    assert statuses == [422] * 60 + [429]
    assert upload(api, moderator(), csv_file(internet_use("KE", "29.5"))).status_code == 200


def test_country_figures_and_initiatives(api):
    make_initiative(countries=["KE"], action_lines=["C2", "C7.e-health"])
    upload(
        api,
        moderator(),
        csv_file(internet_use("KE", "29.5"), "internet_use,,,country,KEN,2023,,,,,no_data,,ITU,"),
    )
    kenya = api.get("/indicators/countries/ke", params={"lang": "fr"}).json()
    assert kenya["name"] == "Kenya" and kenya["initiatives"] == 1
    assert kenya["initiatives_by_action_line"]["C2"] == 1
    assert kenya["initiatives_by_action_line"]["C7"] == 1
    assert [(f["year"], f["value"], f["state"]) for f in kenya["figures"]] == [
        (2023, None, "no_data"),
        (2024, "29.5000", "reported"),
    ]
    assert api.get("/indicators/countries/ZZ").status_code == 404
