"""Pages and file size of the 8- and 12-exercise handouts, in English, Spanish and Spanish with
English under each card; writes the PDFs to a folder so they can be looked at (pdftoppm).

Builds its own throw-away database with bench/handout_render.py's `build` (the 12-exercise
program, library order, default doses) and publishes an 8-exercise program beside it (the
first 8 library exercises), so nothing else is touched.

    .venv/bin/python bench/handout_pages.py              # PDFs in a new temporary folder
    .venv/bin/python bench/handout_pages.py OUT_DIR
"""

import importlib.util
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = {
    "English": {"language": "en"},
    "Spanish": {"language": "es"},
    "Spanish + English": {"language": "es", "bilingual": True},
    "English, large print": {"language": "en", "large_print": True},
}


def load_render_bench():
    """bench/handout_render.py under its own name (its setup and build are reused)."""
    spec = importlib.util.spec_from_file_location(
        "handout_render_bench", ROOT / "bench" / "handout_render.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def publish_eight(twelve_id: int) -> int:
    """The first 8 exercises of the 12-exercise program, published for another demo patient."""
    from programs.models import Program, ProgramItem, ProgramRevision
    from programs.services import publish_program

    source = ProgramRevision.objects.select_related("program").get(pk=twelve_id).program
    program = Program.objects.create(
        patient=source.patient,
        therapist=source.therapist,
        title="Home program, 8 exercises",
        goals=source.goals,
    )
    for item in ProgramItem.objects.filter(program=source).order_by("order")[:8]:
        copy = ProgramItem(program=program, exercise=item.exercise, order=item.order)
        copy.apply_exercise_defaults(item.exercise)
        copy.save()
    return publish_program(
        program=program,
        by=source.therapist,
        screening_override_reason="Benchmark for a fictional patient, never handed out.",
    ).pk


def main(out: Path) -> None:
    bench = load_render_bench()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="handout-pages-") as tmp:
        workdir = Path(tmp)
        bench.setup_django(workdir)
        ids = bench.build(workdir)
        ids[8] = publish_eight(ids[12])
        from programs.handouts.render import render_handout_pdf
        from programs.models import ProgramRevision

        print("| Handout | 8 exercises | 12 exercises |")
        print("|---|---|---|")
        for name, options in CASES.items():
            cells = []
            for items in (8, 12):
                revision = ProgramRevision.objects.select_related("program__patient").get(
                    pk=ids[items]
                )
                result = render_handout_pdf(revision=revision, **options)
                slug = name.lower().replace(" + ", "-").replace(", ", "-").replace(" ", "-")
                (out / f"{items}-{slug}.pdf").write_bytes(result.pdf)
                cells.append(f"{result.pages} pages, {len(result.pdf) // 1024} KB")
            print(f"| {name} | {cells[0]} | {cells[1]} |")
    print(f"\nPDFs in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="handout-pdfs-")))
