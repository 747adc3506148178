"""Suggested tags in the submission form, in Arabic: they appear as the text is typed, one click
accepts one, and it is saved as a suggestion."""

import pytest

from tests.accounts.factories import PASSWORD, UserFactory
from wsis.core.testing.browser import axe_violations, describe, screenshot
from wsis.stocktaking.choices import TagOrigin
from wsis.stocktaking.models import Initiative, InitiativeActionLine

pytestmark = pytest.mark.browser


def test_a_suggestion_is_accepted_with_one_click(page):
    UserFactory(email="ministry@example.gov")
    page.goto("/ar/accounts/login/")
    page.locator("#id_login").fill("ministry@example.gov")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/accounts/profile/")

    page.goto("/ar/initiatives/new/")
    page.locator("#id_title").fill("عيادات متنقلة موصولة بالمستشفى الجامعي")
    page.locator("#id_summary").fill(
        "يتصل الممرضون في القرى الجبلية بأطباء المستشفى عبر الفيديو لتشخيص المرضى ومتابعة "
        "الحوامل والمصابين بالسكري، وتُحفظ الملفات الطبية إلكترونياً."
    )
    accept = page.locator('[data-accept="action_lines:C7.e-health"]')
    accept.wait_for(timeout=120_000)
    accept.click()
    assert accept.get_attribute("aria-pressed") == "true"
    assert page.locator("#suggestions").get_attribute("dir") is None  # inherits the page's rtl
    screenshot(page, "suggestions-ar")
    assert not axe_violations(page), describe(axe_violations(page))

    page.locator('button[name="next"][value="where"]').click()
    page.wait_for_url("**/edit/where/")
    initiative = Initiative.objects.get()
    tags = dict(
        InitiativeActionLine.objects.filter(initiative=initiative).values_list(
            "action_line__code", "origin"
        )
    )
    assert tags == {"C7.e-health": TagOrigin.SUGGESTION}
