"""Demo data for the programs side: library, templates, programs and portal activity.

Each step is idempotent and runs after the clinic's demo data (see seed_demo).
"""

from .library import load_library


def seed_library() -> None:
    """The 36 shipped exercises; re-running keeps any edits made in the demo."""
    load_library()


def seed(*, staff, patients) -> None:
    """Later steps (templates, programs, logs) are added here as they are built."""
    seed_library()
