"""Search latency: `GET /api/v1/initiatives?q=` over HTTP against the raw FTS5 query, same terms.

    .venv/bin/python bench/search.py [--initiatives 100000] [--rounds 5]

Builds (once) a SQLite database of synthetic published initiatives in var/bench/, serves it with
gunicorn, and for 50 queries in six languages prints p50/p95 of the HTTP endpoint (results,
count and facets, nothing cached between requests but the database's pages), for the first time
each query is asked and for repeated rounds, next to p50/p95 of the bare FTS5 query ranking the
top 20 by bm25, in the same run, and their ratios. The requests ask `mode=keyword`, the
full-text search the raw query is the floor of (the default hybrid mode also embeds the query,
about 20 ms on one core). Five rounds by default: the p95 of 250 requests falls among the
three heaviest queries' 15 (three rounds left it to the two fastest of their 9, and it moved by
a millisecond from run to run). This is a benchmark that prints figures, not a test.
"""

import argparse
import http.client
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from urllib.parse import urlencode

import httpx
from common import ROOT, environment, free_port, manage, percentile

DATABASE = ROOT / "var" / "bench" / "search.sqlite3"
QUERIES = [
    "rural schools",
    "telemedicine",
    "women farmers",
    "broadband villages",
    "open data government",
    "cybersecurity",
    "mobile payments markets",
    "disability accessibility",
    "satellite",
    "ethics",
    "digital skills youth",
    "climate water",
    "teachers libraries",
    "privacy identity",
    "radio",
    "écoles rurales",
    "télémédecine",
    "femmes agriculteurs",
    "données ouvertes",
    "coopérative",
    "accessibilité handicap",
    "escuelas rurales",
    "telemedicina",
    "mujeres agricultores",
    "datos abiertos",
    "conectividad comunitaria",
    "plataforma digital",
    "الصحة",
    "المدارس الريفية",
    "الانترنت",
    "الإنترنت",
    "المزارعين",
    "النساء التدريب",
    "الصِّحَّة الرقمية",
    "الشبكه المجتمعيه",
    "цифровые школы",
    "телемедицина",
    "женщины фермеры",
    "данные",
    "сельские сети",
    "农村学校",
    "远程医疗",
    "妇女 农民",
    "数据",
    "卫星 网络",
    "innovation",
    "startups entrepreneurs",
    "community network",
    "languages content",
    "water",
]


def prepare(count: int, env: dict) -> None:
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    manage("migrate", "--no-input", "-v0", env=env)
    manage("createcachetable", env=env)
    manage("load_reference_data", env=env)
    with sqlite3.connect(DATABASE) as db:
        have = db.execute(
            "SELECT count(*) FROM stocktaking_initiative WHERE status='published'"
        ).fetchone()[0]
    if have < count:
        started = time.perf_counter()
        manage("generate_initiatives", str(count - have), env=env)
        print(f"generated {count - have} initiatives in {time.perf_counter() - started:.0f} s")


def raw_fts5(terms_by_query: dict[str, str], rounds: int) -> list[float]:
    latencies = []
    db = sqlite3.connect(DATABASE)
    sql = (
        "SELECT rowid, bm25(search_fts, 4.0, 1.0) AS score FROM search_fts "
        "WHERE search_fts MATCH ? ORDER BY score LIMIT 20"
    )
    for _ in range(rounds):
        for fts in terms_by_query.values():
            started = time.perf_counter()
            db.execute(sql, [fts]).fetchall()
            latencies.append(time.perf_counter() - started)
    db.close()
    return latencies


def over_http(port: int, rounds: int) -> tuple[list[float], list[float], dict[str, int]]:
    """The first request of each query, and repeated rounds of them all. The client is the
    standard library's `http.client`: httpx spent 0.35 to 0.6 ms of each request in its own
    Python (measured against /healthz), which is the client's time, not the server's."""
    first, latencies, counts = [], [], {}
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(params: dict) -> tuple[int, bytes]:
        # A new connection when the server closed the last one (gunicorn's sync worker does).
        client.request("GET", "/api/v1/initiatives?" + urlencode(params))
        response = client.getresponse()
        return response.status, response.read()

    # The worker's first list request builds its facet index and loads the vocabularies.
    started = time.perf_counter()
    assert get({})[0] == 200
    print(f"warm-up (facet index built): {(time.perf_counter() - started) * 1000:.0f} ms")
    for query in QUERIES:
        started = time.perf_counter()
        status, body = get({"q": query, "mode": "keyword"})
        first.append(time.perf_counter() - started)
        counts[query] = json.loads(body)["count"]
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            status, body = get({"q": query, "mode": "keyword"})
            latencies.append(time.perf_counter() - started)
            assert status == 200, body
    client.close()
    return first, latencies, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    env = environment(f"sqlite:///{DATABASE}")
    prepare(args.initiatives, env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from wsis.search.fulltext import fts5_query

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wsis.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",  # requests are sent one at a time; one worker, warmed up once
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        first, repeated, counts = over_http(port, args.rounds)
    finally:
        server.terminate()
        server.wait(10)
    raw = raw_fts5({q: fts5_query(q) for q in QUERIES}, args.rounds)
    matches = sorted(counts.values())
    print(
        f"\n{args.initiatives:,} initiatives, {len(QUERIES)} queries x {args.rounds} rounds "
        f"(matches per query: median {statistics.median(matches):,.0f}, max {matches[-1]:,})"
    )
    print(f"{'':28}{'p50 ms':>10}{'p95 ms':>10}")
    rows = (
        ("HTTP, first request", first),
        ("HTTP, repeated", repeated),
        ("raw FTS5 top 20 (bm25)", raw),
    )
    for name, values in rows:
        print(
            f"{name:28}{percentile(values, 0.5) * 1000:>10.1f}"
            f"{percentile(values, 0.95) * 1000:>10.1f}"
        )
    print(
        f"{'ratio first / raw':28}{percentile(first, 0.5) / percentile(raw, 0.5):>10.2f}"
        f"{percentile(first, 0.95) / percentile(raw, 0.95):>10.2f}"
    )
    print(
        f"{'ratio repeated / raw':28}{percentile(repeated, 0.5) / percentile(raw, 0.5):>10.2f}"
        f"{percentile(repeated, 0.95) / percentile(raw, 0.95):>10.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
