"""Gap analysis latency: the gap page and its API over HTTP, next to the raw SQL count query.

    .venv/bin/python bench/gap.py [--initiatives 100000] [--rounds 20]

Builds (once) a SQLite database in var/bench/gap.sqlite3 with the reference data, the sources'
indicator figures and N synthetic published initiatives (`manage.py generate_initiatives`), plus
an Internet-use figure for every country made up for this benchmark only (source "synthetic",
never in the demo data), so that the page has a full table and map to draw. Serves it with
gunicorn (one worker, warmed up once) and prints p50/p95 of

- `GET /en/indicators/gaps/?line=C2` (the whole page: table of 249 countries, map data),
- `GET /api/v1/indicators/gap-analysis?line=C2`,
- the raw SQL that counts the same (country, Action Line) pairs from the registry's facet rows
  (a self-join of `stocktaking_facet`, grouped), with sqlite3 directly.

Goal: the page under 300 ms with 100,000 initiatives. This is a benchmark that prints figures,
not a test.
"""

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import time

import httpx
from common import ROOT, environment, free_port, manage, percentile

DATABASE = ROOT / "var" / "bench" / "gap.sqlite3"
FIGURES = ROOT / "var" / "bench" / "gap-internet-use.csv"
ADMIN = "bench-gap@wsis.test"
RAW_SQL = """
SELECT country.code, line.code, count(*)
FROM stocktaking_facet AS country
JOIN stocktaking_facet AS line ON line.initiative_id = country.initiative_id
WHERE country.facet = 'country' AND line.facet = 'action_line'
GROUP BY country.code, line.code
"""


def prepare(count: int, env: dict) -> None:
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    manage("migrate", "--no-input", "-v0", env=env)
    manage("createcachetable", env=env)
    manage("load_reference_data", env=env)
    manage("load_indicator_data", env=env)
    with sqlite3.connect(DATABASE) as db:
        have = db.execute(
            "SELECT count(*) FROM stocktaking_initiative WHERE status='published'"
        ).fetchone()[0]
        countries = [code for (code,) in db.execute("SELECT code FROM taxonomy_country")]
        admins = db.execute("SELECT count(*) FROM accounts_user WHERE email=?", [ADMIN]).fetchone()
    if have < count:
        started = time.perf_counter()
        manage("generate_initiatives", str(count - have), env=env)
        print(f"generated {count - have} initiatives in {time.perf_counter() - started:.0f} s")
    if not admins[0]:
        manage("createuser", ADMIN, "--role", "administrator", env=env)
    # Made-up figures for the benchmark's own database: a value a country for 2024.
    chance = random.Random(2026)
    lines = ["indicator_code,area_type,area_code,year,value,source"]
    lines += [
        f"internet_use,country,{code},2024,{chance.uniform(5, 99):.1f},synthetic (bench/gap.py)"
        for code in countries
    ]
    FIGURES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    manage("import_indicators", str(FIGURES), "--as", ADMIN, env=env)


def check_counts(base: str) -> int:
    """The API's counts against the raw SQL's, pair by pair: the benchmark measures the right
    thing. Returns the number of pairs compared."""
    answer = httpx.get(f"{base}/api/v1/indicators/gap-analysis", timeout=120).json()
    served = {
        (row["code"], line): count
        for row in answer["results"]
        for line, count in row["initiatives"].items()
        if count
    }
    with sqlite3.connect(DATABASE) as db:
        raw = {(country, line): count for country, line, count in db.execute(RAW_SQL)}
    raw = {key: count for key, count in raw.items() if "." not in key[1]}  # C7 sub-lines
    assert served == raw, "the gap analysis and the raw SQL disagree"
    return len(raw)


def over_http(base: str, rounds: int) -> dict[str, list[float]]:
    urls = {
        "HTTP gap page": "/en/indicators/gaps/?line=C2",
        "HTTP gap API": "/api/v1/indicators/gap-analysis?line=C2",
    }
    timings: dict[str, list[float]] = {name: [] for name in urls}
    with httpx.Client(base_url=base, timeout=120) as client:
        started = time.perf_counter()
        client.get(urls["HTTP gap API"]).raise_for_status()
        print(f"warm-up (facet index built): {(time.perf_counter() - started) * 1000:.0f} ms")
        client.get(urls["HTTP gap page"]).raise_for_status()  # templates and catalogs loaded
        for _ in range(rounds):
            for name, url in urls.items():
                started = time.perf_counter()
                response = client.get(url)
                timings[name].append(time.perf_counter() - started)
                assert response.status_code == 200, response.text[:500]
    return timings


def raw_sql(rounds: int) -> tuple[list[float], int]:
    latencies, pairs = [], 0
    with sqlite3.connect(DATABASE) as db:
        for _ in range(rounds):
            started = time.perf_counter()
            pairs = len(db.execute(RAW_SQL).fetchall())
            latencies.append(time.perf_counter() - started)
    return latencies, pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    env = environment(f"sqlite:///{DATABASE}")
    prepare(args.initiatives, env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "wsis.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
        + ["--log-level", "warning"],
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
        timings = over_http(f"http://127.0.0.1:{port}", args.rounds)
        compared = check_counts(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(10)
    timings["raw SQL pair counts"], pairs = raw_sql(max(3, args.rounds // 4))
    with sqlite3.connect(DATABASE) as db:
        published = db.execute(
            "SELECT count(*) FROM stocktaking_initiative WHERE status='published'"
        ).fetchone()[0]
    print(f"\n{published:,} published initiatives, {pairs:,} (country, line) pairs counted")
    print(
        f"the API's counts equal the raw SQL's for all {compared:,} non-empty (country, line) pairs"
    )
    print(f"{'':28}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    for name, values in timings.items():
        print(
            f"{name:28}{percentile(values, 0.5) * 1000:>10.1f}"
            f"{percentile(values, 0.95) * 1000:>10.1f}{statistics.mean(values) * 1000:>10.1f}"
        )
    page = percentile(timings["HTTP gap page"], 0.95) * 1000
    print(f"goal: the page under 300 ms (p95 {page:.0f} ms): {'met' if page < 300 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
