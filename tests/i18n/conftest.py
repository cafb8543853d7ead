import shutil
import subprocess

import pytest
from django.utils.translation import trans_real

from tests.i18n import catalogue


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The .mo files `make` builds, built here too when a test runs on its own."""
    if shutil.which("msgfmt") is None:
        return
    for po in catalogue.po_files():
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            argv = ["msgfmt", "--check", "-o", str(mo), str(po)]
            subprocess.run(argv, check=True)  # noqa: S603, S607 - gettext on our own files
    trans_real._translations = {}
    trans_real._default = None
