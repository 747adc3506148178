"""The roadmap pages in a real browser, in Arabic and English: right to left in Arabic, one
chart per target drawn offline with the "no data" date as a gap, no serious accessibility
violation; screenshots in var/screenshots/."""

from datetime import date
from decimal import Decimal

import pytest

from tests.accounts.factories import PASSWORD
from tests.roadmaps.factories import facilitator
from tests.stocktaking.factories import make_initiative
from wsis.accounts.models import User
from wsis.core.testing.browser import axe_violations, describe, screenshot
from wsis.indicators import services as indicator_services
from wsis.roadmaps import demo

pytestmark = pytest.mark.browser


@pytest.fixture
def data():
    indicator_services.load_sources()
    make_initiative(action_lines=["C2"], sdg_targets=["9.c"])
    make_initiative(title="شبكات مجتمعية في القرى", language="ar", action_lines=["C2"])
    actor = facilitator("C2")
    demo.load(actor, type("Quiet", (), {"write": staticmethod(lambda *_: None)})())
    return actor


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_roadmap_pages(page, data, lang):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    failures = {}
    for name, path in [
        ("list", "/{lang}/roadmaps/"),
        ("roadmap", "/{lang}/roadmaps/C2/"),
        ("roadmap-2023", "/{lang}/roadmaps/C2/?version=2023"),
    ]:
        page.goto(path.format(lang=lang))
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        if name.startswith("roadmap"):
            page.locator(".roadmap-chart canvas").first.wait_for()
            page.wait_for_timeout(300)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
        screenshot(page, f"roadmaps-{name}-{lang}")
    # The rural target's only record is "no data": its series holds null, never 0.
    page.goto(f"/{lang}/roadmaps/C2/")
    page.locator(".roadmap-chart canvas").first.wait_for()
    values = page.evaluate(
        """() => [...document.querySelectorAll('.roadmap-chart')].map((element) =>
            echarts.getInstanceByDom(element).getOption().series[0].data.map((p) => p[1]))"""
    )
    assert [Decimal(68), Decimal(74)] == [Decimal(str(v)) for v in values[0]]
    assert values[2] == [58, None]
    assert not errors, errors
    assert not failures, describe(failures)


def sign_in(page, data):
    user = User.objects.get(pk=data.pk)
    page.goto("/ar/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()


def test_facilitator_records_progress(page, data):
    sign_in(page, data)
    page.goto("/ar/roadmaps/C2/")
    page.locator("a[href$='/progress/']").first.click()  # not the values' edit links
    page.fill("input[name=date]", "2019-01-01")
    page.fill("input[name=value]", "75")
    page.locator("form button[type=submit]").last.click()
    assert page.locator(".invalid-feedback").count() >= 1
    assert page.input_value("input[name=value]") == "75"
    assert not axe_violations(page)
    screenshot(page, "roadmaps-progress-error-ar")
    page.fill("input[name=date]", date(2026, 1, 1).isoformat())
    page.locator("form button[type=submit]").last.click()
    page.locator(".roadmap-chart canvas").first.wait_for()
    assert "/roadmaps/C2/" in page.url
    page.goto("/ar/roadmaps/C2/2027/edit/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not axe_violations(page), describe({"edit": axe_violations(page)})
    screenshot(page, "roadmaps-edit-ar")


def test_facilitator_corrects_and_removes(page, data):
    sign_in(page, data)
    page.goto("/ar/roadmaps/C2/")
    page.locator(".roadmap-chart canvas").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not axe_violations(page), describe({"roadmap": axe_violations(page)})
    screenshot(page, "roadmaps-with-changes-ar")
    page.locator("a[href*='/roadmaps/progress/'][href$='/edit/']").first.click()
    page.fill("input[name=date]", "2019-01-01")  # before the baseline
    page.locator("form button[type=submit]").last.click()
    assert page.locator(".invalid-feedback").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not axe_violations(page), describe({"correct": axe_violations(page)})
    screenshot(page, "roadmaps-correct-error-ar")
    page.fill("input[name=date]", "2024-07-01")
    page.fill("input[name=value]", "69")
    page.locator("form button[type=submit]").last.click()
    page.locator(".roadmap-chart canvas").first.wait_for()
    assert "/roadmaps/C2/" in page.url
    page.locator("a[href*='/roadmaps/targets/'][href$='/remove/']").first.click()
    assert not axe_violations(page), describe({"remove": axe_violations(page)})
    screenshot(page, "roadmaps-remove-target-ar")
    page.locator("form button[type=submit].btn-danger").click()
    page.wait_for_url("**/roadmaps/C2/")
