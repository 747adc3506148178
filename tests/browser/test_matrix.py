"""The matrix pages in a browser, in Arabic: the heat map drawn right-to-left, accessible."""

import pytest

from tests.matrix.factories import load_reference_matrix
from tests.stocktaking.factories import make_initiative, moderator
from wsis.core.testing.browser import axe_violations, describe, screenshot
from wsis.matrix.models import MatrixCell

pytestmark = pytest.mark.browser


def test_the_matrix_and_its_gaps_in_arabic(page):
    mod = moderator()
    for lines, targets in ((["C2"], ["9.c"]), (["C4"], ["4.4"]), (["C7.e-health"], ["3.8"])):
        make_initiative(moderated_by=mod, action_lines=lines, sdg_targets=targets)
    load_reference_matrix()
    page.goto("/ar/matrix/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#matrix-heatmap canvas").wait_for()
    # Nothing wider than the window: the wide table scrolls inside its own box.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, "matrix-ar")
    failures = {"matrix": axe_violations(page)}
    page.goto("/ar/matrix/gaps/")
    screenshot(page, "matrix-gaps-ar")
    failures["gaps"] = axe_violations(page)
    cell = MatrixCell.objects.get(key="C2|sdg_target:9.c|")
    page.goto(f"/ar/matrix/cells/{cell.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, "matrix-cell-ar")
    failures["cell"] = axe_violations(page)
    page.goto("/en/matrix/")
    page.locator("#matrix-heatmap canvas").wait_for()
    screenshot(page, "matrix-en")
    assert not any(failures.values()), describe(failures)


def test_the_deliverables_calendar_in_arabic(page):
    from wsis.deliverables.services import load_shipped

    load_shipped()
    page.goto("/ar/deliverables/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, "deliverables-ar")
    failures = {"calendar": axe_violations(page)}
    page.goto("/ar/deliverables/wsis-30-review/")
    screenshot(page, "deliverable-ar")
    failures["deliverable"] = axe_violations(page)
    assert not any(failures.values()), describe(failures)
