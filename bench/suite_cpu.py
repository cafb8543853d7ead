"""CPU seconds per test file of the suite, the browser's included.

As a pytest plugin it appends one line per test to `$SUITE_CPU_DIR/<worker>.tsv` (default
<temp dir>/suite-cpu): the test, its wall seconds, this process's CPU seconds (the live server's
thread included) and the CPU seconds of every process under it (Playwright's driver, Chromium),
read from /proc before and after the test. `/usr/bin/time` cannot give the browser's share:
pytest never waits for those processes. Run as a script, it sums the lines per file.

    rm -rf /tmp/suite-cpu
    PYTHONPATH=bench .venv/bin/python -m pytest -p suite_cpu -n 2 --dist loadgroup -q
    .venv/bin/python bench/suite_cpu.py 20

Linux only. A renderer that exits with its browser context takes its last moments' CPU with
it, so the browser column slightly undercounts.
"""

import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pytest

OUT = Path(os.environ.get("SUITE_CPU_DIR") or Path(tempfile.gettempdir()) / "suite-cpu")
TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    try:
        for thread in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{thread}/children") as f:
                found += [int(child) for child in f.read().split()]
    except OSError:
        pass
    return found


def descendants_cpu() -> float:
    """CPU seconds (user + system) used so far by the processes under this one."""
    total, todo = 0, _children(os.getpid())
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
        todo += _children(pid)
    return total / TICKS


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    wall, cpu, below = time.time(), time.process_time(), descendants_cpu()
    yield
    wall, cpu = time.time() - wall, time.process_time() - cpu
    below = max(descendants_cpu() - below, 0.0)
    OUT.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(OUT / f"{worker}.tsv", "a") as f:
        f.write(f"{item.nodeid}\t{wall:.3f}\t{cpu:.3f}\t{below:.3f}\n")


def summary(top: int) -> None:
    files = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for path in OUT.glob("*.tsv"):
        for line in path.read_text().splitlines():
            nodeid, wall, cpu, below = line.split("\t")
            row = files[nodeid.split("::")[0]]
            row[0] += 1
            row[1] += float(wall)
            row[2] += float(cpu)
            row[3] += float(below)
    tests, wall, cpu, below = (sum(row[i] for row in files.values()) for i in range(4))
    print(f"{tests} tests: {cpu:.0f} s pytest CPU, {below:.0f} s browser CPU, {wall:.0f} s wall")
    print("file\ttests\tCPU\tpytest\tbrowser\twall")
    ranked = sorted(files.items(), key=lambda kv: -(kv[1][2] + kv[1][3]))
    for name, (n, wall, cpu, below) in ranked[:top]:
        print(f"{name}\t{n}\t{cpu + below:.1f}\t{cpu:.1f}\t{below:.1f}\t{wall:.1f}")


if __name__ == "__main__":
    summary(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
