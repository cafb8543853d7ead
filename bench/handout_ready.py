"""Handout ready before anyone asks: publish → stored handout, and the download after a publish.

Builds its own throw-away database and media folder (nothing else is touched), loads the
clinic's exercise library and publishes a 12-exercise program for the demo patient, with the
worker in immediate mode (RESTORE_HUEY_IMMEDIATE=1: a queued task runs in this process at
once), then measures:

- publish → stored: from calling `publish_program` (a dose changed each time, so each run is a
  new version) until its transaction has committed and the worker's task has stored the
  version's handout, PUBLISH_RUNS times; median and p95. Immediate mode makes this the worker's
  own time (the render), with no queue wait: in production add the queue's poll interval
  (under a second with Redis, up to 2 s with the SQLite queue);
- download after publish: the patient's download of the current version through the view
  (Django test client, logged in), DOWNLOADS requests against the stored file; median and p95.
  Nothing renders (checked): every request takes the stored-file path.

    .venv/bin/python bench/handout_ready.py              # full run, prints a Markdown table
    BENCH_QUICK=1 .venv/bin/python bench/handout_ready.py  # fewer runs, for a smoke test

Targets (docs/performance.md): download p95 <= 50 ms, median <= 20 ms.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUICK = os.environ.get("BENCH_QUICK") == "1"
PUBLISH_RUNS = 5 if QUICK else 20
DOWNLOADS = 50 if QUICK else 200
ITEMS = 12


def setup_django(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["SQLITE_PATH"] = str(workdir / "db.sqlite3")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["RESTORE_HUEY_IMMEDIATE"] = "1"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)  # the worker logs each task; not part of what is measured


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95 → p95)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def build():
    """The library, the demo clinic and a draft of ITEMS exercises for the demo patient."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_library", stdout=io.StringIO())
    from demo.clinic_data import seed_clinic, seed_patients, seed_staff
    from programs.models import Exercise, Program, ProgramItem

    seed_clinic()
    staff = seed_staff()
    patients = seed_patients(staff)
    therapist = staff["maya@restore.example"]
    library = list(Exercise.objects.active().order_by("number"))
    program = Program.objects.create(
        patient=patients["rivera"],
        therapist=therapist,
        title=f"Home program, {ITEMS} exercises",
        goals="Sit through a full work meeting without leg pain.",
    )
    for order in range(ITEMS):
        exercise = library[order % len(library)]
        item = ProgramItem(program=program, exercise=exercise, order=order)
        item.apply_exercise_defaults(exercise)
        item.save()
    return program, therapist


def publish_to_stored(program, therapist, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds from publish to the version's stored handout, one new
    version per run."""
    from django.db import transaction

    from programs.models import HandoutFile
    from programs.services import publish_program

    timings, cpu = [], []
    for run in range(runs + 1):
        item = program.items.order_by("order").first()
        item.reps = 10 + run  # a new version each time
        item.save(update_fields=["reps"])
        start, start_cpu = time.perf_counter(), time.process_time()
        with transaction.atomic():
            revision = publish_program(program=program, by=therapist)
        # The commit ran the worker's task (immediate mode): the file is stored now.
        stored = HandoutFile.objects.filter(revision=revision).first()
        elapsed = (time.perf_counter() - start) * 1000
        elapsed_cpu = (time.process_time() - start_cpu) * 1000
        assert stored is not None and stored.file.storage.exists(stored.file.name)
        if run:  # the first publish also pays for loading fonts and the stylesheet
            timings.append(elapsed)
            cpu.append(elapsed_cpu)
    return timings, cpu


def downloads(program, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each download of the current version, all served from the
    stored file."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from programs.handouts import render

    settings.ALLOWED_HOSTS = ["testserver"]
    rendered = []
    real = render.render_handout_pdf
    render.render_handout_pdf = lambda **kwargs: rendered.append(kwargs) or real(**kwargs)
    client = Client()
    client.force_login(program.patient.user)
    url = reverse("programs:handout-pdf", kwargs={"uuid": program.uuid})
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        body = b"".join(response.streaming_content)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200 and body.startswith(b"%PDF")
    render.render_handout_pdf = real
    assert rendered == [], "a download rendered instead of serving the stored file"
    return timings, cpu


def main() -> None:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="handout-ready-bench-") as tmp:
        setup_django(Path(tmp))
        program, therapist = build()
        published = publish_to_stored(program, therapist, PUBLISH_RUNS)
        program.refresh_from_db()
        served = downloads(program, DOWNLOADS)
    load_after = os.getloadavg()

    def row(what, values, target, ok):
        (wall, cpu) = values
        median, p95 = statistics.median(wall), percentile(wall, 0.95)
        cpu_median, cpu_p95 = statistics.median(cpu), percentile(cpu, 0.95)
        met = "—" if ok is None else ("yes" if ok(median, p95) else "NO")
        return (
            f"| {what} | {median:.1f} / {p95:.1f} | {cpu_median:.1f} / {cpu_p95:.1f} "
            f"| {target} | {met} |"
        )

    lines = [
        "| Measure | Wall median / p95 ms | CPU median / p95 ms | Target (wall) | Met |",
        "|---|---|---|---|---|",
        row(
            f"Publish → stored handout, {ITEMS} exercises (immediate worker, {PUBLISH_RUNS} "
            "versions)",
            published,
            "—",
            None,
        ),
        row(
            f"Download after publish, stored file ({DOWNLOADS} requests)",
            served,
            "median ≤ 20, p95 ≤ 50",
            lambda median, p95: median <= 20 and p95 <= 50,
        ),
    ]
    print("\n".join(lines))
    print(
        "\nLoad average (1, 5, 15 min) at start "
        + " ".join(f"{v:.2f}" for v in load_before)
        + ", at end "
        + " ".join(f"{v:.2f}" for v in load_after)
    )


if __name__ == "__main__":
    main()
