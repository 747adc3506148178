"""The matrix pages per role, their forms, and their query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import UserFactory
from tests.matrix.factories import facilitator, load_reference_matrix, make_cell
from tests.stocktaking.factories import make_initiative, moderator
from wsis.matrix.models import MatrixCell
from wsis.stocktaking import facet_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell():
    return make_cell(moderator(), action_line="C2", sdg_target="9.c")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_everyone_reads_the_matrix(client, cell, language):
    make_initiative(action_lines=["C2"], sdg_targets=["9.c"])
    page = client.get(f"/{language}/matrix/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="matrix-heatmap"' in html and "matrix-heatmap-data" in html
    assert "action_line=C2&amp;sdg_target=9.c&amp;status_light=green" in html
    drill_down = f"/{language}/initiatives/?action_line=C2&sdg_target=9.c&status_light=green"
    assert client.get(drill_down).status_code == 200
    assert "/matrix/cells/new/" not in html  # no editing offered to readers
    assert client.get(f"/{language}/matrix/gaps/").status_code == 200
    assert client.get(f"/{language}/matrix/cells/{cell.pk}/").status_code == 200


def test_the_form_is_refused_to_those_who_may_not_edit(client, cell):
    assert client.get("/en/matrix/cells/new/").status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get("/en/matrix/cells/new/").status_code == 403
    assert client.post(f"/en/matrix/cells/{cell.pk}/edit/", {"evidence": "x"}).status_code == 403
    assert client.post(f"/en/matrix/cells/{cell.pk}/delete/").status_code == 403
    client.force_login(facilitator("C4"))
    assert client.get(f"/en/matrix/cells/{cell.pk}/edit/").status_code == 403
    assert client.post(f"/en/matrix/cells/{cell.pk}/delete/").status_code == 403
    assert MatrixCell.objects.filter(pk=cell.pk, evidence="").exists()


def test_a_facilitator_adds_and_edits_a_cell_of_their_line(client, cell):
    client.force_login(facilitator("C2"))
    other = make_cell(moderator(), action_line="C4", sdg_target="4.4")
    listed = client.get("/en/matrix/").content.decode()
    assert f"/matrix/cells/{cell.pk}/edit/" in listed and f"/cells/{other.pk}/edit/" not in listed
    other.delete()
    form = client.get("/en/matrix/cells/new/")
    assert form.status_code == 200
    options = form.content.decode()
    assert 'value="C2"' in options and 'value="C4"' not in options
    bad = client.post(
        "/en/matrix/cells/new/",
        {"action_line": "C2", "sdg_goal": "9", "sdg_target": "9.1", "language": "en"},
    )
    assert bad.status_code == 200 and "not both" in bad.content.decode()
    assert MatrixCell.objects.count() == 1
    saved = client.post(
        "/ar/matrix/cells/new/",
        {"action_line": "C2", "sdg_target": "9.1", "language": "ar", "rationale": "البنية"},
    )
    assert saved.status_code == 302
    new = MatrixCell.objects.get(key="C2|sdg_target:9.1|")
    assert new.rationale == {"ar": "البنية"}
    edit = client.get(f"/en/matrix/cells/{cell.pk}/edit/?language=en")
    assert "Why." in edit.content.decode() and 'href="?language=ar"' in edit.content.decode()
    client.post(
        f"/en/matrix/cells/{cell.pk}/edit/",
        {"action_line": "C2", "sdg_target": "9.c", "language": "fr", "rationale": "Parce que"},
    )
    cell.refresh_from_db()
    assert cell.rationale == {"en": "Why.", "fr": "Parce que"}
    detail = client.get(f"/en/matrix/cells/{cell.pk}/").content.decode()
    assert "Parce que" in detail and "matrix.cell.changed" in detail
    assert client.post(f"/en/matrix/cells/{new.pk}/delete/").status_code == 302
    assert not MatrixCell.objects.filter(pk=new.pk).exists()


@pytest.mark.parametrize("url", ["/en/matrix/", "/en/matrix/gaps/", "/api/v1/matrix"])
def test_queries_do_not_grow_with_cells_or_initiatives(client, url):
    load_reference_matrix()

    def count():
        # Each measure starts from a change to the published set, so that both include the
        # refresh of the registry's facet index (a fixed number of queries too).
        facet_index.invalidate()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_cell(moderator(), action_line="C2", sdg_target="9.c", gdc_objective="GDC1")
    make_initiative(action_lines=["C2"], sdg_targets=["9.c"])
    make_initiative(action_lines=["C5"], sdg_targets=["14.1"])  # outside every cell
    count()  # vocabularies warm, the facet index built
    few = count()
    make_cell(moderator(), action_line="C4", sdg_target="", gdc_objective="GDC1")
    make_cell(moderator(), action_line="C2", sdg_target="9.1", gdc_objective="GDC2")
    for line, target in (("C4", "4.4"), ("C5", "14.2"), ("C2", "9.1"), ("C10", "16.10")):
        make_initiative(action_lines=[line], sdg_targets=[target])
    assert count() == few
