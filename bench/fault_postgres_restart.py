"""Fault drill: PostgreSQL restarts while gunicorn serves (docs/operations.md, "Faults we drill").

1. Creates a scratch database `restore_fault`, migrates it and seeds a therapist and a patient
   with a portal account.
2. Starts gunicorn (2 workers, production settings, persistent connections as deployed) on a
   free loopback port, and signs the patient in over HTTP (the login form, a session cookie).
3. Requests /healthz and the patient's portal page in a loop, restarts PostgreSQL
   (`pg_ctlcluster 15 main restart`) a few seconds in, and keeps requesting for a while after.
4. Reports the failed requests during the restart window and checks that every request sent
   after PostgreSQL accepts connections again succeeds (no storm of stale-connection errors).
5. Stops gunicorn and drops the scratch database.

Usage (as a user allowed to run pg_ctlcluster; PostgreSQL on 127.0.0.1:5432, user postgres):

    .venv/bin/python bench/fault_postgres_restart.py [--before 5] [--after 15]

Exit status 0 when every request after the restart succeeded, 1 otherwise.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "restore_fault"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
PASSWORD = "a-long-drill-password-42"  # noqa: S105 (a fictional patient in a scratch database)
SERVER_ENV = {
    "DATABASE_URL": DATABASE_URL,
    "DB_CONN_MAX_AGE": "600",  # as in production: connections outlive the restart
    "DJANGO_SECRET_KEY": "fault-drill-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_HSTS_SECONDS": "0",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "RESTORE_HUEY_IMMEDIATE": "0",
    "LOG_LEVEL": "WARNING",
}


def admin_sql(sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(ADMIN_URL.replace("postgres://", "postgresql://"))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def database_exists() -> bool:
    import psycopg2

    connection = psycopg2.connect(ADMIN_URL.replace("postgres://", "postgresql://"))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME])
            return cursor.fetchone() is not None
    finally:
        connection.close()


def drop_database() -> None:
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def pg_ready() -> bool:
    result = subprocess.run(  # noqa: S603
        ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=False
    )
    return result.returncode == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env: dict, *, seed: bool = True) -> str:
    """Migrate the scratch database and seed a patient; returns the patient's email."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    email = "patient@fault.example"
    if not seed:
        return email
    script = (
        "from tests.factories import PatientFactory, PatientUserFactory, TherapistFactory\n"
        "therapist = TherapistFactory(email='therapist@fault.example')\n"
        "user = PatientUserFactory(email='patient@fault.example')\n"
        f"user.set_password({PASSWORD!r}); user.save()\n"
        "PatientFactory(user=user, therapist=therapist, email=user.email)\n"
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True
    )
    return email


def without_health_checks(env: dict) -> dict:
    """The server's environment with a settings module that turns the health checks off."""
    folder = Path(tempfile.mkdtemp(prefix="restore-fault-settings-"))
    (folder / "fault_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        'DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405\n'
    )
    pythonpath = os.pathsep.join(filter(None, [str(folder), str(ROOT), env.get("PYTHONPATH")]))
    return {**env, "DJANGO_SETTINGS_MODULE": "fault_settings", "PYTHONPATH": pythonpath}


def start_server(env: dict, port: int) -> subprocess.Popen:
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (kept open for the server's lifetime)
        prefix="restore-fault-gunicorn-", suffix=".log", delete=False
    )
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
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
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start; see " + log.name)


class BehindTLS(DefaultCookiePolicy):
    """Send the Secure cookies (session, CSRF) over loopback HTTP, as nginx would over HTTPS."""

    def return_ok_secure(self, cookie, request):
        return True


def sign_in(base: str, email: str) -> urllib.request.OpenerDirector:
    """An opener holding the patient's session cookie, signed in through the login form."""
    jar = CookieJar(policy=BehindTLS())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 (loopback)
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    response = opener.open(request, timeout=10)
    if "/portal/" not in response.geturl():
        sys.exit(f"Signing in failed: ended on {response.geturl()}")
    return opener


def request(opener, url: str) -> tuple[int | str, float]:
    started = time.monotonic()
    try:
        response = opener.open(url, timeout=10)
        response.read()
        status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        status = type(error).__name__
    return status, time.monotonic() - started


def drill(
    base: str, opener, *, before: float, after: float, dry_run: bool = False, idle: bool = False
) -> dict:
    """Request in a loop; restart PostgreSQL `before` seconds in; go on `after` seconds after."""
    results = []  # (sent at, path, status, expected)
    urls = [("/healthz", 200), ("/portal/", 200)]
    start = time.monotonic()
    restart = None
    restarted_at = ready_at = None
    n = 0
    while True:
        now = time.monotonic() - start
        if restart is None and now >= before:
            restarted_at = now
            command = ["true"] if dry_run else ["pg_ctlcluster", "15", "main", "restart"]
            restart = subprocess.Popen(command)  # noqa: S603
        if restart is not None and ready_at is None and restart.poll() is not None:
            while not pg_ready():
                time.sleep(0.05)
            ready_at = time.monotonic() - start
        if idle and restart is not None and ready_at is None:
            time.sleep(0.05)
            continue
        if ready_at is not None and now >= ready_at + after:
            break
        if now > before + after + 120:
            break  # bounded even if PostgreSQL never came back
        path, expected = urls[n % len(urls)]
        n += 1
        sent = time.monotonic() - start
        status, took = request(opener, base + path)
        results.append((sent, path, status, expected, took))
        time.sleep(0.02)
    return {"results": results, "restarted_at": restarted_at, "ready_at": ready_at}


def report(outcome: dict) -> bool:
    results = outcome["results"]
    restarted_at, ready_at = outcome["restarted_at"], outcome["ready_at"]
    before = [r for r in results if r[0] < restarted_at]
    window = [r for r in results if restarted_at <= r[0] < (ready_at or float("inf"))]
    after = [r for r in results if ready_at is not None and r[0] >= ready_at]

    def failed(rows):
        return [r for r in rows if r[2] != r[3]]

    print(f"requests: {len(results)} in {results[-1][0]:.1f}s")
    print(f"before the restart: {len(before)} requests, {len(failed(before))} failed")
    down = (ready_at - restarted_at) if ready_at else float("nan")
    print(
        f"restart window ({down:.2f}s until pg_isready): {len(window)} requests, "
        f"{len(failed(window))} failed"
    )
    for sent, path, status, _, took in failed(window):
        print(f"    at {sent:6.2f}s {path:10} -> {status} ({took * 1000:.0f} ms)")
    print(f"after PostgreSQL was back: {len(after)} requests, {len(failed(after))} failed")
    for sent, path, status, _, took in failed(after):
        print(f"    at {sent:6.2f}s {path:10} -> {status} ({took * 1000:.0f} ms)")
    slowest = max((r[4] for r in after), default=0)
    print(f"slowest request after the restart: {slowest * 1000:.0f} ms")
    ok = ready_at is not None and bool(after) and not failed(after) and not failed(before)
    print("RESULT:", "PASS" if ok else "FAIL")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=float, default=5, help="seconds before the restart")
    parser.add_argument("--after", type=float, default=15, help="seconds after it is back")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the scratch database, and reuse it if there (migrating takes minutes)",
    )
    parser.add_argument(
        "--without-health-checks",
        action="store_true",
        help="the control: serve with CONN_HEALTH_CHECKS off, to see the errors it prevents",
    )
    parser.add_argument(
        "--idle",
        action="store_true",
        help="send nothing while PostgreSQL restarts (a restart at night): every worker still "
        "holds its old connection when requests resume",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="everything but the restart (checks the setup)"
    )
    args = parser.parse_args()
    if not pg_ready():
        sys.exit("PostgreSQL is not accepting connections on 127.0.0.1:5432.")

    env = {**os.environ, **SERVER_ENV, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DJANGO_DEBUG", None)
    env.pop("REDIS_URL", None)  # nothing here queues work; keep the drill to the database
    reuse = args.keep and database_exists()
    if not reuse:
        drop_database()
        admin_sql(f"CREATE DATABASE {DB_NAME}")
    server = None
    try:
        email = prepare(env, seed=not reuse)
        if args.without_health_checks:
            env = without_health_checks(env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(env, port)
        opener = sign_in(base, email)
        outcome = drill(
            base,
            opener,
            before=args.before,
            after=args.after,
            dry_run=args.dry_run,
            idle=args.idle,
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
            print("gunicorn log:", server.log_path)
        for _ in range(100):  # the drill may end with PostgreSQL still starting
            if pg_ready():
                break
            time.sleep(0.1)
        if not args.keep:
            drop_database()
    sys.exit(0 if report(outcome) else 1)


if __name__ == "__main__":
    main()
