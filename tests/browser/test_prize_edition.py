"""A whole edition of the WSIS Prizes in a browser, in Arabic, as its people go through it: an
entrant's entry is refused for a 120-word description and sent properly, the secretariat
nominates it, a voter votes for it, it reaches the finalists, an expert of the jury scores it,
the secretariat confirms it as the winner, and its certificate renders in Arabic."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from tests.accounts.factories import UserFactory
from tests.browser.test_prizes import sign_in
from tests.prizes.test_awards import fonts
from tests.prizes.test_entries import edition_in, initiative
from tests.prizes.test_voting import nominees
from tests.stocktaking.factories import moderator
from wsis.accounts.choices import Role
from wsis.core.testing.browser import SCREENSHOTS, axe_violations, describe, screenshot
from wsis.prizes import services, tally
from wsis.prizes.choices import AwardKind, Criterion, EntryStatus, PhaseKind
from wsis.prizes.models import Award, Entry, Phase, ScoreSheet

pytestmark = pytest.mark.browser

TITLE = "شبكات مجتمعية للقرى الجبلية"
SENTENCE = "يبني القرويون شبكتهم اللاسلكية ويديرونها بأنفسهم مع جامعة إقليمية ومجلس القرية"


def words(count: int) -> str:
    """An Arabic description of exactly `count` words."""
    sentence = SENTENCE.split()
    return " ".join(sentence[i % len(sentence)] for i in range(count))


def open_phase(edition, kind: str) -> None:
    """The clock of the edition moved on: `kind` open now, the phases before it closed (the
    schedule `edition_in` makes, so each step of the test happens in its own phase)."""
    index = list(PhaseKind.values).index(kind)
    start = timezone.now() - timedelta(days=30 * index + 1)
    for position, phase in enumerate(PhaseKind.values):
        Phase.objects.filter(edition=edition, kind=phase).update(
            opens_at=start + timedelta(days=30 * position),
            closes_at=start + timedelta(days=30 * (position + 1)),
        )


def sign_in_as(page, user) -> None:
    page.context.clear_cookies()
    sign_in(page, user)


def arabic(message: str, **values) -> str:
    with translation.override("ar"):
        return translation.gettext(message).format(**values)


def test_a_whole_edition_in_arabic(page, mailoutbox):
    edition = edition_in("submission")
    year = edition.year
    entrant = UserFactory()
    project = initiative(
        owner=entrant,
        title=TITLE,
        language="ar",
        summary="يبني القرويون شبكتهم اللاسلكية ويديرونها بأنفسهم مع جامعة إقليمية.",
    )
    failures = {}

    # Submission: a 120-word description is refused with the rule, and what was typed is kept.
    sign_in_as(page, entrant)
    page.goto(f"/ar/prizes/{year}/enter/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#id_initiative").select_option(str(project.pk))
    page.locator("#id_category").select_option("C2")
    page.locator("#id_language").select_option("ar")
    page.locator("#id_short_description").fill(words(120))
    page.locator("#id_linkages").fill(
        "خط العمل ج2 البنية التحتية، الهدف 9 من أهداف التنمية المستدامة"
    )
    page.locator("#id_impact_qualitative").fill("أصبحت القرى تدير شبكتها بنفسها.")
    page.locator("#id_partnerships").fill("جامعة إقليمية ومجالس القرى")
    page.locator("main form button[type=submit]").click()
    refusal = arabic(
        "The short description must have {low} to {high} words; it has {words}.",
        low=150,
        high=200,
        words=120,
    )
    assert "words" not in refusal  # translated
    page.get_by_text(refusal).wait_for()
    assert page.locator("#id_short_description").input_value() == words(120)
    assert page.locator("#id_linkages").input_value().startswith("خط العمل ج2")
    assert not Entry.objects.exists()
    screenshot(page, "prize-edition-refused-ar")
    failures["refused"] = axe_violations(page)
    page.locator("#id_short_description").fill(words(160))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/ar/prizes/{year}/mine/")
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.SUBMITTED and entry.category.code == "C2"
    assert page.get_by_text(TITLE).first.is_visible()

    # Eligibility review: the secretariat nominates it; the entrant is told, in Arabic.
    open_phase(edition, PhaseKind.REVIEW)
    others = nominees(edition, "C2", count=5)
    sign_in_as(page, moderator())
    page.goto(f"/ar/prizes/{year}/review/")
    page.locator(f'article[aria-labelledby="entry-{entry.pk}"] button[value=nominate]').click()
    page.locator(".alert-success").wait_for()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.NOMINATED
    told = [m for m in mailoutbox if m.to == [entrant.email]][-1]  # after the registry's
    assert (
        TITLE in told.body
        and arabic("it is eligible and is now a nominee; public online voting follows.")
        in told.body
    )

    # Public online voting: a voter chooses it; other voters make a race of the category.
    open_phase(edition, PhaseKind.VOTING)
    voter = UserFactory()
    sign_in_as(page, voter)
    page.goto(f"/ar/prizes/{year}/vote/")
    page.locator(f"#nominee-{entry.pk}").check()
    page.locator("section", has=page.locator("#vote-C2")).get_by_role("button").click()
    page.locator(".alert-success").wait_for()
    for nominee, count in zip([entry, *others], (2, 2, 2, 1, 1, 0), strict=True):
        for _ in range(count):
            services.cast_vote(UserFactory(), nominee.pk, year=year)
    assert tally.voter_choices(edition, voter) == {entry.category_id: entry.pk}

    # Expert selection: the five with most votes are the finalists; ours (3 votes) is one, the
    # nominee without a vote is not. The secretariat assigns an expert, who scores it.
    open_phase(edition, PhaseKind.SELECTION)
    finalists = dict(tally.finalists(edition))[entry.category]
    assert finalists[0] == entry and len(finalists) == 5 and others[-1] not in finalists
    jury = UserFactory(role=Role.EXPERT)
    secretariat = moderator()
    sign_in_as(page, secretariat)
    page.goto(f"/ar/prizes/{year}/experts/")
    page.locator("#id_expert").select_option(str(jury.pk))
    page.locator("main form button[type=submit]").last.click()
    page.locator(".alert-success").wait_for()
    sign_in_as(page, jury)
    page.goto(f"/ar/prizes/{year}/scoring/")
    card = page.locator(f"#finalist-{entry.pk}")
    for index, name in enumerate(Criterion.values):
        card.locator(f"input[name=entry-{entry.pk}-{name}]").fill(str(10 - index % 2))
    card.get_by_role("button").click()
    page.locator(".alert-success").wait_for()
    assert ScoreSheet.objects.get(expert=jury).entry == entry

    # The secretariat confirms it as the winner; the four other finalists become champions.
    sign_in_as(page, secretariat)
    page.goto(f"/ar/prizes/{year}/selection/")
    row = page.locator("tr", has_text=TITLE).first
    assert row.locator(".badge").first.is_visible()  # the best mean score
    row.locator("button[type=submit]").click()
    page.locator(".alert-success").wait_for()
    screenshot(page, "prize-edition-selection-ar")
    failures["selection"] = axe_violations(page)
    winner = Award.objects.get(kind=AwardKind.WINNER)
    assert winner.entry == entry
    assert Award.objects.filter(kind=AwardKind.CHAMPION).count() == 4

    # Announcement: everyone sees the winner; the certificate is in Arabic, shaped.
    open_phase(edition, PhaseKind.ANNOUNCEMENT)
    page.context.clear_cookies()
    page.goto(f"/ar/prizes/{year}/results/C2/")
    item = page.locator("li", has=page.get_by_role("link", name=TITLE, exact=True))
    with translation.override("ar"):
        assert str(AwardKind.WINNER.label) in item.inner_text()
    screenshot(page, "prize-edition-results-ar")
    failures["results"] = axe_violations(page)
    link = item.locator(f'a[href$="/certificates/{winner.pk}.pdf"]')
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    (SCREENSHOTS / "certificate-ar-edition.pdf").write_bytes(response.body())
    reader = PdfReader(io.BytesIO(response.body()))
    assert len(reader.pages) == 1
    assert any("Arabic" in name or "DejaVu" in name for name in fonts(reader))
    text = reader.pages[0].extract_text()
    with translation.override("ar"):
        assert TITLE in text and str(AwardKind.WINNER.label) in text
    assert not any(failures.values()), describe({k: v for k, v in failures.items() if v})
