"""Instructions per request of the portal program page and of a bare logged-in page.

Counted by valgrind's callgrind, which does not depend on machine load (wrk's throughput
does). One process: Django's test client logs a demo patient in, warms both pages, then
serves N requests of one page. The script runs itself three times under callgrind (warm-up
only, warm-up + N bare pages, warm-up + N program pages); the differences divided by N are
the instructions per request, and their quotient is the figure `bench/load.py` reports as a
throughput ratio (bare / portal, higher is better).

    DATABASE_URL=sqlite:////tmp/x/db.sqlite3 .venv/bin/python bench/portal_instructions.py

(against a database after `migrate` and `seed_demo`). `--inner bare|portal|portal-linked|
portal-miss|none|none-miss N` is the process callgrind runs; `BENCH_N` sets N (default 40).

Each view writes its audit row as one insert, pending; the worker links it into the hash chain
seconds later, in another process. "portal-linked" serves the N kept pages and then links
their N rows as the worker does, so (portal-linked − portal) / N is the worker's share per
view, paid off the request path.

The program page keeps its body for the day (programs/portal_page.py), so after the warm-up
every "portal" request is a kept page, as a patient's second view of the day is. "portal-miss"
counts the page rendered every time (the first view of the day, or the first after a change):
the kept body is never found, and is stored each time as a real miss stores it.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def inner(which: str, runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("RESTORE_TESTING", "1")  # allow the test client's host
    import gc

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from programs.models import Program

    settings.ALLOWED_HOSTS = ["testserver"]
    if which in ("portal-miss", "none-miss"):
        from programs import portal_page

        portal_page.get = lambda key: None
        which = which.removesuffix("-miss")
    program = (
        Program.objects.filter(
            status=Program.Status.PUBLISHED,
            current_revision__isnull=False,
            patient__user__isnull=False,
            patient__archived_at__isnull=True,
        )
        .select_related("patient__user")
        .order_by("id")
        .first()
    )
    if program is None:
        sys.exit("No active program with a patient login: run migrate and seed_demo first.")
    client = Client()
    client.force_login(program.patient.user)
    urls = {
        "bare": reverse("password_change_done"),
        "portal": reverse("programs:portal-program", kwargs={"uuid": program.uuid}),
    }
    from clinic import audit

    for url in urls.values():  # warm imports, templates, caches, connections
        for _ in range(5):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
    audit.link_pending()  # the warm-up's rows, and warms the linker
    gc.collect()
    link = which == "portal-linked"
    which = which.removesuffix("-linked")
    if which != "none":
        for _ in range(runs):
            response = client.get(urls[which])
            assert response.status_code == 200, (urls[which], response.status_code)
    if link:
        audit.link_pending()


def count(which: str, runs: int) -> int:
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--inner",
            which,
            str(runs),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        check=True,
    )
    match = re.search(r"Collected : (\d+)", result.stderr)
    if match is None:
        sys.exit(result.stderr[-2000:])
    return int(match.group(1))


def main() -> None:
    runs = int(os.environ.get("BENCH_N", "40"))
    base = count("none", runs)
    bare = (count("bare", runs) - base) / runs
    portal_count = count("portal", runs)
    portal = (portal_count - base) / runs
    linking = (count("portal-linked", runs) - portal_count) / runs
    # Its own warm-up (5 rendered pages, not 1 rendered and 4 kept) is its own base.
    miss = (count("portal-miss", runs) - count("none-miss", runs)) / runs
    print(f"requests per page: {runs}")
    print(f"bare logged-in page:  {bare / 1e6:.2f} M instructions per request")
    print(f"portal program page, kept body:     {portal / 1e6:.2f} M instructions per request")
    print(f"portal program page, rendered:      {miss / 1e6:.2f} M instructions per request")
    print(f"the worker linking each view's audit row: {linking / 1e6:.2f} M instructions")
    print(f"ratio bare / portal (kept body):  {bare / portal:.2f}")
    print(f"ratio bare / portal (rendered):   {bare / miss:.2f}")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--inner":
        inner(sys.argv[2], int(sys.argv[3]))
    else:
        main()
