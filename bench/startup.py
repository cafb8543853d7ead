"""Start-up benchmark: from `make run` to the first page served, on a second run.

`make run` checks the set-up, migrates, seeds the demo and starts the development server with
its worker (bin/run-dev). The first run on a new database seeds everything; every later run
should find the demo already seeded and current and be serving within a few seconds.

This runs `make run` against a throw-away SQLite database, media folder and task queue, on a
port of its own (RUN_ADDRESS), RUNS + 1 times: the first (cold: migrations and the whole seed)
is timed and reported apart, the others are the "second run". Each time is from starting
`make` to the first 200 from /healthz, then the whole process group is stopped with Ctrl+C
(SIGINT) as a developer would.

    .venv/bin/python bench/startup.py            # 5 second runs
    BENCH_RUNS=3 .venv/bin/python bench/startup.py

Target (docs/performance.md): a second `make run` serves its first page within 5 s on an idle
machine. The load average is printed beside the times: on a busy machine the wall time grows.
"""

import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TARGET_S = 5.0
TIMEOUT_S = 600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serves(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our http URL)
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def one_run(env: dict, port: int, log: Path) -> tuple[float, float]:
    """Seconds from `make run` to the first 200, and the CPU seconds its children used."""
    url = f"http://127.0.0.1:{port}/healthz"
    before = os.times()
    start = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"RUN_ADDRESS=127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            while not serves(url):
                if process.poll() is not None:
                    raise RuntimeError(f"make run stopped (exit {process.returncode}); see {log}")
                if time.perf_counter() - start > TIMEOUT_S:
                    raise RuntimeError(f"nothing served within {TIMEOUT_S} s; see {log}")
                time.sleep(0.05)
            elapsed = time.perf_counter() - start
        finally:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return elapsed, cpu


def timed(command: list[str], env: dict) -> tuple[float, float]:
    before, start = os.times(), time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    after = os.times()
    return time.perf_counter() - start, (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def server_alone(env: dict, port: int) -> tuple[float, float]:
    """The development server by itself (no worker), from its start to its first 200."""
    url = f"http://127.0.0.1:{port}/healthz"
    before, start = os.times(), time.perf_counter()
    process = subprocess.Popen(
        [".venv/bin/python", "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    while not serves(url):
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    os.killpg(process.pid, signal.SIGINT)
    process.wait()
    after = os.times()
    return elapsed, (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def phases(env: dict, port: int) -> list[tuple[str, float, float]]:
    """The steps of a second run one by one: the ones before the server run in turn, so on an
    idle 2-core machine their CPU time (the worker has the other core) is the wait."""
    dev = {**env, "DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": "dev-only-insecure-key-make-run"}
    py = ".venv/bin/python"
    rows = [
        ("make setup (up-to-date checks)", *timed(["make", "-s", "setup"], env)),
        (
            "migrate --skip-checks",
            *timed([py, "manage.py", "migrate", "--noinput", "--skip-checks"], dev),
        ),
        ("seed_demo --skip-checks", *timed([py, "manage.py", "seed_demo", "--skip-checks"], dev)),
        ("runserver to its first 200", *server_alone(dev, port)),
    ]
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        workdir = Path(tmp)
        env = {
            **os.environ,
            "SQLITE_PATH": str(workdir / "db.sqlite3"),
            "MEDIA_ROOT": str(workdir / "media"),
            "RESTORE_HUEY_SQLITE_PATH": str(workdir / "huey.sqlite3"),
        }
        env.pop("DATABASE_URL", None)
        port = free_port()
        load_before = os.getloadavg()
        cold, cold_cpu = one_run(env, port, workdir / "run-0.log")
        times = []
        for n in range(1, RUNS + 1):
            times.append(one_run(env, port, workdir / f"run-{n}.log"))
            time.sleep(1)  # the port and the queue file let go
        seeded = (workdir / "run-1.log").read_text()
        steps = phases(env, port)
        load_after = os.getloadavg()
    walls = [wall for wall, _ in times]
    median = statistics.median(walls)
    print("| Run | Wall s (median; min–max) | CPU s of the processes (median) | Target | Met |")
    print("|---|---|---|---|---|")
    print(f"| First run (migrate, whole seed) | {cold:.1f} | {cold_cpu:.1f} | — | — |")
    print(
        f"| Second run (median of {RUNS}) | {median:.1f}; {min(walls):.1f}–{max(walls):.1f} "
        f"| {statistics.median(c for _, c in times):.1f} | ≤ {TARGET_S:.0f} s "
        f"| {'yes' if median <= TARGET_S else 'NO'} |"
    )
    print("\n| Step of a second run, alone | Wall s | CPU s |")
    print("|---|---|---|")
    for name, wall, cpu in steps:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    print(f"| Sum | {sum(w for _, w, _ in steps):.2f} | {sum(c for _, _, c in steps):.2f} |")
    print("\nSecond run skipped the seed:", "already seeded" in seeded)
    print(
        "Load average (1, 5, 15 min): before "
        + " / ".join(f"{x:.2f}" for x in load_before)
        + "; after "
        + " / ".join(f"{x:.2f}" for x in load_after)
    )


if __name__ == "__main__":
    main()
