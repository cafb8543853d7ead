"""What languages and scripts cost a handout: warm CPU time of the 12-exercise program as it is
(Latin names, English), with names and the program note in five scripts, in Spanish, and in
Spanish with English beside it. One process, renders alternating, median of RUNS (default 5).

Builds its own throw-away database with bench/handout_render.py's `build` (nothing else is
touched).

    .venv/bin/python bench/handout_languages.py          # prints a Markdown table
    RUNS=9 .venv/bin/python bench/handout_languages.py
"""

import copy
import importlib.util
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("RUNS", "5"))
NAMES = ["Zoë Ñúñez-O'Brien", "João Conceição", "王小明", "ليلى حداد", "Nguyễn Thị Hồng"]


def load_render_bench():
    """bench/handout_render.py under its own name (its setup and build are reused)."""
    spec = importlib.util.spec_from_file_location(
        "handout_render_bench", ROOT / "bench" / "handout_render.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    bench = load_render_bench()
    workdir = Path(tempfile.mkdtemp(prefix="handout-languages-"))
    bench.setup_django(workdir)
    ids = bench.build(workdir)
    from programs.handouts.render import render_handout_pdf
    from programs.models import ProgramRevision

    revision = ProgramRevision.objects.select_related("program__patient").get(pk=ids[12])
    patient = revision.program.patient
    # Other scripts, in memory only: the patient's name, the program note and one card's note.
    scripts = copy.copy(revision)
    scripts.snapshot = copy.deepcopy(revision.snapshot)
    scripts.snapshot["notes"] = "\n".join(NAMES)
    scripts.snapshot["items"][0]["note"] = f"{NAMES[3]} {NAMES[2]}"
    named = copy.copy(patient)
    named.first_name, named.last_name = NAMES[2], NAMES[3]
    cases = {
        "Latin names, English": lambda: render_handout_pdf(
            revision=revision, patient=patient, language="en"
        ),
        "Names and note in five scripts, English": lambda: render_handout_pdf(
            revision=scripts, patient=named, language="en"
        ),
        "Spanish": lambda: render_handout_pdf(revision=revision, patient=patient, language="es"),
        "Spanish + English": lambda: render_handout_pdf(
            revision=revision, patient=patient, language="es", bilingual=True
        ),
    }
    for render in cases.values():
        render()  # warm: fonts, stylesheet, pictures
    times = {name: [] for name in cases}
    files = {}
    for _ in range(RUNS):
        for name, render in cases.items():
            start = time.process_time()
            result = render()
            times[name].append(time.process_time() - start)
            files[name] = f"{len(result.pdf) // 1024} KB, {result.pages} pages"
    print(f"| Handout, 12 exercises (median of {RUNS}) | CPU | File |")
    print("|---|---|---|")
    for name in cases:
        print(f"| {name} | {statistics.median(times[name]) * 1000:.0f} ms | {files[name]} |")
    print(f"\nLoad average (1 min) at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
