"""`open_demo_edition`: an edition open for voting now, the published initiatives nominated in
the category of one of their Action Lines; run again, it replaces its own edition only."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import make_initiative, moderator
from wsis.accounts.choices import Role
from wsis.prizes import services, tally
from wsis.prizes.choices import EntryStatus, PhaseKind
from wsis.prizes.models import Edition, Entry, Vote
from wsis.stocktaking.choices import Status
from wsis.stocktaking.demo import MODERATOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """The demo moderator and four initiatives: three published, one still a draft."""
    UserFactory(email=MODERATOR, role=Role.MODERATOR)
    return {
        "c5": make_initiative(title="Open data", action_lines=["C5"], organisation="A"),
        "health": make_initiative(title="Nurses", action_lines=["C7.e-health"], organisation="C"),
        "health_or_c2": make_initiative(
            title="Clinics", action_lines=["C7.e-health", "C2"], organisation="B"
        ),
        "draft": make_initiative(title="Draft", action_lines=["C3"], status=Status.DRAFT),
    }


def open_demo(*args) -> str:
    out = io.StringIO()
    call_command("open_demo_edition", *args, in_production=True, stdout=out)
    return out.getvalue()


def test_voting_is_open_now_and_every_published_initiative_is_a_nominee(demo):
    out = open_demo("--hours", "5")
    year = timezone.now().year + 1
    assert f"Edition {year}: 3 nominees in 3 categories" in out
    edition = Edition.objects.prefetch_related("phases").get(year=year)
    now = timezone.now()
    assert edition.current_phase(now).kind == PhaseKind.VOTING
    voting = edition.phase(PhaseKind.VOTING)
    assert voting.closes_at - voting.opens_at == timedelta(hours=5)
    for kind in (PhaseKind.SUBMISSION, PhaseKind.REVIEW):
        assert edition.phase(kind).closes_at <= now
    entries = {
        e.initiative_id: e for e in Entry.objects.filter(edition=edition).select_related("category")
    }
    # One category per project: of two Action Lines, the category with fewer nominees so far.
    assert {pk: e.category.code for pk, e in entries.items()} == {
        demo["c5"].pk: "C5",
        demo["health"].pk: "C7-e-health",
        demo["health_or_c2"].pk: "C2",
    }
    entry = entries[demo["c5"].pk]
    assert entry.status == EntryStatus.NOMINATED and entry.entrant == demo["c5"].owner
    assert edition.phase(PhaseKind.SUBMISSION).is_open(entry.submitted_at)
    assert edition.phase(PhaseKind.REVIEW).is_open(entry.reviewed_at)
    services.cast_vote(UserFactory(), entry.pk)
    counts = {n["entry"].pk: n["votes"] for row in tally.results(edition) for n in row["nominees"]}
    assert counts[entry.pk] == 1


def test_one_project_per_organisation_in_each_category(demo):
    make_initiative(title="Nurses again", action_lines=["C7.e-health"], organisation="C")
    open_demo()
    edition = Edition.objects.get(year=timezone.now().year + 1)
    assert Entry.objects.filter(edition=edition).count() == 3


def test_a_second_run_replaces_the_demo_edition_and_its_votes(demo):
    open_demo("--year", "2031")
    first = Edition.objects.get(year=2031)
    services.cast_vote(UserFactory(), Entry.objects.filter(edition=first).first().pk)
    out = open_demo("--year", "2031")
    assert "Replaced the demo edition 2031: 1 votes and 3 entries deleted." in out
    second = Edition.objects.get(year=2031)
    assert second.pk != first.pk and not Vote.objects.exists()
    assert Entry.objects.filter(edition=second).count() == 3


def test_an_edition_it_did_not_make_is_left_alone(demo):
    services.create_edition(moderator(), 2031)
    with pytest.raises(CommandError, match="not made by this command"):
        open_demo("--year", "2031")
    assert not Entry.objects.exists()


def test_it_needs_the_demo_data_and_debug(settings):
    with pytest.raises(CommandError, match="load_demo_data"):
        open_demo()
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("open_demo_edition", stdout=io.StringIO())
