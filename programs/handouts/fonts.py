"""The fonts a handout needs, and a system check that says which are missing.

Handouts (and the record summaries) print names and notes in any script: accented Latin,
Vietnamese, Chinese, Arabic, Hebrew. WeasyPrint finds fonts through fontconfig, and a character
no installed font has prints as an empty box. The stylesheets ask for Noto first, then DejaVu
(static/css/handout.css); bin/system-deps installs them from Debian's packages. This check runs
with `manage.py check`, `runserver` and `migrate`, and warns (it does not stop the app: a
handout without these fonts still prints, only with boxes for what no font has).
"""

from __future__ import annotations

import shutil
import subprocess

from django.core.checks import Warning, register

# A family the stylesheets name -> the Debian package that installs it.
REQUIRED_FONTS = {
    "Noto Sans": "fonts-noto-core",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Noto Naskh Arabic": "fonts-noto-core",
    "Noto Sans Hebrew": "fonts-noto-core",
    "DejaVu Sans": "fonts-dejavu-core",
}


def installed_families() -> set[str] | None:
    """Every font family fontconfig knows (each name of each family), or None without fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    result = subprocess.run(  # noqa: S603 - fixed argv
        [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False
    )
    families = set()
    for line in result.stdout.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def missing_fonts(families: set[str] | None = None) -> list[str]:
    """The required families fontconfig does not have (all of them without fontconfig)."""
    families = installed_families() if families is None else families
    return [name for name in REQUIRED_FONTS if families is None or name not in families]


@register()
def handout_fonts(app_configs, **_kwargs):
    missing = missing_fonts()
    if not missing:
        return []
    packages = " ".join(sorted({REQUIRED_FONTS[name] for name in missing}))
    return [
        Warning(
            "Fonts for handouts and summaries are missing: "
            + ", ".join(missing)
            + ". Names and notes in other scripts (Chinese, Arabic, ...) would print as boxes.",
            hint=f"Run bin/system-deps, or: apt-get install {packages} (then fc-cache -f).",
            id="restore.W010",
        )
    ]
