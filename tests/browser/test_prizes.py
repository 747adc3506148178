"""The Prizes pages in a browser, in Arabic: right-to-left, accessible, moments in the reader's
time zone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.stocktaking.factories import moderator
from wsis.core.testing.browser import SCREENSHOTS, axe_violations, describe, screenshot
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


def test_the_results_in_arabic_with_a_certificate(page):
    from tests.prizes.test_entries import edition_in, initiative
    from tests.prizes.test_selection import finalists
    from wsis.prizes.choices import AwardKind
    from wsis.prizes.models import Award, Entry

    edition = edition_in("announcement")
    winner, champion = finalists(edition, votes=(3, 1))
    project = initiative(
        title="شبكات مجتمعية للقرى الجبلية",
        language="ar",
        summary="يبني القرويون شبكتهم اللاسلكية ويديرونها بأنفسهم مع جامعة إقليمية.",
    )
    Entry.objects.filter(pk=winner.pk).update(initiative=project, language="ar")
    award = Award.objects.create(
        edition=edition, category=winner.category, entry=winner, kind=AwardKind.WINNER
    )
    Award.objects.create(
        edition=edition, category=champion.category, entry=champion, kind=AwardKind.CHAMPION
    )
    page.goto(f"/ar/prizes/{edition.year}/results/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("link", name="شبكات مجتمعية للقرى الجبلية", exact=True).is_visible()
    link = page.locator(f'a[href$="/certificates/{award.pk}.pdf"]')
    assert link.is_visible() and "الشهادة" in link.inner_text()
    screenshot(page, "prize-results-ar")
    failures = axe_violations(page)
    assert not failures, describe(failures)
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    (SCREENSHOTS / "certificate-ar-browser.pdf").write_bytes(response.body())
    page.goto(f"/ar/prizes/{edition.year}/results/C2/")
    assert page.locator("h2").first.inner_text().startswith("C2")


def test_an_expert_scores_in_arabic(page):
    from tests.accounts.factories import PASSWORD
    from tests.prizes.test_entries import edition_in
    from tests.prizes.test_selection import expert, finalists
    from wsis.prizes.choices import Criterion
    from wsis.prizes.models import ScoreSheet

    edition = edition_in("selection")
    first, _second = finalists(edition, votes=(2, 1))
    jury = expert(edition)
    page.goto("/ar/accounts/login/")
    page.locator("#id_login").fill(jury.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/accounts/profile/")
    page.goto(f"/ar/prizes/{edition.year}/scoring/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    card = page.locator(f"#finalist-{first.pk}")
    for index, name in enumerate(Criterion.values):
        card.locator(f"input[name=entry-{first.pk}-{name}]").fill(str(4 + index))
    card.get_by_role("button").click()
    page.locator(".alert-success").wait_for()
    assert ScoreSheet.objects.get(expert=jury).scores == {
        name: 4 + index for index, name in enumerate(Criterion.values)
    }
    screenshot(page, "prize-scoring-ar")
    failures = axe_violations(page)
    assert not failures, describe(failures)


def sign_in(page, user) -> None:
    from tests.accounts.factories import PASSWORD

    page.goto("/ar/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/accounts/profile/")


def test_a_voter_votes_and_changes_the_vote_in_arabic(page):
    from tests.accounts.factories import UserFactory
    from tests.prizes.test_entries import edition_in
    from tests.prizes.test_voting import nominees
    from wsis.prizes import tally

    edition = edition_in("voting")
    first, second = nominees(edition)
    voter = UserFactory()
    sign_in(page, voter)
    page.goto(f"/ar/prizes/{edition.year}/vote/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(f"#nominee-{first.pk}").check()
    page.locator("section", has=page.locator("#vote-C2")).get_by_role("button").click()
    page.locator(".alert-success").wait_for()
    page.locator(f"#nominee-{second.pk}").check()
    page.locator("section", has=page.locator("#vote-C2")).get_by_role("button").click()
    page.locator(".alert-success").wait_for()
    assert tally.voter_choices(edition, voter) == {second.category_id: second.pk}
    assert page.locator(f"#nominee-{second.pk}").is_checked()
    screenshot(page, "prize-ballot-ar")
    failures = axe_violations(page)
    assert not failures, describe(failures)


@pytest.mark.parametrize("path", ["enter/", "review/", "integrity/", "statistics/", "nominees/"])
def test_the_other_prize_pages_in_arabic(page, path):
    from tests.prizes.test_entries import edition_in
    from tests.prizes.test_voting import nominees

    edition = edition_in("voting")
    nominees(edition)
    sign_in(page, moderator())
    page.goto(f"/ar/prizes/{edition.year}/{path}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    screenshot(page, f"prize-{path.strip('/')}-ar")
    failures = axe_violations(page)
    assert not failures, describe(failures)
