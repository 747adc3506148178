"""The voting integrity report finds bursts, new accounts voting together and disposable
addresses; the secretariat voids a group with a reason and the tally follows. Statistics."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.prizes.test_entries import edition_in
from tests.prizes.test_voting import nominees
from tests.stocktaking.factories import moderator
from wsis.accounts.models import User
from wsis.prizes import integrity, services, tally
from wsis.prizes.models import Vote

pytestmark = pytest.mark.django_db


def old_voter(**values):
    voter = UserFactory(**values)
    User.objects.filter(pk=voter.pk).update(date_joined=timezone.now() - timedelta(days=400))
    return User.objects.get(pk=voter.pk)


def test_a_burst_from_one_network_is_reported():
    edition = edition_in("voting")
    (entry,) = nominees(edition, count=1)
    for index in range(integrity.BURST_VOTES):
        services.cast_vote(old_voter(), entry.pk, f"198.51.100.{index}")
    services.cast_vote(old_voter(), entry.pk, "203.0.113.9")
    (pattern,) = [p for p in integrity.report(edition) if p.kind == "burst"]
    assert pattern.count == integrity.BURST_VOTES and "198.51.100.0/24" in pattern.detail


def test_spread_out_votes_are_not_a_burst():
    edition = edition_in("voting")
    (entry,) = nominees(edition, count=1)
    start = timezone.now() - timedelta(days=1)
    for index in range(integrity.BURST_VOTES):
        vote = services.cast_vote(old_voter(), entry.pk, f"198.51.100.{index}")
        Vote.objects.filter(pk=vote.pk).update(cast_at=start + timedelta(minutes=11 * index))
    assert [p for p in integrity.report(edition) if p.kind == "burst"] == []


def test_new_accounts_voting_for_one_nominee_are_reported():
    edition = edition_in("voting")
    favoured, other = nominees(edition)
    for index in range(integrity.NEW_ACCOUNT_VOTES):
        services.cast_vote(UserFactory(), favoured.pk, f"10.{index}.0.1")  # joined just now
    for index in range(5):
        services.cast_vote(old_voter(), favoured.pk, f"10.9{index}.0.1")
        services.cast_vote(old_voter(), other.pk, f"10.8{index}.0.1")
    (pattern,) = [p for p in integrity.report(edition) if p.kind == "new_accounts"]
    assert (
        pattern.count == integrity.NEW_ACCOUNT_VOTES and favoured.initiative.title in pattern.detail
    )


def test_disposable_addresses_are_reported_and_voided_with_the_tally(client):
    edition = edition_in("voting")
    entry, other = nominees(edition)
    for index in range(3):
        services.cast_vote(old_voter(email=f"v{index}@mailinator.com"), entry.pk, f"10.{index}.1.1")
    services.cast_vote(old_voter(), entry.pk, "10.200.1.1")
    services.cast_vote(old_voter(), other.pk, "10.201.1.1")
    services.cast_vote(old_voter(), other.pk, "10.202.1.1")
    (pattern,) = [p for p in integrity.report(edition) if p.kind == "disposable"]
    assert pattern.count == 3 and "mailinator.com" in pattern.detail
    url = f"/en/prizes/{edition.year}/integrity/"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(moderator())
    page = client.get(url).content.decode()
    key = page.split('name="pattern" value="')[1].split('"')[0]
    assert client.post(url, {"pattern": key, "reason": ""}).status_code == 302
    assert Vote.objects.filter(voided_at__isnull=False).count() == 0  # a reason is needed
    client.post(url, {"pattern": key, "reason": "Disposable addresses"})
    counts = {n["entry"].pk: n["votes"] for n in tally.results(edition)[0]["nominees"]}
    assert counts == {entry.pk: 1, other.pk: 2}
    response = client.post(url, {"pattern": key, "reason": "again"})  # the report has changed
    assert Vote.objects.filter(voided_at__isnull=False).count() == 3
    assert response.status_code == 302


def test_the_statistics_page(client):
    edition = edition_in("voting")
    entry, _other = nominees(edition)
    services.cast_vote(UserFactory(), entry.pk, "192.0.2.1")
    page = client.get(f"/en/prizes/{edition.year}/statistics/").content.decode()
    assert "2 entries, 2 nominees, 1 valid votes" in page
    assert "C2" in page and timezone.now().strftime("%Y-%m-%d") in page
