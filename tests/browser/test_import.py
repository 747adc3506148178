"""The import page in a browser, in Arabic: a file with a bad row is refused row by row, the
corrected file is imported."""

import pytest

from tests.accounts.factories import PASSWORD, UserFactory
from tests.stocktaking.test_imports import csv_file, good_row
from wsis.accounts.choices import Role
from wsis.core.testing.browser import axe_violations, describe, screenshot
from wsis.stocktaking.models import Initiative

pytestmark = pytest.mark.browser


def test_a_moderator_imports_a_file_in_arabic(page, tmp_path):
    UserFactory(email="moderator@itu.example", role=Role.MODERATOR)
    page.goto("/ar/accounts/login/")
    page.locator("#id_login").fill("moderator@itu.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/accounts/profile/")

    rows = [good_row(i, title=f"مركز اتصال ريفي {i}") for i in range(5)]
    rows[3]["sdg_targets"] = "9.z"
    path = tmp_path / "commission.csv"
    path.write_bytes(csv_file(rows))
    page.goto("/ar/moderation/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.locator("#id_dry_run").uncheck()
    page.get_by_role("button", name="تحقق واستورد").click()
    problem = page.locator("table").first
    assert "sdg_targets" in problem.inner_text() and "5" in problem.inner_text()
    assert Initiative.objects.count() == 0
    screenshot(page, "import-report-ar")
    assert not axe_violations(page), describe(axe_violations(page))

    rows[3]["sdg_targets"] = "9.c"
    path.write_bytes(csv_file(rows))
    page.locator("#id_file").set_input_files(str(path))
    page.locator("#id_dry_run").uncheck()
    page.get_by_role("button", name="تحقق واستورد").click()
    assert page.get_by_role("status").is_visible()
    assert Initiative.objects.filter(status="published").count() == 5
