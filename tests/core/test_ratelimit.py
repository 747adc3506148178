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
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    assert [ratelimit.hit("voting:user:1", 60) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.hit("voting:user:2", 60) == 1
    end = ratelimit.window_end("voting:user:1", 60, now)
    assert now < end <= now + 60
    now = end  # the next window
    assert ratelimit.hit("voting:user:1", 60) == 1
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
    ratelimit.hit("new", 60)
    assert not RateCounter.objects.filter(name="old").exists()
