"""The interface in a real browser: direction, language switching, accessibility (axe-core)."""

import pytest

from tests.accounts.factories import PASSWORD, UserFactory
from wsis.core.testing.browser import axe_violations, describe, screenshot

pytestmark = pytest.mark.browser

PAGES = [
    ("home", "/{lang}/"),
    ("action-lines", "/{lang}/vocabularies/action-lines/"),
    ("countries", "/{lang}/vocabularies/countries/"),
    ("sdgs", "/{lang}/vocabularies/sdgs/"),
    ("sign-in", "/{lang}/accounts/login/"),
    ("sign-up", "/{lang}/accounts/signup/"),
]


def test_arabic_home_page_is_right_to_left(page):
    page.goto("/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # The mirrored layout: the brand sits at the right edge, the sign-up button at the left.
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > 640
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    screenshot(page, "home-ar")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pages_have_no_serious_accessibility_violations(page, lang):
    failures = {}
    for name, path in PAGES:
        page.goto(path.format(lang=lang))
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
        screenshot(page, f"{name}-{lang}")
    assert not failures, describe(failures)


def test_the_language_links_keep_the_page(page):
    page.goto("/en/vocabularies/action-lines/")
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/vocabularies/action-lines/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("بناء القدرات").is_visible()
    page.get_by_role("navigation", name="اللغات").get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/vocabularies/action-lines/")
    assert page.locator("html").get_attribute("dir") == "ltr"


def test_sign_in_with_the_keyboard_in_arabic(page):
    UserFactory(email="wazir@gov.example")
    page.goto("/ar/accounts/login/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className").startswith("visually-hidden-focusable")
    page.locator("#id_login").fill("wazir@gov.example")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url("**/ar/accounts/profile/")
    assert page.get_by_text("wazir@gov.example", exact=True).is_visible()
    screenshot(page, "profile-ar")
