"""Loading the URLs stays cheap: WeasyPrint is imported by the code that renders a handout.

Every process (each web worker, each `manage.py` command, each test worker) loads the URL
configuration; importing WeasyPrint costs most of a second of CPU, and few of them render.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = (
    "import django; django.setup(); import config.urls; import sys; "
    "print('weasyprint' in sys.modules)"
)


def test_loading_the_urls_does_not_import_weasyprint():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update({"DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"})
    result = subprocess.run(  # noqa: S603 - fixed argv, our own code
        [sys.executable, "-c", CODE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
