"""Demo data for the programs side: library, templates, programs and portal activity.

Each step is idempotent and runs after the clinic's demo data (see seed_demo).
"""


def seed(*, staff, patients) -> None:
    """Later steps (library, templates, programs, logs) are added here as they are built."""
