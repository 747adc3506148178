"""Changing the matrix: who may, what is checked, what history is kept; loading the reference."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from tests.accounts.factories import UserFactory
from tests.matrix.factories import facilitator, load_reference_matrix, make_cell
from tests.stocktaking.factories import moderator
from wsis.core.events import events_for
from wsis.matrix import overview, services
from wsis.matrix.choices import CellOrigin
from wsis.matrix.models import MatrixCell

pytestmark = pytest.mark.django_db


def test_the_reference_matrix_loads_once_and_says_its_licence_is_unclear():
    first = load_reference_matrix()
    # 204 links in the file; a few (line, target) pairs are listed under two goals.
    assert first.created == MatrixCell.objects.count() > 180
    again = load_reference_matrix()
    assert (again.created, again.updated, again.changed) == (0, 0, False)
    cell = MatrixCell.objects.get(key="C2|sdg_target:9.c|")
    assert cell.origin == CellOrigin.REFERENCE
    assert "Broadband" in cell.rationale["en"]
    assert "licence" in cell.evidence.lower() and "uwidcit/WSIS-SDG-Matrix" in cell.source
    goal_cell = MatrixCell.objects.get(key="C3|sdg_goal:2|")
    assert goal_cell.goal_number == 2 and goal_cell.sdg_target is None


def test_a_broken_reference_file_loads_nothing(tmp_path):
    folder = tmp_path / "wsis"
    folder.mkdir()
    links = [
        {"action_line_key": "C2", "sdg_target": "9.c", "rationale": "ok"},
        {"action_line_key": "C99", "sdg_target": "9.c", "rationale": "bad line"},
    ]
    (folder / "wsis_sdg_matrix.json").write_text(json.dumps({"links": links}))
    with pytest.raises(CommandError, match="link 2"):
        call_command("load_matrix", path=str(tmp_path))
    assert not MatrixCell.objects.exists()


def test_a_cell_edited_on_the_platform_survives_a_reload():
    load_reference_matrix()
    cell = MatrixCell.objects.get(key="C2|sdg_target:9.c|")
    services.update_cell(moderator(), cell, {"language": "ar", "rationale": "الربط بالإنترنت"})
    report = load_reference_matrix()
    cell.refresh_from_db()
    assert cell.key in report.kept and cell.origin == CellOrigin.EDITOR
    assert cell.rationale["ar"] == "الربط بالإنترنت" and "Broadband" in cell.rationale["en"]


def test_a_facilitator_edits_only_the_cells_of_their_lines():
    c2, c7 = facilitator("C2"), facilitator("C7")
    own = make_cell(c2, action_line="C2", sdg_target="9.1")
    assert own.maintained_by == c2
    services.update_cell(c2, own, {"language": "fr", "rationale": "Connectivité"})
    assert own.__class__.objects.get(pk=own.pk).rationale == {"en": "Why.", "fr": "Connectivité"}
    with pytest.raises(PermissionDenied):
        make_cell(c2, action_line="C4", sdg_target="4.4")
    with pytest.raises(PermissionDenied):  # nor move its own cell to another's line
        services.update_cell(c2, own, {"action_line": "C4"})
    # A facilitator of C7 maintains its sub-lines.
    sub = make_cell(c7, action_line="C7.e-health", sdg_target="3.8")
    with pytest.raises(PermissionDenied):
        services.delete_cell(c2, sub)
    with pytest.raises(PermissionDenied):
        make_cell(UserFactory(), action_line="C2", sdg_target="9.a")
    assert MatrixCell.objects.count() == 2


def test_history_and_events_name_the_actor():
    mod = moderator()
    cell = make_cell(mod)
    services.update_cell(mod, cell, {"evidence": "ITU Facts and Figures 2025"})
    assert [h.history_user for h in cell.history.all()] == [mod, mod]
    assert [e.label for e in events_for(cell)] == [services.CHANGED, services.CREATED]
    pk = cell.pk
    services.delete_cell(mod, cell)
    deleted = cell.history.model.objects.get(id=pk, history_type="-")
    assert deleted.history_user == mod


@pytest.mark.parametrize(
    "data,field",
    [
        ({"sdg_goal": "9", "sdg_target": "9.c"}, "sdg_target"),
        ({"sdg_target": "", "sdg_goal": ""}, "sdg_goal"),
        ({"sdg_target": "99.z"}, "sdg_target"),
        ({"action_line": "C99"}, "action_line"),
        ({"gdc_objective": "GDC9"}, "gdc_objective"),
    ],
)
def test_bad_cells_are_refused_naming_the_field(data, field):
    with pytest.raises(ValidationError) as raised:
        make_cell(moderator(), **data)
    assert field in raised.value.message_dict
    assert not MatrixCell.objects.exists()


def test_a_cell_exists_once():
    make_cell(moderator())
    with pytest.raises(ValidationError) as raised:
        make_cell(moderator())
    assert "already" in raised.value.message_dict["action_line"][0]
    # The same pair with a GDC objective is another cell.
    assert make_cell(moderator(), gdc_objective="GDC1").key == "C2|sdg_target:9.c|GDC1"


def test_rationale_languages_are_checked():
    cell = make_cell(moderator())
    with pytest.raises(ValidationError) as raised:
        services.update_cell(moderator(), cell, {}, rationale={"de": "Warum"})
    assert "rationale" in raised.value.message_dict
    services.update_cell(moderator(), cell, {}, rationale={"en": "", "ru": "Почему"})
    cell.refresh_from_db()
    assert cell.rationale == {"ru": "Почему"}


def test_an_empty_registry_has_every_cell_without_initiatives():
    load_reference_matrix()
    gaps = overview.gaps("en")
    assert gaps["initiatives_outside"] == {"count": 0, "results": []}
    with_rationale = MatrixCell.objects.exclude(rationale={}).count()
    assert len(gaps["cells_without_initiatives"]) == with_rationale > 150
    assert all(c["initiatives"] == 0 for c in overview.matrix("en")["cells"])
