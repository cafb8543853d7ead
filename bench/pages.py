"""Server time of the busiest pages at scale, measured in-process by Django's test client.

Run against a database filled by `manage.py seed_scale` (see docs/performance.md):

    DJANGO_DEBUG=1 SQLITE_PATH=/tmp/scale/db.sqlite3 .venv/bin/python bench/pages.py
    DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/restore_scale \
        .venv/bin/python bench/pages.py

It prints median and p95 per page plus the number of SQL queries, as a Markdown table.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("RESTORE_TESTING", "1")  # allow the test client's host

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from clinic.models import Patient, User  # noqa: E402
from programs.models import Program  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "60"))
TARGETS_MS = {
    "patient search": 50,
    "patient search, part of an email": 50,
    "patient page": 100,
    "dashboard": 200,
    "dashboard, all check-ins": 200,
    "dashboard, a therapist with patients": 200,
    "portal program": 50,
}


def measure(client: Client, url: str, runs: int = RUNS) -> dict:
    """Wall-clock median and p95, the median CPU time of this process, and the query count.

    The CPU time is what the request cost the Django process (and SQLite, which runs inside
    it); on a busy machine the wall time also holds the wait for a free core, the CPU time
    does not. PostgreSQL's own work is in the wall time only.
    """
    client.get(url)  # warm caches and connections
    timings, cpu = [], []
    queries = 0
    for _ in range(runs):
        reset_queries()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(connection.queries)
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "cpu": statistics.median(cpu),
        "queries": queries,
    }


def setup() -> tuple[dict[str, Client], dict[str, str]]:
    """Logged-in clients and URLs of the measured pages, from the scale data."""
    settings.DEBUG = True  # count queries
    settings.ALLOWED_HOSTS = ["testserver"]
    therapist = User.objects.filter(email__endswith="@scale.example", role="therapist").first()
    if therapist is None:
        sys.exit("No scale data: run `manage.py seed_scale` first.")
    staff = Client()
    staff.force_login(therapist)
    # The first therapist of seed_scale holds only archived patients (every tenth patient is
    # archived and every tenth is theirs), so their dashboard lists no one; the second has a
    # tenth of the clinic's active patients.
    busy = (
        User.objects.filter(email__endswith="@scale.example", role="therapist")
        .exclude(pk=therapist.pk)
        .order_by("pk")
        .first()
    )
    busy_staff = Client()
    busy_staff.force_login(busy)

    program = (
        Program.objects.filter(patient__email__endswith="@scale.example")
        .select_related("patient")
        .order_by("-id")
        .first()
    )
    patient = program.patient
    if patient.user is None:
        patient.user = User.objects.create_user(
            email=f"bench-{patient.pk}@scale.example", role="patient"
        )
        patient.save(update_fields=["user"])
    portal = Client()
    portal.force_login(patient.user)
    sample = Patient.objects.filter(email__endswith="@scale.example").order_by("id")[1234]

    pages = {
        "patient search": reverse("clinic:patient-list") + f"?q={sample.last_name[:5]}",
        # With an @ the search matches any part of the email (the trigram index on PostgreSQL).
        "patient search, part of an email": reverse("clinic:patient-list")
        + f"?q={sample.email.split('@')[0][1:]}@scale",
        "patient page": reverse("pages:patient-detail", kwargs={"uuid": patient.uuid}),
        "dashboard": reverse("pages:dashboard"),
        # An admin's dashboard, or a therapist covering for colleagues: every patient's alerts.
        "dashboard, all check-ins": reverse("pages:dashboard") + "?checkins=all",
        "dashboard, a therapist with patients": reverse("pages:dashboard"),
    }
    try:
        pages["portal program"] = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    except NoReverseMatch:
        print("(no programs:portal-program URL in this version: portal page skipped)")
    clients = {name: portal if name.startswith("portal") else staff for name in pages}
    clients["dashboard, a therapist with patients"] = busy_staff
    return clients, pages


def main() -> None:
    clients, pages = setup()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"database: {connection.vendor}; patients: {Patient.objects.count():,}; runs: {RUNS}; "
        f"load average before: {load}"
    )
    print("| page | median ms | p95 ms | target p95 ms | queries | median CPU ms |")
    print("|---|---|---|---|---|---|")
    for name, url in pages.items():
        m = measure(clients[name], url)
        verdict = "ok" if m["p95"] <= TARGETS_MS[name] else "MISSED"
        print(
            f"| {name} | {m['median']:.1f} | {m['p95']:.1f} | {TARGETS_MS[name]} ({verdict}) "
            f"| {m['queries']} | {m['cpu']:.1f} |"
        )
    print("load average after: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
