"""Voting throughput: 200 concurrent voters casting, changing and repeating votes through
`POST`/`PUT /api/v1/prizes/editions/{year}/votes`, next to the same inserts made straight into
PostgreSQL, in one run.

    .venv/bin/python bench/voting.py [--seconds 30] [--clients 200] [--voters 20000]
        [--workers 4] [--threads 4] [--kill-worker] [--database-url postgres://…]

On a PostgreSQL database of its own (`--database-url`, else $DATABASE_URL when it names
PostgreSQL, else `wsis_vote_bench` on 127.0.0.1 as the role wsis_ci, created if missing), it
loads the reference and demo data once, creates the voters once in bulk (verified e-mail
addresses, each with a fresh API token every run), opens a fresh demo edition
(`open_demo_edition`: its votes from the last run are deleted) and serves the site with gunicorn.
Then `--clients` voters at a time, for `--seconds`, each take a new voter and vote in every
category in a random order: a POST (201), sometimes a PUT changing it (200), sometimes a second
POST (409). Afterwards it checks that the tally (`tally.results`) is exactly the accepted votes
(201 and 200 answers, a replaced vote counted once for its last nominee), that every vote row
comes from one accepted answer, and that no voter has two valid votes in a category. Finally it
replays the same operations (the accepted ones and the refused second votes) with psycopg
straight into the same table, the same unique index, as many connections as the server holds,
and prints both rates.

`--kill-worker` sends SIGKILL to one gunicorn worker halfway through (gunicorn starts another).
The requests it was serving fail for their clients and are not counted as accepted; a vote it
committed without answering is the only difference allowed between the database and the accepted
votes, and each is named in the output.

This is a benchmark that prints figures, not a test.
"""

import argparse
import asyncio
import collections
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://wsis_ci:wsis_ci@127.0.0.1:5432/wsis_vote_bench"
VOTER_DOMAIN = "bench.wsis.test"
CHANGE_SHARE = 0.15  # of the votes cast, how many are then changed with a PUT
REPEAT_SHARE = 0.05  # ... and how many are followed by a second POST in the category (409)
ACCEPTED = (200, 201)


def database_url(given: str | None) -> str:
    if given:
        return given
    env = os.environ.get("DATABASE_URL", "")
    return env if env.startswith(("postgres://", "postgresql://")) else DEFAULT_DATABASE


def environment(url: str) -> dict:
    return os.environ | {
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
        # One connection per worker thread, kept for the whole run (the default is 60 s).
        "CONN_MAX_AGE": "600",
        "DJANGO_SETTINGS_MODULE": "wsis.settings",
    }


def manage(*args, env) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as db:
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            db.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def prepare(url: str, env: dict) -> None:
    ensure_database(url)
    manage("migrate", "--no-input", "-v0", env=env)
    manage("createcachetable", env=env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from wsis.stocktaking.models import Initiative
    from wsis.taxonomy.models import ActionLine

    if not ActionLine.objects.exists():
        manage("load_reference_data", env=env)
    if not Initiative.objects.filter(status="published").exists():
        started = time.perf_counter()
        manage("load_demo_data", "--in-production", env=env)
        print(f"demo data loaded in {time.perf_counter() - started:.0f} s")


def make_voters(count: int) -> list[tuple[int, str]]:
    """`count` voters with verified e-mail addresses (made once, in bulk), each with a new API
    token: (user id, raw token)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from wsis.accounts.models import ApiToken, User
    from wsis.accounts.services import TOKEN_PREFIX, token_digest

    emails = [f"voter{i:06d}@{VOTER_DOMAIN}" for i in range(count)]
    with transaction.atomic():
        have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        User.objects.bulk_create(
            [
                User(email=email, password=make_password(None))
                for email in emails
                if email not in have
            ],
            batch_size=5000,
        )
        ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=ids[email], email=email, verified=True, primary=True)
                for email in emails
                if email not in have
            ],
            batch_size=5000,
        )
        ApiToken.objects.filter(user_id__in=ids.values()).delete()
        voters = [(ids[email], TOKEN_PREFIX + secrets.token_urlsafe(32)) for email in emails]
        ApiToken.objects.bulk_create(
            [
                ApiToken(user_id=user, name="bench", prefix=raw[:12], digest=token_digest(raw))
                for user, raw in voters
            ],
            batch_size=5000,
        )
    return voters


def open_edition(env: dict, year: int) -> dict[int, list[int]]:
    """A fresh demo edition: category id → its nominees' ids."""
    manage("open_demo_edition", "--in-production", "--year", str(year), "--hours", "2", env=env)
    from wsis.prizes.models import Entry

    ballot: dict[int, list[int]] = collections.defaultdict(list)
    for pk, category in Entry.objects.filter(edition__year=year).values_list("pk", "category_id"):
        ballot[category].append(pk)
    return dict(ballot)


# Serving


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wsis.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if s.recv(12).endswith(b"200"):
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def workers_of(master: int) -> list[int]:
    """The worker processes of the gunicorn master (its children)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return children


# The load


class TransportError(Exception):
    """The connection failed before a whole answer came: the request's outcome is unknown."""


class Connection:
    """One keep-alive HTTP/1.1 connection. The load comes from this process, on the same two
    cores as the server, so it must cost little: httpx spends about 1.8 ms of CPU a request
    (560 requests/s for a whole core against a server that does nothing), which would take the
    server's place at the rates measured here; these lines cost a few hundredths of that."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def request(self, method: str, path: str, token: str, payload: dict) -> int:
        body = json.dumps(payload).encode()
        try:
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            self.writer.write(
                f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            async with asyncio.timeout(60):
                head = (await self.reader.readuntil(b"\r\n\r\n")).lower()
                length = int(head.split(b"content-length:", 1)[1].split(b"\r\n", 1)[0])
                await self.reader.readexactly(length)
        except (OSError, EOFError, TimeoutError, asyncio.IncompleteReadError) as error:
            self.close()
            raise TransportError from error
        if b"connection: close" in head:
            self.close()
        return int(head[9:12])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Load:
    """What the clients did and were told."""

    def __init__(self, ballot: dict[int, list[int]], voters, seed: int):
        self.ballot = ballot
        self.voters = iter(voters)
        self.seed = seed
        self.statuses = collections.Counter()
        self.latencies: list[float] = []
        self.final: dict[tuple[int, int], int] = {}  # (voter, category) → last accepted nominee
        self.unknown: dict[tuple[int, int], set] = {}  # outcome unknown: the possible choices
        # Per voter, what was asked and answered: (voter, [(method, category, nominee, status)]).
        self.operations: list[tuple[int, list[tuple]]] = []
        self.used_voters = 0

    async def client(self, port: int, path: str, deadline: float) -> None:
        connection = Connection(port)
        for voter, token in self.voters:
            if time.perf_counter() >= deadline:
                break
            self.used_voters += 1
            rng = random.Random(self.seed * 1_000_003 + voter)
            log = []
            self.operations.append((voter, log))
            categories = list(self.ballot)
            rng.shuffle(categories)
            for category in categories:
                if time.perf_counter() >= deadline:
                    break
                nominees = self.ballot[category]
                plan = [("POST", rng.choice(nominees))]
                if rng.random() < CHANGE_SHARE:
                    plan.append(("PUT", rng.choice([n for n in nominees if n != plan[0][1]])))
                if rng.random() < REPEAT_SHARE:
                    plan.append(("POST", rng.choice(nominees)))
                for method, nominee in plan:
                    key = (voter, category)
                    started = time.perf_counter()
                    try:
                        status = await connection.request(method, path, token, {"nominee": nominee})
                    except TransportError:
                        self.statuses["failed"] += 1
                        self.unknown[key] = {self.final.get(key), nominee}
                        break  # its outcome is unknown: nothing more in this category
                    self.latencies.append(time.perf_counter() - started)
                    self.statuses[status] += 1
                    log.append((method, category, nominee, status))
                    if status in ACCEPTED:
                        self.final[key] = nominee
        connection.close()


async def run_load(load: Load, port: int, year: int, clients: int, seconds: float, kill) -> float:
    path = f"/api/v1/prizes/editions/{year}/votes"
    started = time.perf_counter()
    deadline = started + seconds
    tasks = [asyncio.create_task(load.client(port, path, deadline)) for _ in range(clients)]
    if kill:
        await asyncio.sleep(seconds / 2)
        kill()
    await asyncio.gather(*tasks)
    return time.perf_counter() - started


# Checks


def check(load: Load, year: int) -> list[str]:
    """Problems found (none expected): the tally against the accepted votes, every vote row
    against the accepted answers, one valid vote per voter and category."""
    from django.db.models import Count

    from wsis.prizes import tally
    from wsis.prizes.models import Edition, Vote

    edition = Edition.objects.get(year=year)
    problems = []
    valid = dict(
        ((voter, category), entry)
        for voter, category, entry in Vote.objects.filter(
            edition=edition, voided_at__isnull=True
        ).values_list("voter_id", "category_id", "entry_id")
    )
    committed_unanswered = 0
    for key, choices in load.unknown.items():
        if valid.get(key) not in choices:
            problems.append(f"{key}: {valid.get(key)} in the database, not one of {choices}")
        elif valid.get(key) is not None and valid.get(key) != load.final.get(key):
            committed_unanswered += 1
            print(
                f"  committed without an answer (killed worker): voter {key[0]}, "
                f"category {key[1]}, nominee {valid[key]}"
            )
    expected = {k: v for k, v in load.final.items() if k not in load.unknown}
    for key, nominee in expected.items():
        if valid.get(key) != nominee:
            problems.append(f"{key}: accepted {nominee}, the database has {valid.get(key)}")
    for key in set(valid) - set(expected) - set(load.unknown):
        problems.append(f"{key}: a valid vote no answer accepted")
    counted = collections.Counter(
        {n["entry"].pk: n["votes"] for row in tally.results(edition) for n in row["nominees"]}
    )
    resolved = collections.Counter(expected.values()) + collections.Counter(
        valid[k] for k in load.unknown if valid.get(k) is not None
    )
    if +counted != +resolved:
        problems.append(f"tally {sum(counted.values())} votes, accepted {sum(resolved.values())}")
    accepted = load.statuses[200] + load.statuses[201]
    rows = Vote.objects.filter(edition=edition).count()
    if rows - accepted != committed_unanswered:
        problems.append(
            f"{rows} vote rows for {accepted} accepted answers "
            f"({committed_unanswered} committed without an answer)"
        )
    doubles = (
        Vote.objects.filter(edition=edition, voided_at__isnull=True)
        .values("voter", "category")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    if doubles:
        problems.append(f"{doubles} voters with two valid votes in a category")
    print(
        f"checked: the tally counts {sum(counted.values()):,} valid votes for "
        f"{len(expected):,} voter-category pairs accepted last"
        + (f" + {committed_unanswered} committed unanswered" if committed_unanswered else "")
        + f"; {rows:,} vote rows for {accepted:,} accepted answers; {doubles} double votes"
    )
    return problems


# The same operations straight into PostgreSQL


INSERT = (
    "INSERT INTO prizes_vote (edition_id, category_id, entry_id, voter_id, cast_at, address, "
    "void_reason) VALUES (%s, %s, %s, %s, now(), '127.0.0.1', '')"
)
VOID = (
    "UPDATE prizes_vote SET voided_at = now(), void_reason = 'changed' "
    "WHERE voter_id = %s AND category_id = %s AND voided_at IS NULL"
)


def raw_replay(url: str, load: Load, year: int, connections: int) -> tuple[float, int, int]:
    """The accepted operations and refused second votes of the run, each voter's in order,
    over `connections` psycopg connections in autocommit (a change: void and insert in one
    transaction), after deleting the run's votes. Returns the seconds taken, the accepted and
    the refused."""
    with psycopg.connect(url, autocommit=True) as db:
        edition = db.execute("SELECT id FROM prizes_edition WHERE year = %s", [year]).fetchone()[0]
        db.execute("DELETE FROM prizes_vote WHERE edition_id = %s", [edition])
    work = iter(load.operations)
    lock = threading.Lock()
    counts = collections.Counter()

    def replay():
        with psycopg.connect(url, autocommit=True) as db:
            while True:
                with lock:
                    voter, operations = next(work, (None, None))
                if voter is None:
                    return
                for method, category, nominee, status in operations:
                    if status not in (200, 201, 409):
                        continue
                    try:
                        if method == "PUT":
                            with db.transaction():
                                db.execute(VOID, [voter, category])
                                db.execute(INSERT, [edition, category, nominee, voter])
                        else:
                            db.execute(INSERT, [edition, category, nominee, voter])
                        outcome = "accepted"
                    except psycopg.errors.UniqueViolation:
                        outcome = "refused"
                    with lock:
                        counts[outcome] += 1

    threads = [threading.Thread(target=replay) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, counts["accepted"], counts["refused"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--voters", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--kill-worker", action="store_true")
    parser.add_argument("--database-url")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    url = database_url(args.database_url)
    env = environment(url)
    prepare(url, env)
    from django.utils import timezone

    year = timezone.now().year + 1
    started = time.perf_counter()
    voters = make_voters(args.voters)
    print(f"{len(voters):,} voters with tokens ready in {time.perf_counter() - started:.1f} s")
    ballot = open_edition(env, year)
    port = free_port()
    server = serve(env, port, args.workers, args.threads)
    load = Load(ballot, voters, args.seed)
    killed = []

    def kill():
        victim = random.Random(args.seed).choice(workers_of(server.pid))
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        print(f"SIGKILL sent to worker {victim} at {args.seconds / 2:.0f} s")

    try:
        elapsed = asyncio.run(
            run_load(load, port, year, args.clients, args.seconds, args.kill_worker and kill)
        )
    finally:
        server.terminate()
        server.wait(30)
    accepted = load.statuses[200] + load.statuses[201]
    print(
        f"\nHTTP: {args.clients} clients for {elapsed:.1f} s, {load.used_voters:,} voters, "
        f"gunicorn {args.workers} workers x {args.threads} threads; answers: "
        + ", ".join(f"{k}: {v:,}" for k, v in sorted(load.statuses.items(), key=str))
    )
    problems = check(load, year)
    connections = args.workers * args.threads
    raw_seconds, raw_accepted, raw_refused = raw_replay(url, load, year, connections)
    if raw_accepted != accepted:
        problems.append(f"the raw replay accepted {raw_accepted:,}, HTTP {accepted:,}")
    print(f"\n{'':40}{'accepted/s':>12}{'requests/s':>12}{'p50 ms':>9}{'p95 ms':>9}")
    print(
        f"{'HTTP, ' + str(args.clients) + ' clients':40}{accepted / elapsed:>12,.0f}"
        f"{sum(load.statuses.values()) / elapsed:>12,.0f}"
        f"{percentile(load.latencies, 0.5) * 1000:>9.1f}"
        f"{percentile(load.latencies, 0.95) * 1000:>9.1f}"
    )
    print(
        f"{'raw psycopg, ' + str(connections) + ' connections':40}"
        f"{raw_accepted / raw_seconds:>12,.0f}{(raw_accepted + raw_refused) / raw_seconds:>12,.0f}"
    )
    print(f"{'ratio raw / HTTP':40}{(raw_accepted / raw_seconds) / (accepted / elapsed):>12.1f}")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
