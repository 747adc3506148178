"""Export and bulk import of 100,000 initiatives: rows per second and peak memory, each next to
the raw database doing the same rows, in one run.

    .venv/bin/python bench/export_import.py [--initiatives 100000]

Uses the synthetic registry of bench/search.py (var/bench/search.sqlite3, built if missing).
Each measure runs in a process of its own, so that its peak resident memory is its own:

- export: `GET /api/v1/initiatives/export?format=csv` as the platform writes it (exports.py,
  streamed to a file), against a bare sqlite3 query of the same rows with their tags as
  grouped codes, written with the csv module;
- import: `import_initiatives` of that CSV into an empty registry (var/bench/import.sqlite3),
  every row checked with the submission form's rules and written with its tags, facets, search
  terms, history and event, against bare sqlite3 inserts of the same rows into the same table.

This is a benchmark that prints figures, not a test.
"""

import argparse
import csv
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, environment

BENCH = ROOT / "var" / "bench"
REGISTRY = BENCH / "search.sqlite3"
EMPTY = BENCH / "import.sqlite3"
EXPORTED = BENCH / "export.csv"
RAW_EXPORTED = BENCH / "export-raw.csv"
ADMIN = "bench-import@wsis.test"


def sqlite_environment(database: Path) -> dict:
    return environment(f"sqlite:///{database}")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def django_setup(database: Path) -> None:
    os.environ.update(sqlite_environment(database))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# Each phase runs in a child process and prints one JSON line.


def phase_export(count: int) -> dict:
    django_setup(REGISTRY)
    from wsis.stocktaking import exports
    from wsis.stocktaking.models import Initiative

    initiatives = Initiative.objects.filter(status="published").order_by("pk")
    ids = list(initiatives.values_list("pk", flat=True)[:count])
    started = time.perf_counter()
    rows = 0
    with EXPORTED.open("w", encoding="utf-8", newline="") as out:
        records = exports.records(initiatives.filter(pk__lte=ids[-1]), "en")
        for chunk in exports.csv_lines(records):
            out.write(chunk)
    seconds = time.perf_counter() - started
    with EXPORTED.open(encoding="utf-8-sig", newline="") as back:
        rows = sum(1 for _ in csv.DictReader(back))
    return {"rows": rows, "seconds": seconds, "peak_mb": peak_mb()}


RAW_EXPORT_SQL = """
SELECT i.id, i.title, i.summary, i.description, i.language, o.name, i.scope, i.start_date,
       i.end_date, i.work_state, i.website, i.partners, i.funding_amount, i.funding_currency,
       i.funding_source, i.published_at,
       (SELECT group_concat(c.code, '; ') FROM stocktaking_initiative_countries ic
          JOIN taxonomy_country c ON c.id = ic.country_id WHERE ic.initiative_id = i.id),
       (SELECT group_concat(a.code, '; ') FROM stocktaking_initiativeactionline t
          JOIN taxonomy_actionline a ON a.id = t.action_line_id WHERE t.initiative_id = i.id),
       (SELECT group_concat(s.code, '; ') FROM stocktaking_initiativesdgtarget t
          JOIN taxonomy_sdgtarget s ON s.id = t.target_id WHERE t.initiative_id = i.id)
FROM stocktaking_initiative i LEFT JOIN accounts_organisation o ON o.id = i.organisation_id
WHERE i.status = 'published' ORDER BY i.id LIMIT ?
"""


def phase_raw_export(count: int) -> dict:
    started = time.perf_counter()
    database = sqlite3.connect(REGISTRY)
    rows = 0
    with RAW_EXPORTED.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        cursor = database.execute(RAW_EXPORT_SQL, [count])
        while batch := cursor.fetchmany(1000):
            writer.writerows(batch)
            rows += len(batch)
    return {"rows": rows, "seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def phase_import(count: int) -> dict:
    django_setup(EMPTY)
    from wsis.accounts.models import User
    from wsis.stocktaking import imports

    content = EXPORTED.read_bytes()
    started = time.perf_counter()
    report = imports.import_initiatives(User.objects.get(email=ADMIN), EXPORTED.name, content)
    seconds = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"import failed: {report.problems[:5]}")
    return {"rows": report.imported, "seconds": seconds, "peak_mb": peak_mb()}


RAW_COLUMNS = (
    "title",
    "summary",
    "description",
    "language",
    "scope",
    "work_state",
    "website",
    "partners",
    "funding_currency",
    "funding_source",
)


def phase_raw_import(count: int) -> dict:
    database = sqlite3.connect(EMPTY, isolation_level=None)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("PRAGMA synchronous=NORMAL")
    owner = database.execute("SELECT id FROM accounts_user WHERE email = ?", [ADMIN]).fetchone()[0]
    started = time.perf_counter()
    with EXPORTED.open(encoding="utf-8-sig", newline="") as source:
        rows = [
            (*(row[c] if c != "partners" else json.dumps(row[c].split("; ")) for c in RAW_COLUMNS),)
            for row in csv.DictReader(source)
        ]
    database.execute("BEGIN IMMEDIATE")
    database.executemany(
        f"INSERT INTO stocktaking_initiative ({', '.join(RAW_COLUMNS)}, status, owner_id, "
        "facet_codes, contact_email, created_at, updated_at) "
        f"VALUES ({', '.join('?' * len(RAW_COLUMNS))}, 'published', {owner}, '', '', "
        "datetime('now'), datetime('now'))",
        rows,
    )
    seconds = time.perf_counter() - started
    database.execute("ROLLBACK")  # the raw rows were only timed
    return {"rows": len(rows), "seconds": seconds, "peak_mb": peak_mb()}


PHASES = {
    "export": phase_export,
    "raw_export": phase_raw_export,
    "import": phase_import,
    "raw_import": phase_raw_import,
}


def run(phase: str, count: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--initiatives", str(count)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def manage(database: Path, *args) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=sqlite_environment(database),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=100_000)
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.initiatives)))
        return 0

    sys.path.insert(0, str(ROOT / "bench"))
    from search import prepare  # the same synthetic registry as the search benchmark

    prepare(args.initiatives, sqlite_environment(REGISTRY))
    EMPTY.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{EMPTY}{suffix}").unlink(missing_ok=True)
    manage(EMPTY, "migrate", "--no-input", "-v0")
    manage(EMPTY, "createcachetable")
    manage(EMPTY, "load_reference_data")
    manage(EMPTY, "createuser", ADMIN, "--role", "administrator")

    figures = [
        ("export, exports.py to CSV", run("export", args.initiatives)),
        ("export, raw sqlite3 + csv", run("raw_export", args.initiatives)),
        ("import, import_initiatives", run("import", args.initiatives)),
        ("import, raw sqlite3 inserts", run("raw_import", args.initiatives)),
    ]
    print(f"\n{'':32}{'rows':>9}{'seconds':>9}{'rows/s':>9}{'peak MB':>9}")
    for name, figure in figures:
        print(
            f"{name:32}{figure['rows']:>9,}{figure['seconds']:>9.1f}"
            f"{figure['rows'] / figure['seconds']:>9,.0f}{figure['peak_mb']:>9,.0f}"
        )
    export, raw_export, imported, raw_import = (figure for _name, figure in figures)

    def speed(figure):
        return figure["rows"] / figure["seconds"]

    print(
        f"\nexport {speed(raw_export) / speed(export):.1f}x slower than raw, import "
        f"{speed(raw_import) / speed(imported):.1f}x slower than raw; "
        f"{imported['rows']:,} rows imported in {imported['seconds']:.0f} s (goal: under 120 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
