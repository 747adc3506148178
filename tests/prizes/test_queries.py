"""The Prizes' list pages make the same number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import UserFactory
from tests.prizes.test_entries import edition_in
from tests.prizes.test_voting import nominees
from tests.stocktaking.factories import moderator
from wsis.prizes import services
from wsis.prizes.history import load_past_editions

pytestmark = pytest.mark.django_db

PAGES = ["", "nominees/", "vote/", "review/?status=nominated", "statistics/", "integrity/"]


@pytest.mark.parametrize("page", PAGES)
def test_queries_do_not_grow_with_rows(client, page):
    load_past_editions()
    edition = edition_in("voting")
    client.force_login(moderator())
    url = f"/en/prizes/{edition.year}/{page}" if page else "/en/prizes/"

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(category):
        for entry in nominees(edition, category=category, count=2):
            services.cast_vote(UserFactory(), entry.pk, "192.0.2.1")

    add("C2")
    count()  # vocabularies and indexes warm
    few = count()
    for category in ("C4", "C5", "C6"):
        add(category)
    assert count() == few


@pytest.mark.parametrize(
    "phase,page,who",
    [
        ("selection", "selection/", "secretariat"),
        ("selection", "scoring/", "expert"),
        ("announcement", "results/", "anyone"),
    ],
)
def test_selection_and_results_queries_do_not_grow_with_rows(client, phase, page, who):
    from tests.prizes.test_selection import expert, finalists

    edition = edition_in(phase)
    jury = expert(edition)
    client.force_login({"secretariat": moderator(), "expert": jury, "anyone": UserFactory()}[who])
    url = f"/en/prizes/{edition.year}/{page}"

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(category):
        entries = finalists(edition, category)
        if phase == "announcement":
            services.confirm_winner(moderator(), entries[0])

    add("C2")
    count()
    few = count()
    for category in ("C4", "C5"):
        add(category)
    assert count() == few
