"""`make run` starts without WeasyPrint in any process: the worker's task modules, migrate and
a seed_demo that finds the demo current load none of it (the URLs: tests/test_import_cost.py).
A handout render imports it when it runs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What the worker (huey's Django integration) loads as it starts: every app's tasks module.
WORKER = (
    "import django, importlib, sys; django.setup(); "
    "from django.apps import apps; "
    "[importlib.import_module(a.name + '.tasks') for a in apps.get_app_configs() "
    " if importlib.util.find_spec(a.name + '.tasks')]; "
    "import demo.fingerprint, demo.management.commands.seed_demo; "
    "from django.core.management.commands import migrate; "
    "print('weasyprint' in sys.modules)"
)


def test_worker_tasks_and_start_up_commands_do_not_import_weasyprint():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update({"DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"})
    result = subprocess.run(  # noqa: S603 - fixed argv, our own code
        [sys.executable, "-c", "import importlib.util; " + WORKER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
