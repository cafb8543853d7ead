"""Load benchmarks on loopback only: gunicorn (2 workers) and wrk, bounded in time.

1. Read load: 20 concurrent logged-in patients request their portal program page for
   --duration seconds; the same harness then requests a minimal logged-in Django view
   (the "password changed" page) so the portal's throughput can be reported as a ratio.
2. Write load (SQLite): 20 concurrent patients save their session log; reports errors and
   any "database is locked" in the server log.

Usage (see docs/performance.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/restore_scale \
        .venv/bin/python bench/load.py read
    SQLITE_PATH=/tmp/scale/db.sqlite3 .venv/bin/python bench/load.py write

Needs Debian's wrk (`sudo apt-get install -y wrk`). Every request goes to 127.0.0.1.
`BENCH_PORT` moves the server off 8123. `--with-worker` also runs `manage.py run_huey` (one
worker thread, its own SQLite queue) beside gunicorn, as production does: each view's audit row
is written pending and the worker links it into the hash chain every few seconds, on the same
cores; the run then reports how many rows were still pending at the end.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PORT = int(os.environ.get("BENCH_PORT", "8123"))
BASE = f"http://127.0.0.1:{PORT}"
SERVER_ENV = {
    "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_HSTS_SECONDS": "0",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
}

LUA = r"""
local targets = {%TARGETS%}
local counter = 0
local body = %BODY%
local method = "%METHOD%"
local expected = %EXPECT%
local threads = {}
function setup(thread)
  thread:set("offset", math.random(1, #targets))
  table.insert(threads, thread)
end
function init(args)
  unexpected = 0
end
function response(status, headers, body)
  -- A lost session answers 302 to the login page, which wrk would count as a success.
  if status ~= expected then
    unexpected = unexpected + 1
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("unexpected")
  end
  io.write("Unexpected status: " .. total .. "\n")
end
function request()
  counter = counter + 1
  local t = targets[((counter + offset) % #targets) + 1]
  local headers = {Cookie = t.cookie, ["X-CSRFToken"] = t.csrf,
                   ["Content-Type"] = "application/x-www-form-urlencoded",
                   Referer = "%BASE%" .. t.path}
  if method == "POST" then
    return wrk.format("POST", t.path, headers, body)
  end
  return wrk.format("GET", t.path, headers)
end
"""


def django_setup():
    # The sessions made here must be readable by the server: same secret key, same settings.
    os.environ.update(SERVER_ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("RESTORE_TESTING", "1")
    import django

    django.setup()


def logged_in_patients(count: int):
    """(session cookie, csrf secret, program uuid) for `count` patients with a program."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from programs.models import Program

    user_model = get_user_model()
    csrf = "b" * 32  # an unmasked CSRF secret, sent as cookie and header
    rows = []
    programs = (
        Program.objects.filter(current_revision__isnull=False)
        .select_related("patient")
        .order_by("-id")[:count]
    )
    for program in programs:
        patient = program.patient
        if patient.user is None:
            patient.user = user_model.objects.create_user(
                email=f"load-{patient.pk}@scale.example", role="patient"
            )
            patient.save(update_fields=["user"])
        client = Client()
        client.force_login(patient.user)
        rows.append((client.cookies["sessionid"].value, csrf, str(program.uuid)))
    if len(rows) < count:
        sys.exit(f"Need {count} patients with published programs; found {len(rows)}.")
    return rows


def start_server(env: dict) -> subprocess.Popen:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (kept open for the server's lifetime)
        prefix="restore-gunicorn-", suffix=".log", delete=False
    )
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server.log_path = log.name
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=1)  # noqa: S310 (loopback)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start; see " + log.name)


def run_wrk(
    targets, *, duration: int, connections: int, expect: int, method="GET", body=""
) -> dict:
    lua_targets = ",".join(
        f'{{cookie="sessionid={c}; csrftoken={t}", csrf="{t}", path="{p}"}}' for c, t, p in targets
    )
    script = (
        LUA.replace("%TARGETS%", lua_targets)
        .replace("%BODY%", '"' + body + '"')
        .replace("%METHOD%", method)
        .replace("%EXPECT%", str(expect))
        .replace("%BASE%", BASE)
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    out = subprocess.run(  # noqa: S603
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            handle.name,
            BASE + "/",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,  # wrk stops itself after -d; this is the backstop
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    latency = re.search(r"Latency\s+([\d.]+\w+)", out).group(1)
    unexpected = int(re.search(r"Unexpected status: (\d+)", out).group(1))
    errors = (int(non2xx.group(1)) if non2xx else 0) + unexpected
    if socket:
        errors += sum(int(x) for x in socket.groups())
    return {
        "rps": rps,
        "requests": total,
        "errors": errors,
        "unexpected": unexpected,
        "latency_avg": latency,
        "raw": out,
    }


def start_worker(env: dict) -> subprocess.Popen:
    queue = tempfile.NamedTemporaryFile(prefix="restore-bench-huey-", suffix=".sqlite3")  # noqa: SIM115
    queue.close()
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (kept open for the worker's lifetime)
        prefix="restore-worker-", suffix=".log", delete=False
    )
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "run_huey", "--workers", "1"],
        cwd=ROOT,
        env={**env, "RESTORE_HUEY_SQLITE_PATH": queue.name, "REDIS_URL": ""},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker.log_path = log.name
    return worker


def read_benchmark(duration: int, *, with_worker: bool = False) -> None:
    django_setup()
    from django.urls import reverse

    patients = logged_in_patients(20)
    portal = [
        (c, t, reverse("programs:portal-program", kwargs={"uuid": u})) for c, t, u in patients
    ]
    minimal = [(c, t, reverse("password_change_done")) for c, t, _ in patients]
    env = {**os.environ, **SERVER_ENV}
    server = start_server(env)
    worker = start_worker(env) if with_worker else None
    try:
        base = run_wrk(minimal, duration=duration, connections=20, expect=200)
        page = run_wrk(portal, duration=duration, connections=20, expect=200)
        if worker is not None:
            from clinic.models import AuditEvent

            pending = AuditEvent.objects.filter(seq__isnull=True).count()
            print(f"audit rows still pending when wrk stopped: {pending}")
    finally:
        server.terminate()
        server.wait(10)
        if worker is not None:
            worker.terminate()
            worker.wait(20)
            print("worker log: " + worker.log_path)
    print(
        f"minimal logged-in view: {base['rps']:.0f} req/s, {base['errors']} errors, "
        f"avg latency {base['latency_avg']}"
    )
    print(
        f"portal program page:   {page['rps']:.0f} req/s, {page['errors']} errors, "
        f"avg latency {page['latency_avg']}"
    )
    print(f"ratio portal/minimal:  {page['rps'] / base['rps']:.2f}")


def write_benchmark(duration: int) -> None:
    django_setup()
    from django.conf import settings
    from django.urls import reverse

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        sys.exit("The write benchmark is for the SQLite default: unset DATABASE_URL.")
    from django.utils import timezone

    from clinic.models import AuditEvent
    from programs.models import SessionLog

    patients = logged_in_patients(20)
    targets = [(c, t, reverse("programs:portal-log", kwargs={"uuid": u})) for c, t, u in patients]
    # The portal's session-log page posts two forms at once (programs/portal_forms.py): the log
    # (exercises ticked by position, both pain scores, leg symptoms, comment) and the safety
    # check, where "none of these" must be ticked for the log to be saved.
    body = (
        "exercises_done=1&exercises_done=2&back_pain=3&leg_pain=2&leg_symptoms=same"
        "&comment=load+benchmark&none_of_these=on"
    )
    env = {**os.environ, **SERVER_ENV}
    started = timezone.now()
    server = start_server(env)
    try:
        # A saved log redirects (302) to the progress page; a refused form answers 200.
        result = run_wrk(
            targets, duration=duration, connections=20, expect=302, method="POST", body=body
        )
    finally:
        server.terminate()
        server.wait(10)
    locked = Path(server.log_path).read_text().count("database is locked")
    # A refused form is a 200 to wrk, so count what reached the database: one audit row per
    # save, and today's log for each of the 20 programs.
    saves = AuditEvent.objects.filter(
        at__gte=started, action__in=["create", "update"], object_type="programs.sessionlog"
    ).count()
    logged = SessionLog.objects.filter(
        program__uuid__in=[u for _, _, u in patients],
        date=timezone.localdate(),
        comment="load benchmark",
        updated_at__gte=started,
    ).count()
    print(
        f"session-log saves: {result['rps']:.0f} req/s, {result['requests']} requests, "
        f"{result['errors']} errors (non-2xx/3xx, socket, or not the expected status), "
        f"{locked} 'database is locked', "
        f"avg latency {result['latency_avg']}"
    )
    print(f"saves recorded in the audit log: {saves}; programs with today's log: {logged}/20")
    print("gunicorn log: " + server.log_path)


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed. Run: sudo apt-get install -y wrk")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=["read", "write"])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument(
        "--with-worker", action="store_true", help="Run the worker (audit linking) too."
    )
    args = parser.parse_args()
    if args.scenario == "read":
        read_benchmark(args.duration, with_worker=args.with_worker)
    else:
        write_benchmark(args.duration)


if __name__ == "__main__":
    main()
