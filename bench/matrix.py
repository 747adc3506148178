"""Matrix latency: `GET /api/v1/matrix` and `/api/v1/matrix/gaps` as the registry grows.

    .venv/bin/python bench/matrix.py [--initiatives 20000] [--rounds 5]

Builds (once, then grows) a SQLite database of synthetic published initiatives in var/bench/,
loads the reference matrix, and prints p50/max of both endpoints in-process (Django's test
client: no network, no server), next to the number of SQL queries each made, which must not grow
with the registry. This is a benchmark that prints figures, not a test.
"""

import argparse
import os
import statistics
import sys
import time

from common import ROOT, manage

DATABASE = ROOT / "var" / "bench" / "matrix.sqlite3"


def prepare(count: int, env: dict) -> None:
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    manage("migrate", "--no-input", "-v0", env=env)
    manage("createcachetable", env=env)
    manage("load_reference_data", env=env)
    manage("load_matrix", env=env)
    import sqlite3

    with sqlite3.connect(DATABASE) as db:
        have = db.execute(
            "SELECT count(*) FROM stocktaking_initiative WHERE status='published'"
        ).fetchone()[0]
    if have < count:
        started = time.perf_counter()
        manage("generate_initiatives", str(count - have), env=env)
        print(f"generated {count - have} initiatives in {time.perf_counter() - started:.0f} s")


def measure(rounds: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wsis.stocktaking.models import Initiative

    client = Client()
    print(f"published initiatives: {Initiative.objects.filter(status='published').count()}")
    for url in ("/api/v1/matrix", "/api/v1/matrix/gaps", "/en/matrix/"):
        client.get(url)  # vocabularies and the database's pages warm
        times = []
        for _ in range(rounds):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                assert client.get(url).status_code == 200
                times.append(time.perf_counter() - started)
        print(
            f"{url:<22} p50 {statistics.median(times) * 1000:7.0f} ms  "
            f"max {max(times) * 1000:7.0f} ms  queries {len(queries)}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    env = os.environ | {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "wsis.settings",
        "ALLOWED_HOSTS": "testserver,localhost",
    }
    prepare(options.initiatives, env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    measure(options.rounds)


if __name__ == "__main__":
    main()
