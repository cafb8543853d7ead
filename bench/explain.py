"""Query plans and timings of the SQL behind the busiest pages, on a scale database.

Each page is requested once by Django's test client (as bench/pages.py does); every query it
ran is listed with its time, and the slowest ones get the database's plan: `EXPLAIN QUERY PLAN`
on SQLite, `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL.

    DJANGO_DEBUG=1 SQLITE_PATH=/tmp/scale/db.sqlite3 .venv/bin/python bench/explain.py
    DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/restore_scale \
        .venv/bin/python bench/explain.py "patient search" dashboard

Arguments are page names from bench/pages.py (default: all). `--top N` plans the N slowest
queries of each page (default 3); `--min-ms` skips queries faster than that (default 0.5).
`--buffers` (PostgreSQL) prints instead one line per page: the 8 kB pages its reads touched
(shared buffers hit and read, from EXPLAIN ANALYZE of every SELECT) and their execution time;
the pages touched measure the work whatever the machine's load, the times do not.
"""

import argparse
import importlib.util
import sys
from pathlib import Path

# bench/pages.py loaded under another name: as `pages` it would hide the project's `pages` app.
_spec = importlib.util.spec_from_file_location(
    "bench_pages", Path(__file__).resolve().parent / "pages.py"
)
_bench_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench_pages)
setup = _bench_pages.setup


def explain(connection, sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        rows = cursor.fetchall()
    # SQLite rows are (id, parent, notused, detail): indent each step under its parent.
    depth = {0: -1}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return "\n".join(lines)


def print_buffers(connection, name: str, queries: list) -> None:
    """One line: the page's SELECTs, the buffers they touched and their execution time."""
    hit = read = 0
    ms = 0.0
    selects = [sql for _, sql in queries if sql.lstrip().upper().startswith("SELECT")]
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0][0]
            hit += plan["Plan"].get("Shared Hit Blocks", 0)
            read += plan["Plan"].get("Shared Read Blocks", 0)
            ms += plan["Execution Time"]
    print(
        f"| {name} | {len(queries)} | {len(selects)} | {hit + read:,} ({read:,} read) | {ms:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="page names (default: all)")
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--min-ms", type=float, default=0.5)
    parser.add_argument("--buffers", action="store_true")
    args = parser.parse_args()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients, pages = setup()
    chosen = args.pages or list(pages)
    if args.buffers:
        if connection.vendor != "postgresql":
            sys.exit("--buffers needs PostgreSQL.")
        print("| page | queries | selects | buffers touched | SQL execution ms |")
        print("|---|---|---|---|---|")
    for name in chosen:
        if name not in pages:
            sys.exit(f"Unknown page {name!r}; choose from {', '.join(pages)}.")
        client = clients[name]
        client.get(pages[name])  # warm caches
        with CaptureQueriesContext(connection) as captured:
            client.get(pages[name])
        queries = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
        if args.buffers:
            print_buffers(connection, name, queries)
            continue
        total = sum(ms for ms, _ in queries)
        print(f"## {name}: {len(queries)} queries, {total:.1f} ms in SQL ({connection.vendor})\n")
        for ms, sql in queries:
            print(f"- {ms:7.2f} ms  {sql[:150]}")
        print()
        # Plans only for reads: EXPLAIN ANALYZE would run a write a second time.
        reads = [q for q in queries if q[1].lstrip().upper().startswith("SELECT")]
        slowest = sorted(reads, key=lambda q: q[0], reverse=True)[: args.top]
        for ms, sql in slowest:
            if ms < args.min_ms:
                continue
            plan = explain(connection, sql)
            print(f"### {ms:.2f} ms\n\n```sql\n{sql}\n```\n\n```\n{plan}\n```\n")


if __name__ == "__main__":
    main()
