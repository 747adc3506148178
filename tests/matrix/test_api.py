"""`/api/v1/matrix` over real HTTP: the heat map counts are the registry list's counts."""

import httpx
import pytest

from tests.accounts.factories import UserFactory
from tests.matrix.factories import facilitator, load_reference_matrix, make_cell
from tests.stocktaking.factories import make_initiative, moderator
from wsis.accounts.services import issue_api_token
from wsis.matrix.models import MatrixCell
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative

pytestmark = pytest.mark.usefixtures("live_vocabularies")


@pytest.fixture
def api(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=30) as client:
        yield client


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_api_token(None, user)[1]}"}


@pytest.fixture
def registry():
    """A few published initiatives with overlapping tags, and some that must not count."""
    mod = moderator()
    tags = [
        (["C2"], ["9.c"], ["GDC1"]),
        (["C2"], ["9.c", "9.1"], []),
        (["C2", "C4"], ["4.4"], ["GDC1"]),
        (["C7.e-health"], ["3.8"], []),
        (["C7.e-health", "C2"], ["3.d"], ["GDC2"]),
        (["C10"], ["16.10"], []),
        (["C5"], ["14.1"], []),  # no cell links C5 to goal 14 or its targets
    ]
    for lines, targets, objectives in tags:
        make_initiative(
            moderated_by=mod, action_lines=lines, sdg_targets=targets, gdc_objectives=objectives
        )
    make_initiative(status=Status.SUBMITTED, action_lines=["C2"], sdg_targets=["9.c"])
    make_initiative(status=Status.DRAFT, action_lines=["C2"], sdg_targets=["9.c"])
    load_reference_matrix()
    make_cell(mod, action_line="C2", sdg_target="9.c", gdc_objective="GDC1")
    make_cell(mod, action_line="C4", sdg_target="", gdc_objective="GDC1")


def registry_count(api, url: str) -> int:
    response = api.get(url.removeprefix("/api/v1"))
    assert response.status_code == 200, response.text
    return response.json()["count"]


def test_heat_map_and_cell_counts_equal_the_registry_list(api, registry):
    body = api.get("/matrix").json()
    cells = {c["id"]: c for c in body["cells"]}
    # Every cell: its count is the registry list's count for the same filters.
    nonzero = [c for c in cells.values() if c["initiatives"]]
    assert len(nonzero) >= 4
    for cell in nonzero + [c for c in cells.values() if not c["initiatives"]][:5]:
        assert cell["initiatives"] == registry_count(api, cell["api_url"]), cell
    by_key = {MatrixCell.objects.get(pk=pk).key: c["initiatives"] for pk, c in cells.items()}
    assert by_key["C2|sdg_target:9.c|"] == 2
    assert by_key["C2|sdg_target:9.c|GDC1"] == 1
    assert by_key["C4||GDC1"] == 1
    assert by_key["C7.e-health|sdg_target:3.8|"] == 1
    # Every heat map square: the registry's count for the line and the goal or objective.
    heat = body["heatmap"]
    columns = heat["columns"]
    squares = 0
    for row in heat["rows"]:
        for column, square in zip(columns, row["cells"], strict=True):
            if square["count"] or (row["code"], column["code"]) in {("C2", "4"), ("C1", "1")}:
                facet = column["facet"]
                params = {"action_line": row["code"], facet: column["code"]}
                params["status_light"] = ["green", "amber", "red"]
                listed = api.get("/initiatives", params=params).json()["count"]
                assert square["count"] == listed, (row["code"], column["code"])
                squares += 1
    assert squares > 10
    c7 = next(r for r in heat["rows"] if r["code"] == "C7")
    assert c7["cells"][2]["count"] == 2  # SDG 3: both e-health initiatives count under C7
    assert next(r for r in heat["rows"] if r["code"] == "C2")["cells"][8]["linked"]


def test_filters_and_language(api, registry):
    mod = moderator()
    cell = MatrixCell.objects.get(key="C2|sdg_target:9.c|")
    api.patch(
        f"/matrix/cells/{cell.pk}",
        headers=bearer(mod),
        json={"rationale": {"ar": "النطاق العريض يربط القرى"}},
    ).raise_for_status()
    cells = api.get("/matrix", params={"action_line": "C2", "sdg_goal": 9, "lang": "ar"}).json()
    assert {c["action_line"] for c in cells["cells"]} == {"C2"}
    assert {c["sdg_goal"] for c in cells["cells"]} == {9}
    shown = next(c for c in cells["cells"] if c["id"] == cell.pk)
    assert shown["rationale"] == "النطاق العريض يربط القرى" and shown["rationale_language"] == "ar"
    # French has no text: English is the fallback, and says so.
    fr = api.get("/matrix", params={"action_line": "C2", "lang": "fr"}).json()["cells"]
    assert next(c for c in fr if c["id"] == cell.pk)["rationale_language"] == "en"
    c7 = api.get("/matrix", params={"action_line": "C7"}).json()["cells"]
    assert c7 and all(c["action_line"].startswith("C7.") for c in c7)
    assert api.get("/matrix", params={"sdg_goal": 18}).status_code == 422


def test_gaps(api, registry):
    gaps = api.get("/matrix/gaps").json()
    assert {o["code"] for o in gaps["gdc_objectives"]} == {"GDC2", "GDC3", "GDC4", "GDC5"}
    targets = {t["code"] for t in gaps["sdg_targets"]}
    assert "9.c" not in targets and "9.2" in targets
    empty = {(c["action_line"], c["sdg_target"]) for c in gaps["cells_without_initiatives"]}
    assert ("C2", "11.5") in empty and ("C2", "9.c") not in empty
    outside = gaps["initiatives_outside"]
    assert not MatrixCell.objects.filter(action_line_code="C5", sdg_code__startswith="14").exists()
    lone = Initiative.objects.get(action_lines__code="C5")
    in_cells = Initiative.objects.filter(sdg_targets__code="9.c", status=Status.PUBLISHED)
    shown = {i["id"] for i in outside["results"]}
    assert lone.pk in shown and not shown & set(in_cells.values_list("pk", flat=True))
    assert outside["count"] == len(shown)


def test_changes_per_role(api, registry):
    cell = MatrixCell.objects.get(key="C2|sdg_target:9.c|")
    new = {"action_line": "C2", "sdg_target": "17.6", "rationale": {"en": "Cooperation"}}
    assert api.post("/matrix/cells", json=new).status_code == 401
    assert api.post("/matrix/cells", json=new, headers=bearer(UserFactory())).status_code == 403
    other = facilitator("C4")
    assert api.post("/matrix/cells", json=new, headers=bearer(other)).status_code == 403
    patch = api.patch(f"/matrix/cells/{cell.pk}", json={"evidence": "x"}, headers=bearer(other))
    assert patch.status_code == 403
    assert api.delete(f"/matrix/cells/{cell.pk}", headers=bearer(other)).status_code == 403
    own = facilitator("C2")
    created = api.post("/matrix/cells", json=new, headers=bearer(own))
    assert created.status_code == 201, created.text
    assert created.json()["rationale"] == "Cooperation"
    bad = api.post(
        "/matrix/cells",
        json={"action_line": "C2", "sdg_goal": "9", "sdg_target": "9.c"},
        headers=bearer(own),
    )
    assert bad.status_code == 422
    assert [e["loc"][-1] for e in bad.json()["detail"]] == ["sdg_target"]
    twice = api.post("/matrix/cells", json=new, headers=bearer(own))
    assert twice.status_code == 422 and twice.json()["detail"][0]["loc"][-1] == "action_line"
    gone = api.delete(f"/matrix/cells/{created.json()['id']}", headers=bearer(moderator()))
    assert gone.status_code == 200 and not MatrixCell.objects.filter(key="C2|sdg_target:17.6|")
    assert api.patch("/matrix/cells/999999", json={}, headers=bearer(own)).status_code == 404
