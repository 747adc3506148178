"""The API's rate limits: one atomic count per call in the database, per signed-in user or
else per address, in windows that start afresh."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from tests.accounts.factories import UserFactory
from wsis.api import ratelimit
from wsis.api.models import RateCounter

pytestmark = pytest.mark.django_db


def test_rates_are_read_as_django_ratelimit_writes_them():
    assert ratelimit.parse_rate("120/m") == (120, 60)
    assert ratelimit.parse_rate("5/10m") == (5, 600)
    assert ratelimit.parse_rate("2000/h") == (2000, 3600)


def test_calls_are_counted_per_caller_and_a_new_window_starts_afresh(monkeypatch):
    now = 1_000_000.0
    monkeypatch.setattr(ratelimit, "clock", lambda: now)
    assert [ratelimit.hit("voting:user:1", 1, 60) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.hit("voting:user:2", 2, 60) == 1
    end = ratelimit.window_end(1, 60, now)
    assert now < end <= now + 60
    now = end  # the next window
    assert ratelimit.hit("voting:user:1", 1, 60) == 1
    assert RateCounter.objects.get(name="voting:user:1").window_ends == end + 60


def test_a_view_over_its_rate_is_refused_for_that_caller_only():
    view = ratelimit.limit("test", "2/m")(lambda request: "ok")
    factory = RequestFactory()
    signed_in = factory.post("/", REMOTE_ADDR="192.0.2.1")
    signed_in.user = UserFactory()
    anonymous = factory.post("/", REMOTE_ADDR="192.0.2.1")
    anonymous.user = AnonymousUser()
    assert [view(signed_in), view(signed_in)] == ["ok", "ok"]
    with pytest.raises(ratelimit.RateLimited):
        view(signed_in)
    assert view(anonymous) == "ok"  # the same address, counted apart from the user
    assert set(RateCounter.objects.values_list("name", flat=True)) == {
        f"test:user:{signed_in.user.pk}",
        "test:ip:192.0.2.1",
    }


def test_stale_counters_are_cleared_now_and_then(monkeypatch):
    RateCounter.objects.create(name="old", window_ends=1, hits=5)
    monkeypatch.setattr(ratelimit.secrets, "randbelow", lambda n: 0)
    ratelimit.hit("new", 0, 60)
    assert not RateCounter.objects.filter(name="old").exists()


def test_a_token_lookup_counts_the_call_as_count_call_does(monkeypatch):
    """On PostgreSQL the lookup and the count are one statement, in SQL of their own: the same
    counter, in the same windows, as `count_call` (SQLite counts apart, through `hit`)."""
    from wsis.accounts.services import issue_api_token, user_for_token_counted

    voter, other = UserFactory(), UserFactory()
    raw = issue_api_token(None, voter)[1]
    period = ratelimit.parse_rate("3/m")[1]
    end = 1_200_000 + voter.pk % period  # a window of the voter's counter ends (60 × 20,000)
    now = end - 1.0
    monkeypatch.setattr(ratelimit, "clock", lambda: now)
    assert ratelimit.count_call("voting", "3/m", voter) == 1
    assert user_for_token_counted(raw, "voting", "3/m") == (voter, 2)
    assert ratelimit.count_call("voting", "3/m", voter) == 3
    counter = RateCounter.objects.get(name=f"voting:user:{voter.pk}")
    assert counter.window_ends == ratelimit.window_end(voter.pk, period, now) == end
    now = end  # the next window: both count afresh, and agree on its end
    assert user_for_token_counted(raw, "voting", "3/m") == (voter, 1)
    assert ratelimit.count_call("voting", "3/m", voter) == 2
    counter.refresh_from_db()
    assert counter.window_ends == end + period
    # No such token: nothing counted; another user's counter untouched.
    assert user_for_token_counted(raw + "x", "voting", "3/m") == (None, 0)
    assert not RateCounter.objects.filter(name=f"voting:user:{other.pk}").exists()
    assert RateCounter.objects.count() == 1
