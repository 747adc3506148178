"""The votes' intake over real HTTP: a vote in order is answered in front of Django with the
answer and headers the API gives; every other call reaches Django unchanged and is answered as
the API always answers it; a call is counted once for the rate limit, whichever answers it."""

import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import httpx
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections

from tests.accounts.factories import UserFactory
from tests.prizes.test_entries import edition_in
from tests.prizes.test_voting import nominees
from wsis.accounts.services import issue_api_token
from wsis.api.ratelimit import counter_name
from wsis.prizes import tally
from wsis.prizes.intake import VoteIntake
from wsis.prizes.models import Vote

pytestmark = pytest.mark.django_db(transaction=True)

SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def intake(live_vocabularies, settings):
    """The intake in front of Django, served over HTTP in a thread; `handed` lists the calls it
    handed to Django."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.RATELIMIT_ENABLE = True
    django_app, handed = WSGIHandler(), []

    def django_side(environ, start_response):
        handed.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
        return django_app(environ, start_response)

    server = make_server("127.0.0.1", 0, VoteIntake(django_side), handler_class=_Quiet)

    def serve():  # one request at a time, in one thread, on one connection closed at the end
        server.serve_forever()
        connections.close_all()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{server.server_port}") as client:
            yield client, handed
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def voter_headers(voter=None):
    voter = voter or UserFactory()
    return voter, {"Authorization": f"Bearer {issue_api_token(None, voter)[1]}"}


def hits(voter) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT hits FROM api_ratecounter WHERE name = %s",
            [counter_name("voting", voter)],
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def test_a_vote_in_order_is_taken_in_front_of_django(intake):
    client, handed = intake
    edition = edition_in("voting")
    first, second = nominees(edition)
    voter, headers = voter_headers()
    votes = f"/api/v1/prizes/editions/{edition.year}/votes"

    response = client.post(votes, json={"nominee": first.pk}, headers=headers)
    assert response.status_code == 201 and not handed
    vote = Vote.objects.get(voter=voter)
    body = response.json()
    assert body == {
        "id": vote.pk,
        "nominee": first.pk,
        "category": "C2",
        "cast_at": body["cast_at"],
    }
    assert body["cast_at"].startswith(vote.cast_at.strftime("%Y-%m-%dT%H:%M:%S"))
    response = client.put(votes, json={"nominee": second.pk}, headers=headers)
    assert response.status_code == 200 and response.json()["nominee"] == second.pk
    assert not handed
    assert tally.voter_choices(edition, voter) == {second.category_id: second.pk}
    # The same headers as an answer Django writes for the API.
    django_answer = client.get(f"/api/v1/prizes/editions/{edition.year}")
    assert handed == [("GET", f"/api/v1/prizes/editions/{edition.year}")]
    for name in (*SECURITY_HEADERS, "Content-Type", "Content-Language", "Vary"):
        assert response.headers[name] == django_answer.headers[name], name
    assert response.headers["Content-Length"] == str(len(response.content))
    assert hits(voter) == 2


def test_a_vote_refused_for_the_state_of_things_is_answered_as_django_answers_it(intake):
    client, handed = intake
    edition = edition_in("voting")
    first, second = nominees(edition)
    (closed,) = nominees(edition_in("selection", year=2026), count=1)
    voter, headers = voter_headers()
    votes = f"/api/v1/prizes/editions/{edition.year}/votes"
    client.post(votes, json={"nominee": first.pk}, headers=headers)
    for language, sentence in (("en", "You have already voted in this category"), ("ar", "")):
        call = {"headers": {**headers, "Accept-Language": language}}
        taken = client.post(votes, json={"nominee": second.pk}, **call)
        assert not handed
        # The same call with the nominee as a string, which the intake leaves to Django.
        answered = client.post(votes, json={"nominee": str(second.pk)}, **call)
        assert handed.pop() == ("POST", votes)
        assert taken.status_code == answered.status_code == 409
        assert taken.json() == answered.json()
        assert taken.json()["detail"][0]["msg"].startswith(sentence)
        assert taken.headers["Content-Language"] == language
        for name in (*SECURITY_HEADERS, "Content-Type", "Content-Language", "Vary"):
            assert taken.headers[name] == answered.headers[name], name
        assert taken.headers["Content-Length"] == str(len(taken.content))
    assert "already voted" not in taken.text  # the Arabic answer
    # Voting not open in the nominee's edition: 409 from the intake too.
    closed_votes = "/api/v1/prizes/editions/2026/votes"
    late = client.post(closed_votes, json={"nominee": closed.pk}, headers=headers)
    assert late.status_code == 409 and not handed
    answered = client.post(closed_votes, json={"nominee": str(closed.pk)}, headers=headers)
    assert handed.pop() == ("POST", closed_votes)
    assert late.json() == answered.json() and "closed on" in late.text
    assert Vote.objects.filter(voter=voter).count() == 1
    assert hits(voter) == 1 + 4 + 2


def test_everything_else_is_answered_by_django_as_the_api_answers_it(intake):
    client, handed = intake
    edition = edition_in("voting")
    first, second = nominees(edition)
    voter, headers = voter_headers()
    votes = f"/api/v1/prizes/editions/{edition.year}/votes"
    client.post(votes, json={"nominee": first.pk}, headers=headers)
    calls = [
        # (method, path, json body, headers, status): refusals, then bodies it does not take
        ("POST", votes, {"nominee": 999999}, headers, 422),  # not a nominee
        ("POST", "/api/v1/prizes/editions/2031/votes", {"nominee": first.pk}, headers, 404),
        ("POST", votes, {"nominee": first.pk}, {"Authorization": "Bearer wsis_nope"}, 401),
        ("POST", votes, {"nominee": first.pk}, {}, 401),
        ("PUT", votes, {"nominee": str(second.pk)}, headers, 200),  # a string: ninja takes it
        ("POST", votes, {"nominee": first.pk, "more": 1}, headers, 409),
        ("POST", votes, [first.pk], headers, 422),
    ]
    for method, path, body, call_headers, status in calls:
        response = client.request(method, path, json=body, headers=call_headers)
        assert response.status_code == status, (method, path, body, response.text)
    assert len(handed) == len(calls)
    # A host Django does not serve is refused by Django, not voted.
    other = voter_headers()[1]
    wrong_host = client.post(
        votes, json={"nominee": first.pk}, headers={**other, "Host": "evil.example"}
    )
    assert wrong_host.status_code == 400 and Vote.objects.count() == 2  # first, then the change
    # Every call of the voter that reached the endpoint counted once, whichever side answered
    # it; the calls refused before it (no valid token, a body that is not an object) by neither.
    assert hits(voter) == 1 + (len(calls) - 3)


def test_the_rate_limit_holds_and_counts_each_call_once(intake, settings):
    client, handed = intake
    edition = edition_in("voting")
    (first,) = nominees(edition, count=1)
    voter, headers = voter_headers()
    votes = f"/api/v1/prizes/editions/{edition.year}/votes"
    answers = [
        client.put(votes, json={"nominee": first.pk}, headers=headers).status_code
        for _ in range(121)
    ]
    assert answers == [200] * 120 + [429]
    assert len(handed) == 1 and hits(voter) == 121
    assert Vote.objects.filter(voter=voter).count() == 1


def test_a_connection_broken_since_its_last_use_hands_the_vote_to_django(intake):
    # The intake skips Django's per-request health check; a connection the database dropped
    # meanwhile (here terminated, as a restart would) must not lose or refuse the vote.
    if connection.vendor != "postgresql":
        pytest.skip("a connection is terminated by PostgreSQL")
    client, handed = intake
    edition = edition_in("voting")
    first, second = nominees(edition)
    voter, headers = voter_headers()
    votes = f"/api/v1/prizes/editions/{edition.year}/votes"
    assert client.post(votes, json={"nominee": first.pk}, headers=headers).status_code == 201
    assert not handed
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchall()  # the server's connection
    other = nominees(edition, category="C4", count=1)[0]
    response = client.post(votes, json={"nominee": other.pk}, headers=headers)
    assert response.status_code == 201 and len(handed) == 1
    assert tally.voter_choices(edition, voter) == {
        first.category_id: first.pk,
        other.category_id: other.pk,
    }
    # And the intake takes the next one again, on Django's fresh connection.
    assert client.put(votes, json={"nominee": second.pk}, headers=headers).status_code == 200
    assert len(handed) == 1
