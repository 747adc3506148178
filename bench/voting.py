"""Voting throughput: 200 concurrent voters casting, changing and repeating votes through
`POST`/`PUT /api/v1/prizes/editions/{year}/votes`, next to the same inserts made straight into
PostgreSQL, in one run.

    .venv/bin/python bench/voting.py [--seconds 30] [--clients 200] [--voters 20000]
        [--workers 2] [--threads 4] [--worker-class gthread|sync] [--kill-worker]
        [--database-url postgres://…]

On a PostgreSQL database of its own (`--database-url`, else $DATABASE_URL when it names
PostgreSQL, else `wsis_vote_bench` on 127.0.0.1 as the role wsis_ci, created if missing), it
loads the reference and demo data once, creates the voters once in bulk (verified e-mail
addresses, each with a fresh API token every run), opens a fresh demo edition
(`open_demo_edition`: its votes from the last run are deleted) and serves the site with gunicorn
(`--preload`, persistent database connections). Then `--clients` voters at a time, for
`--seconds`, each take a new voter and vote in every category in a random order: a POST (201),
sometimes a PUT changing it (200), sometimes a second POST (409). Each voter sends about 21
requests in well under a minute, below the API's 120 votes a minute per voter, so the rate
limit stays as it is. Afterwards it checks that the tally (`tally.results`) is exactly the
accepted votes (201 and 200 answers, a replaced vote counted once for its last nominee), that
every vote row comes from one accepted answer, and that no voter has two valid votes in a
category. Finally it replays the same operations (the accepted ones and the refused second
votes) with psycopg straight into the same table, under the same unique index, over as many
connections as the server holds (PostgreSQL here allows 100 connections, not 200), and prints
both rates with the CPU each part spent per vote: on a machine shared with other work the CPU
per vote moves less than the rate.

Workers: gthread, 2 processes of 4 threads. Two processes, one per core, because each runs
Python under one lock; four threads each, because a vote spends about 1.5 ms of CPU and 2 to
3 ms waiting for the database (its commit's flush to disk), so four requests keep a process
busy; and threads keep connections alive between requests, which sync workers cannot (each
request then pays a new connection: 2.3 to 2.7 ms of server CPU per vote with 5 or 8 sync
workers against 1.8 with gthread). Measured in turn on this machine: 4 x 4 costs 0.2 to 0.3 ms
more CPU per vote than 2 x 4 (more threads contending for each lock and more database
backends waking), 3 x 4 and 3 x 2 the same as 2 x 4 within the noise, 2 x 4 the lowest p95.

The load comes from this process with a few lines of HTTP/1.1 over asyncio streams, not httpx:
httpx spends about 1.8 ms of CPU a request, which on two cores shared with the server would
measure the client.

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
import resource
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
from common import ROOT, environment, free_port, manage, percentile

SERVER_LOG = ROOT / "var" / "bench" / "voting-gunicorn.log"  # a line per 409, 422, …
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


def serve(env: dict, port: int, worker_class: str, workers: int, threads: int) -> subprocess.Popen:
    SERVER_LOG.parent.mkdir(parents=True, exist_ok=True)
    log = SERVER_LOG.open("w")
    concurrency = (
        ["--threads", str(threads), "--keep-alive", "5"] if worker_class == "gthread" else []
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wsis.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--worker-class",
            worker_class,
            "--workers",
            str(workers),
            *concurrency,
            # Imports once in the master: a worker started again after a SIGKILL is ready at once.
            "--preload",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
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


def cpu_seconds(pids, children=False) -> dict[int, float]:
    """CPU time (user + system) of each process, with its reaped children's when asked."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used = int(fields[11]) + int(fields[12])
        if children:
            used += int(fields[13]) + int(fields[14])
        seconds[pid] = used / tick
    return seconds


class CPU:
    """CPU time spent during the load by the server (gunicorn's master, which adds up the
    workers it has reaped, and its live workers), by the PostgreSQL backends of the bench's
    database, and by this process (the clients): per vote, figures that the other work on a
    shared machine does not change as much as it changes the rate."""

    def __init__(self, master: int, url: str):
        self.master, self.url = master, url

    def backends(self) -> list[int]:
        with psycopg.connect(self.url, autocommit=True) as db:
            rows = db.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            ).fetchall()
        return [pid for (pid,) in rows]

    def sample(self) -> dict[str, float]:
        server = cpu_seconds([self.master], children=True) | cpu_seconds(workers_of(self.master))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "server": sum(server.values()),
            "postgres": cpu_seconds(self.backends()),
            "clients": usage.ru_utime + usage.ru_stime,
        }

    @staticmethod
    def spent(before: dict, after: dict) -> dict[str, float]:
        """Seconds per part; a backend that ended meanwhile (a killed worker's) is missed."""
        postgres = sum(t - before["postgres"].get(pid, 0) for pid, t in after["postgres"].items())
        return {
            "server": after["server"] - before["server"],
            "postgres": postgres,
            "clients": after["clients"] - before["clients"],
        }


# The load


class TransportError(Exception):
    """The connection failed before a whole answer came: the request's outcome is unknown."""


class Connection:
    """One keep-alive HTTP/1.1 connection. The load comes from this process, on the same two
    cores as the server, so it must cost little: httpx reached 560 requests/s with a whole core
    against a server that did nothing (1.8 ms of CPU a request); these lines, about 0.1 ms."""

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


def warm_up(port: int, year: int, voter: tuple[int, str]) -> None:
    """Requests that change nothing (an unknown nominee: 422) on several connections, so that
    every worker has imported and built what a vote needs before the clock starts."""

    async def ask():
        connection = Connection(port)
        for _ in range(5):
            await connection.request(
                "POST", f"/api/v1/prizes/editions/{year}/votes", voter[1], {"nominee": 0}
            )
        connection.close()

    async def all_of_them():
        await asyncio.gather(*(ask() for _ in range(16)))

    asyncio.run(all_of_them())


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
    standing = sum(1 for k in load.unknown if valid.get(k) == load.final.get(k) is not None)
    print(
        f"checked: the tally counts {sum(counted.values()):,} valid votes: the {len(expected):,} "
        "accepted last"
        + (
            f", {standing} accepted before a request that failed, {committed_unanswered} "
            "committed without an answer"
            if load.unknown
            else ""
        )
        + f"; {rows:,} vote rows for {accepted:,} accepted answers"
        + (f" + {committed_unanswered}" if committed_unanswered else "")
        + f"; {doubles} voters with two valid votes in a category"
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


def raw_replay(url: str, load: Load, year: int, connections: int) -> dict:
    """The accepted operations and refused second votes of the run, each voter's in order,
    over `connections` psycopg connections in autocommit (a change: void and insert in one
    transaction), after deleting the run's votes. Returns the seconds taken, the accepted and
    refused operations, and the CPU seconds of PostgreSQL's backends and of this process."""
    with psycopg.connect(url, autocommit=True) as db:
        edition = db.execute("SELECT id FROM prizes_edition WHERE year = %s", [year]).fetchone()[0]
        db.execute("DELETE FROM prizes_vote WHERE edition_id = %s", [edition])
    work = iter(load.operations)
    lock = threading.Lock()
    counts = collections.Counter()
    databases = [psycopg.connect(url, autocommit=True) for _ in range(connections)]

    def replay(db):
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

    backends = [db.info.backend_pid for db in databases]
    threads = [threading.Thread(target=replay, args=[db]) for db in databases]
    before, usage = cpu_seconds(backends), resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    after, used = cpu_seconds(backends), resource.getrusage(resource.RUSAGE_SELF)
    for db in databases:
        db.close()
    return {
        "seconds": seconds,
        "accepted": counts["accepted"],
        "refused": counts["refused"],
        "postgres": sum(after.values()) - sum(before.values()),
        "clients": used.ru_utime + used.ru_stime - usage.ru_utime - usage.ru_stime,
    }


def report(args, load: Load, elapsed: float, spent: dict, raw: dict, connections: int) -> None:
    accepted = load.statuses[200] + load.statuses[201]
    http = {part: spent[part] * 1000 / accepted for part in ("server", "postgres", "clients")}
    bare = {
        "server": 0,
        "postgres": raw["postgres"] * 1000 / raw["accepted"],
        "clients": raw["clients"] * 1000 / raw["accepted"],
    }
    print(
        f"\n{'':32}{'accepted':>10}{'requests':>10}{'p50':>7}{'p95':>7}   CPU ms per accepted vote"
    )
    print(f"{'':32}{'/s':>10}{'/s':>10}{'ms':>7}{'ms':>7}   server postgres clients   all")
    print(
        f"{f'HTTP, {args.clients} clients':32}{accepted / elapsed:>10,.0f}"
        f"{sum(load.statuses.values()) / elapsed:>10,.0f}"
        f"{percentile(load.latencies, 0.5) * 1000:>7.1f}"
        f"{percentile(load.latencies, 0.95) * 1000:>7.1f}   "
        f"{http['server']:>6.2f}{http['postgres']:>9.2f}{http['clients']:>8.2f}"
        f"{sum(http.values()):>6.2f}"
    )
    print(
        f"{f'raw psycopg, {connections} connections':32}{raw['accepted'] / raw['seconds']:>10,.0f}"
        f"{(raw['accepted'] + raw['refused']) / raw['seconds']:>10,.0f}{'':14}   "
        f"{'':6}{bare['postgres']:>9.2f}{bare['clients']:>8.2f}{sum(bare.values()):>6.2f}"
    )
    ratio = (raw["accepted"] / raw["seconds"]) / (accepted / elapsed)
    print(f"{'raw / HTTP':32}{ratio:>10.1f}")
    print(
        f"\nAt this CPU per vote two idle cores would carry {2000 / sum(http.values()):,.0f} "
        f"votes/s over HTTP (load average {os.getloadavg()[0]:.1f} at the end of this run)."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--voters", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--worker-class", choices=["gthread", "sync"], default="gthread")
    parser.add_argument("--kill-worker", action="store_true")
    parser.add_argument("--database-url")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    url = database_url(args.database_url)
    env = environment(url, CONN_MAX_AGE="600")  # one connection per worker thread, kept for the run
    prepare(url, env)
    from django.utils import timezone

    year = timezone.now().year + 1
    started = time.perf_counter()
    voters = make_voters(args.voters)
    print(f"{len(voters):,} voters with tokens ready in {time.perf_counter() - started:.1f} s")
    ballot = open_edition(env, year)
    port = free_port()
    server = serve(env, port, args.worker_class, args.workers, args.threads)
    warm_up(port, year, voters.pop())
    load = Load(ballot, voters, args.seed)
    cpu = CPU(server.pid, url)
    killed = []

    def kill():
        victim = random.Random(args.seed).choice(workers_of(server.pid))
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        print(f"SIGKILL sent to worker {victim} at {args.seconds / 2:.0f} s")

    try:
        before = cpu.sample()
        elapsed = asyncio.run(
            run_load(load, port, year, args.clients, args.seconds, args.kill_worker and kill)
        )
        spent = CPU.spent(before, cpu.sample())
    finally:
        server.terminate()
        server.wait(30)
    accepted = load.statuses[200] + load.statuses[201]
    threads = args.threads if args.worker_class == "gthread" else 1
    print(
        f"\nHTTP: {args.clients} clients for {elapsed:.1f} s, {load.used_voters:,} voters, "
        f"gunicorn {args.worker_class} {args.workers} workers x {threads} threads; answers: "
        + ", ".join(f"{k}: {v:,}" for k, v in sorted(load.statuses.items(), key=str))
    )
    problems = check(load, year)
    connections = args.workers * threads
    raw = raw_replay(url, load, year, connections)
    if raw["accepted"] != accepted:
        problems.append(f"the raw replay accepted {raw['accepted']:,}, HTTP {accepted:,}")
    report(args, load, elapsed, spent, raw, connections)
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
