"""The security gates: pip-audit's verdict is read, not trusted blindly, and CI runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []}
VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {
            "name": "pillow",
            "version": "9.0.0",
            "vulns": [{"id": "PYSEC-2022-1", "fix_versions": ["9.0.1"], "description": "..."}],
        },
    ],
    "fixes": [],
}
UNREACHABLE = {
    "dependencies": [
        {
            "name": "django",
            "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.19)",
        }
    ],
    "fixes": [],
}


def _judge(tmp_path, report, strict=False):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report))
    env = {**os.environ, "PIP_AUDIT_STRICT": "1" if strict else ""}
    return subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bin/audit-dependencies"), "--from-json", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_clean_report_passes(tmp_path):
    result = _judge(tmp_path, CLEAN)
    assert result.returncode == 0
    assert "1 packages audited, no known vulnerabilities" in result.stdout


def test_a_known_vulnerability_fails(tmp_path):
    result = _judge(tmp_path, VULNERABLE)
    assert result.returncode == 1
    assert "VULNERABLE pillow 9.0.0: PYSEC-2022-1 (fixed in 9.0.1)" in result.stdout


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_an_unreachable_service_is_said_loudly(tmp_path, strict, code):
    result = _judge(tmp_path, UNREACHABLE, strict=strict)
    assert result.returncode == code
    assert "pip-audit could NOT audit 1 of 1 packages" in result.stdout


def test_ci_runs_the_gates_after_the_postgresql_suite():
    script = (ROOT / ".ci/run").read_text()
    assert (
        script.index("make suite") < script.index("make gates") < script.index("make check-deploy")
    )
    makefile = (ROOT / "Makefile").read_text()
    assert "bandit -r clinic programs config -ll" in makefile
    assert "bin/audit-dependencies -r requirements.txt" in makefile
    dev = (ROOT / "requirements-dev.txt").read_text()
    assert "bandit==" in dev and "pip-audit==" in dev
