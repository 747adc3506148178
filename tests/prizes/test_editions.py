"""Editions of the WSIS Prizes: set up by the secretariat only, phases checked against the clock,
past editions' totals loaded, pages and API per role."""

from datetime import timedelta

import httpx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.stocktaking.factories import moderator
from wsis.core.errors import InvalidTransition
from wsis.core.models import Event
from wsis.prizes import services
from wsis.prizes.choices import PhaseKind
from wsis.prizes.history import load_past_editions
from wsis.prizes.models import Edition, Phase

NOW = timezone.now()


def schedule(start=None):
    """The five phases one after another, a fortnight each."""
    start = start or NOW + timedelta(days=1)
    return {
        kind: (start + timedelta(days=14 * i), start + timedelta(days=14 * (i + 1)))
        for i, kind in enumerate(PhaseKind.values)
    }


@pytest.mark.django_db
class TestServices:
    def test_the_secretariat_creates_an_edition_with_the_18_categories(self):
        edition = services.create_edition(moderator(), 2027, words_min=120)
        assert edition.categories.count() == 18 and edition.words_min == 120
        assert Event.objects.filter(label="prizes.edition.created").count() == 1
        with pytest.raises(ValidationError) as error:
            services.create_edition(moderator(), 2027)
        assert "year" in error.value.message_dict
        assert Edition.objects.filter(year=2027).count() == 1

    def test_nobody_else_may(self):
        for user in (None, UserFactory()):
            with pytest.raises(PermissionDenied):
                services.create_edition(user, 2027)
        assert not Edition.objects.exists()

    def test_bad_rules_are_refused_and_change_nothing(self):
        with pytest.raises(ValidationError) as error:
            services.create_edition(moderator(), 2027, words_min=250, languages=["pt"])
        assert set(error.value.message_dict) == {"words_min", "languages"}
        assert not Edition.objects.exists()

    def test_phases_follow_one_another(self):
        edition = services.create_edition(moderator(), 2027)
        services.set_phases(moderator(), edition, schedule())
        assert Phase.objects.filter(edition=edition).count() == 5
        overlapping = schedule()
        submission = overlapping[PhaseKind.SUBMISSION]
        overlapping[PhaseKind.REVIEW] = (submission[0], submission[1] + timedelta(days=3))
        with pytest.raises(ValidationError) as error:
            services.set_phases(moderator(), edition, overlapping)
        assert PhaseKind.REVIEW in error.value.message_dict
        backwards = {PhaseKind.VOTING: (NOW + timedelta(days=90), NOW + timedelta(days=80))}
        with pytest.raises(ValidationError):
            services.set_phases(moderator(), edition, backwards)
        phase = edition.phases.get(kind=PhaseKind.REVIEW)
        assert phase.opens_at == schedule()[PhaseKind.REVIEW][0]

    def test_every_action_checks_the_phase_and_the_clock(self):
        edition = services.create_edition(moderator(), 2027)
        services.set_phases(moderator(), edition, schedule())
        edition = Edition.objects.prefetch_related("phases").get(pk=edition.pk)
        with pytest.raises(InvalidTransition, match="opens on"):
            services.require_phase(edition, PhaseKind.SUBMISSION, NOW)
        opens, closes = schedule()[PhaseKind.SUBMISSION]
        assert services.require_phase(edition, PhaseKind.SUBMISSION, opens).kind == "submission"
        with pytest.raises(InvalidTransition, match="closed on"):
            services.require_phase(edition, PhaseKind.SUBMISSION, closes)  # the end is excluded

    def test_rules_are_frozen_once_entries_are_open(self):
        edition = services.create_edition(moderator(), 2027)
        services.set_rules(moderator(), edition, words_max=180)
        services.set_phases(moderator(), edition, schedule(NOW - timedelta(days=1)))
        with pytest.raises(InvalidTransition):
            services.set_rules(moderator(), edition, words_max=250)
        assert Edition.objects.get(pk=edition.pk).words_max == 180

    def test_a_special_prize_is_added_once(self):
        edition = services.create_edition(moderator(), 2027)
        name = {"en": "Healthy Ageing Innovation Prize", "ar": "جائزة الابتكار للشيخوخة الصحية"}
        services.add_special_prize(moderator(), edition, "healthy-ageing", name)
        with pytest.raises(ValidationError):
            services.add_special_prize(moderator(), edition, "healthy-ageing", name)
        assert edition.categories.filter(is_special=True).count() == 1


@pytest.mark.django_db
def test_past_editions_load_once_and_spare_the_platforms_own():
    services.create_edition(moderator(), 2025)  # run on the platform: left alone
    counts = load_past_editions()
    assert counts["created"] == 13 and counts["skipped"] == 1
    assert load_past_editions()["unchanged"] == 13
    edition = Edition.objects.get(year=2017)
    assert (edition.past_entries, edition.past_nominees, edition.past_votes) == (500, 345, 1100000)
    assert edition.source.endswith(":L393")
    assert Edition.objects.get(year=2025).past_entries is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,expected", [("anonymous", 302), ("submitter", 403), ("moderator", 200)]
)
def test_only_the_secretariat_sets_up_an_edition(client, who, expected):
    edition = services.create_edition(moderator(), 2027)
    user = {"anonymous": None, "submitter": UserFactory(), "moderator": moderator()}[who]
    if user:
        client.force_login(user)
    response = client.get(f"/en/prizes/{edition.year}/manage/")
    assert response.status_code == (403 if who == "anonymous" else expected)
    response = client.post(
        f"/en/prizes/{edition.year}/manage/", {"action": "rules", "words_min": 1}
    )
    assert response.status_code in ((403,) if who != "moderator" else (422,))
    assert Edition.objects.get(pk=edition.pk).words_min == 150


@pytest.mark.django_db
def test_the_secretariat_sets_phases_in_its_time_zone(client):
    edition = services.create_edition(moderator(), 2027)
    client.force_login(moderator())
    data = {"action": "phases", "time_zone": "Asia/Riyadh"}
    data["submission_opens"] = "2027-01-10T09:00"
    data["submission_closes"] = "2027-03-14T23:59"
    response = client.post(f"/en/prizes/{edition.year}/manage/", data)
    assert response.status_code == 302
    phase = edition.phases.get(kind="submission")
    assert phase.opens_at.isoformat() == "2027-01-10T06:00:00+00:00"  # Riyadh is UTC+3
    data["review_opens"] = "2027-03-01T00:00"  # before submission closes
    data["review_closes"] = "2027-04-01T00:00"
    response = client.post(f"/en/prizes/{edition.year}/manage/", data)
    assert response.status_code == 422
    assert "2027-03-01T00:00" in response.content.decode()  # what was typed is kept
    assert not edition.phases.filter(kind="review").exists()


@pytest.mark.django_db
def test_the_public_pages(client):
    load_past_editions()
    edition = services.create_edition(moderator(), 2027)
    services.set_phases(moderator(), edition, schedule(NOW - timedelta(days=1)))
    page = client.get("/ar/prizes/").content.decode()
    assert "1,100,000" in page or "1100000" in page.replace(",", "")
    page = client.get("/ar/prizes/2027/").content.decode()
    assert 'datetime="' in page and "C7-e-health" in page
    assert client.get("/en/prizes/1999/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_api(live_server, live_vocabularies):
    load_past_editions()
    edition = services.create_edition(moderator(), 2027)
    services.set_phases(moderator(), edition, schedule(NOW - timedelta(days=1)))
    with httpx.Client(base_url=f"{live_server.url}/api/v1/prizes") as api:
        editions = api.get("/editions").json()
        assert [e["year"] for e in editions][:2] == [2027, 2025]
        assert editions[0]["current_phase"] == "submission"
        detail = api.get("/editions/2027", params={"lang": "ar"}).json()
        assert len(detail["categories"]) == 18 and detail["rules"]["words_max"] == 200
        assert detail["categories"][0]["name"] != detail["categories"][0]["code"]
        assert api.get("/editions/2017").json()["figures"]["votes"] == 1100000
        assert api.get("/editions/1999").status_code == 404
