"""The fonts check: every family the handout stylesheets ask for is installed, and when one is
missing `manage.py check` says which and how to install it, without stopping the app."""

import re
from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, run_checks

from programs.handouts import fonts


def test_every_handout_font_is_installed():
    missing = fonts.missing_fonts()
    assert not missing, (
        f"Missing fonts: {', '.join(missing)}. Install them with bin/system-deps "
        "(Debian: fonts-noto-core fonts-noto-cjk fonts-dejavu-core)."
    )


def test_check_is_quiet_when_the_fonts_are_there():
    assert [m for m in run_checks() if m.id == "restore.W010"] == []


def test_check_warns_with_the_packages_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: {"DejaVu Sans", "Noto Sans"})
    (warning,) = fonts.handout_fonts(None)
    assert isinstance(warning, Warning)  # a warning: the app still starts
    assert "Noto Sans CJK SC" in warning.msg and "Noto Naskh Arabic" in warning.msg
    assert "fonts-noto-cjk" in warning.hint and "fonts-noto-core" in warning.hint
    assert "bin/system-deps" in warning.hint


def test_check_warns_without_fontconfig(monkeypatch):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    (warning,) = fonts.handout_fonts(None)
    assert "DejaVu Sans" in warning.msg


def test_stylesheets_ask_for_every_required_font_in_order():
    """Each PDF stylesheet names the families in the fallback order, DejaVu last."""
    order = list(fonts.REQUIRED_FONTS)
    order.remove("DejaVu Sans")
    order.append("DejaVu Sans")
    for name in ("handout.css", "summary.css", "record-summary.css"):
        css = (Path(settings.BASE_DIR) / "static" / "css" / name).read_text()
        stack = re.search(r"font-family:\s*([^;]*Noto[^;]*);", css)
        assert stack, f"{name} has no Noto font stack"
        families = [f.strip().strip('"') for f in stack.group(1).split(",")]
        positions = [families.index(family) for family in order]
        assert positions == sorted(positions), (name, families)
