"""The indicator pages in a real browser, in Arabic: right to left, the chart and the world map
drawn offline, no serious accessibility violation; screenshots in var/screenshots/."""

import pytest

from tests.indicators.factories import imported, internet_use
from tests.stocktaking.factories import make_initiative
from wsis.core.testing.browser import axe_violations, describe, screenshot
from wsis.indicators import services

pytestmark = pytest.mark.browser


@pytest.fixture
def data():
    services.load_sources()
    make_initiative(title="شبكات مجتمعية في القرى", language="ar", countries=["KE"])
    make_initiative(countries=["SN", "KE"], action_lines=["C4"])
    # Country figures made for the test (the sources give none per country).
    imported(internet_use("KE", "41"), internet_use("TD", "12"), internet_use("BR", "84"))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pages_render_with_chart_and_map(page, data, lang):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    failures = {}
    for name, path in [
        ("indicators", "/{lang}/indicators/"),
        ("indicator", "/{lang}/indicators/internet_use/"),
        ("gaps", "/{lang}/indicators/gaps/?line=C2"),
        ("country", "/{lang}/indicators/countries/KE/"),
    ]:
        page.goto(path.format(lang=lang))
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        if name == "indicator":
            page.locator("#indicator-chart canvas").wait_for()
        if name == "gaps":
            page.locator("#gap-map canvas").wait_for()
            page.wait_for_timeout(500)  # the map's first frame
            page.locator("label[for=measure-count]").click()
            assert page.locator("#measure-count").is_checked()
            page.wait_for_timeout(400)  # Bootstrap's colour transition, before axe reads it
        # Nothing wider than the window: no sideways scrolling in either direction.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
        screenshot(page, f"indicators-{name}-{lang}")
    assert not errors, errors
    assert not failures, describe(failures)
