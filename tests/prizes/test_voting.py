"""Public online voting: verified voters, one valid vote per category (the database refuses a
second), changes recorded as voided votes, the tally computed from the valid votes, voiding by
the secretariat, the phase and the clock; over real HTTP for the API."""

from datetime import timedelta

import httpx
import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.prizes.test_entries import WORDS, edition_in, initiative
from tests.stocktaking.factories import moderator
from wsis.accounts.services import issue_api_token
from wsis.core.errors import InvalidTransition
from wsis.prizes import services, tally
from wsis.prizes.choices import EntryStatus, PhaseKind
from wsis.prizes.models import Entry, Phase, Vote


def nominees(edition, category="C2", count=2, status=EntryStatus.NOMINATED):
    return [
        Entry.objects.create(
            edition=edition,
            category=edition.categories.get(code=category),
            initiative=initiative(title=f"{category} project {i}"),
            entrant=UserFactory(),
            language="en",
            short_description=WORDS,
            status=status,
        )
        for i in range(count)
    ]


@pytest.mark.django_db
class TestServices:
    def test_one_vote_per_category_and_a_change_is_recorded(self):
        edition = edition_in("voting")
        first, second = nominees(edition)
        voter = UserFactory()
        vote = services.cast_vote(voter, first.pk, "192.0.2.1")
        with pytest.raises(InvalidTransition, match="already voted"):
            services.cast_vote(voter, second.pk)
        services.cast_vote(voter, second.pk, replace=True)
        assert Vote.objects.get(pk=vote.pk).void_reason == services.VOTE_CHANGED
        assert Vote.objects.filter(voter=voter).count() == 2  # every vote is kept
        counts = {n["entry"].pk: n["votes"] for n in tally.results(edition)[0]["nominees"]}
        assert counts == {first.pk: 0, second.pk: 1}

    def test_the_database_refuses_a_second_valid_vote(self):
        edition = edition_in("voting")
        first, second = nominees(edition)
        voter = UserFactory()
        services.cast_vote(voter, first.pk)
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(
                edition=edition, category=second.category, entry=second, voter=voter
            )

    def test_who_may_vote_for_what_and_when(self):
        edition = edition_in("voting")
        (nominee,) = nominees(edition, count=1)
        (pending,) = nominees(edition, category="C4", count=1, status=EntryStatus.SUBMITTED)
        unverified = UserFactory()
        EmailAddress.objects.filter(user=unverified).update(verified=False)
        with pytest.raises(PermissionDenied):
            services.cast_vote(unverified, nominee.pk)
        with pytest.raises(PermissionDenied):
            services.cast_vote(None, nominee.pk)
        with pytest.raises(ValidationError):
            services.cast_vote(UserFactory(), pending.pk)  # not a nominee
        voting = Phase.objects.get(edition=edition, kind=PhaseKind.VOTING)
        Phase.objects.filter(pk=voting.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
        edition = type(edition).objects.prefetch_related("phases").get(pk=edition.pk)
        with pytest.raises(InvalidTransition, match="closed on"):
            services.cast_vote(UserFactory(), nominee.pk)
        assert not Vote.objects.exists()

    def test_a_change_to_the_same_nominee_changes_nothing(self):
        edition = edition_in("voting")
        first, _second = nominees(edition)
        voter = UserFactory()
        vote = services.cast_vote(voter, first.pk)
        again = services.cast_vote(voter, first.pk, replace=True)
        assert again.pk == vote.pk and again.category.code == "C2"
        assert Vote.objects.filter(voter=voter).count() == 1

    def test_a_refused_change_keeps_the_first_vote(self):
        edition = edition_in("voting")
        first, second = nominees(edition)
        voter = UserFactory()
        vote = services.cast_vote(voter, first.pk)
        Phase.objects.filter(edition=edition, kind=PhaseKind.VOTING).update(
            closes_at=timezone.now() - timedelta(seconds=1)
        )
        with pytest.raises(InvalidTransition, match="closed on"):
            services.cast_vote(voter, second.pk, replace=True)
        assert Vote.objects.get(voter=voter, voided_at__isnull=True).pk == vote.pk

    def test_the_first_broken_rule_is_the_one_told(self):
        edition = edition_in("voting")
        first, second = nominees(edition)
        voter = UserFactory()
        services.cast_vote(voter, first.pk)
        EmailAddress.objects.filter(user=voter).update(verified=False)
        with pytest.raises(PermissionDenied):  # not "already voted"
            services.cast_vote(voter, second.pk)
        for nominee in ("12a", "-1", 2**64):
            with pytest.raises(ValidationError):
                services.cast_vote(UserFactory(), nominee)
        with pytest.raises(ValidationError):
            services.cast_vote(UserFactory(), first.pk, year=10**12)
        with pytest.raises(ValidationError):  # a nominee, but of another year's edition
            services.cast_vote(UserFactory(), first.pk, year=edition.year + 1)

    def test_a_refusal_inside_a_transaction_leaves_it_usable(self):
        edition = edition_in("voting")
        first, second = nominees(edition)
        (other,) = nominees(edition, category="C4", count=1)
        voter = UserFactory()
        with transaction.atomic():
            services.cast_vote(voter, first.pk)
            with pytest.raises(InvalidTransition):
                services.cast_vote(voter, second.pk)
            services.cast_vote(voter, other.pk)
        assert tally.voter_choices(edition, voter) == {
            first.category_id: first.pk,
            other.category_id: other.pk,
        }

    def test_voided_votes_leave_the_tally(self):
        edition = edition_in("voting")
        first, second = nominees(edition)
        votes = [services.cast_vote(UserFactory(), first.pk) for _ in range(3)]
        services.cast_vote(UserFactory(), second.pk)
        with pytest.raises(PermissionDenied):
            services.void_votes(UserFactory(), edition, [votes[0].pk], "burst")
        with pytest.raises(ValidationError):
            services.void_votes(moderator(), edition, [votes[0].pk], "")
        assert services.void_votes(moderator(), edition, [v.pk for v in votes[:2]], "burst") == 2
        counts = {n["entry"].pk: n["votes"] for n in tally.results(edition)[0]["nominees"]}
        assert counts == {first.pk: 1, second.pk: 1}
        assert Vote.objects.filter(voided_by__isnull=False).count() == 2

    def test_finalists_are_the_nominees_with_most_valid_votes(self):
        edition = edition_in("voting")
        edition.finalists_per_category = 2
        edition.save()
        entries = nominees(edition, count=4)
        for entry, count in zip(entries, (1, 3, 0, 2), strict=True):
            for _ in range(count):
                services.cast_vote(UserFactory(), entry.pk)
        row = tally.results(edition)[0]["nominees"]
        assert [n["votes"] for n in row] == [3, 2, 1, 0]
        assert [n["entry"].pk for n in row if n["is_finalist"]] == [entries[1].pk, entries[3].pk]

    def test_a_full_ballot_rule_counts_only_complete_ballots(self):
        edition = edition_in("voting")
        edition.full_ballot_required = True
        edition.save()
        (c2,) = nominees(edition, count=1)
        (c4,) = nominees(edition, category="C4", count=1)
        complete, partial = UserFactory(), UserFactory()
        services.cast_vote(complete, c2.pk)
        services.cast_vote(complete, c4.pk)
        services.cast_vote(partial, c2.pk)
        counts = {
            n["entry"].pk: n["votes"] for row in tally.results(edition) for n in row["nominees"]
        }
        assert counts == {c2.pk: 1, c4.pk: 1}


@pytest.mark.django_db
def test_the_ballot_page(client):
    edition = edition_in("voting")
    first, second = nominees(edition)
    voter = UserFactory()
    client.force_login(voter)
    page = client.get(f"/en/prizes/{edition.year}/vote/").content.decode()
    assert first.initiative.title in page and "disabled" not in page
    client.post(f"/en/prizes/{edition.year}/vote/", {"nominee": first.pk})
    client.post(f"/en/prizes/{edition.year}/vote/", {"nominee": second.pk})  # a change
    assert tally.voter_choices(edition, voter) == {second.category_id: second.pk}
    page = client.get(f"/en/prizes/{edition.year}/vote/").content.decode()
    assert f'value="{second.pk}" id="nominee-{second.pk}" checked' in page
    client.logout()
    assert client.get(f"/en/prizes/{edition.year}/vote/").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_voting_api(live_server, live_vocabularies):
    edition = edition_in("voting")
    first, second = nominees(edition)
    token = issue_api_token(None, UserFactory())[1]
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=f"{live_server.url}/api/v1/prizes/editions/2027") as api:
        assert api.post("/votes", json={"nominee": first.pk}).status_code == 401
        response = api.post("/votes", json={"nominee": first.pk}, headers=headers)
        assert response.status_code == 201 and response.json()["category"] == "C2"
        assert api.post("/votes", json={"nominee": second.pk}, headers=headers).status_code == 409
        assert api.put("/votes", json={"nominee": second.pk}, headers=headers).status_code == 200
        response = api.post("/votes", json={"nominee": 999999}, headers=headers)
        assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "nominee"
        other_year = f"{live_server.url}/api/v1/prizes/editions/2028/votes"
        assert api.post(other_year, json={"nominee": first.pk}, headers=headers).status_code == 404
        assert api.get("/results").status_code == 403  # not before voting closes
        moderator_headers = {"Authorization": f"Bearer {issue_api_token(None, moderator())[1]}"}
        results = api.get("/results", headers=moderator_headers).json()
        assert {n["nominee"]: n["votes"] for n in results[0]["nominees"]} == {
            first.pk: 0,
            second.pk: 1,
        }


@pytest.mark.django_db
def test_a_nominee_of_another_edition_is_refused_on_this_editions_ballot(client):
    edition = edition_in("voting")
    (nominee,) = nominees(edition, count=1)
    other = services.create_edition(moderator(), 2031)
    with pytest.raises(ValidationError):
        services.cast_vote(UserFactory(), nominee.pk, year=other.year)
    client.force_login(UserFactory())
    client.post("/en/prizes/2031/vote/", {"nominee": nominee.pk})
    assert not Vote.objects.exists()
