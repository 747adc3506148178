"""The Prizes pages in a browser, in Arabic: right-to-left, accessible, moments in the reader's
time zone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.stocktaking.factories import moderator
from wsis.core.testing.browser import axe_violations, describe, screenshot
from wsis.prizes import services
from wsis.prizes.choices import PhaseKind
from wsis.prizes.history import load_past_editions

pytestmark = pytest.mark.browser


def test_the_editions_and_an_edition_in_arabic(page):
    load_past_editions()
    edition = services.create_edition(moderator(), 2027)
    start = timezone.now() - timedelta(days=2)
    services.set_phases(
        moderator(),
        edition,
        {
            k: (start + timedelta(days=30 * i), start + timedelta(days=30 * (i + 1)))
            for i, k in enumerate(PhaseKind.values)
        },
    )
    page.goto("/ar/prizes/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("link", name="2017").is_visible()
    screenshot(page, "prizes-ar")
    failures = {"list": axe_violations(page)}
    page.goto("/ar/prizes/2027/")
    first = page.locator("time[data-local]").first
    # Rewritten by the browser in its own zone and the page's language (no longer the server's).
    assert not re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", first.inner_text())
    screenshot(page, "prize-edition-ar")
    failures["edition"] = axe_violations(page)
    assert not any(failures.values()), describe({k: v for k, v in failures.items() if v})
