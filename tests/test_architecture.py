"""The shape of the code: rules a reviewer would otherwise have to remember."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("clinic", "programs", "pages", "demo", "config")


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] not in PACKAGES:
                continue
        elif not (isinstance(node, ast.ImportFrom) and node.level > 0):
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{_shown(path)}:{node.lineno} imports {alias.name}")
    return found


def test_no_module_imports_another_modules_private_names():
    offenders = [line for path in _modules() for line in _private_imports(path)]
    assert offenders == []


def test_the_private_import_check_finds_one(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("from clinic.views.patients import _helper\nfrom .forms import Form\n")
    assert len(_private_imports(sample)) == 1


OUTSIDE = re.compile(r"CLINICAL(\.md| §)|\bissues? #?\d+\b|\.\./shared\b", re.IGNORECASE)


def test_nothing_points_outside_the_repository():
    """Code, templates, tests and docs say what they implement in their own words, not by a
    private reference's section number or a tracker's issue number, and read no file beside
    the checkout."""
    paths = [
        *_modules(),
        *sorted((ROOT / "templates").rglob("*.html")),
        *sorted((ROOT / "templates").rglob("*.txt")),
        *sorted((ROOT / "static").rglob("*.js")),
        *sorted((ROOT / "static").rglob("*.css")),
        *sorted((ROOT / "tests").rglob("*.py")),
        *sorted((ROOT / "docs").rglob("*.md")),
        *sorted((ROOT / "bench").rglob("*.py")),
        ROOT / "README.md",
    ]
    offenders = []
    for path in paths:
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{_shown(path)}:{number}: {line.strip()[:80]}")
    assert offenders == []
