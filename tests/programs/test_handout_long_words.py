"""A long unbroken string (a web address, a reference number) wraps inside the handout's page.

Every field a therapist or the clinic types holds a 150-character string without a space. The
laid-out boxes must all stay inside the page's content area and inside their own table cell
(the cover's goals/notes columns, a card's main and side columns), and each string must still
be printed whole, only split across lines.
"""

import re
import shutil
import subprocess

import pytest

from clinic.models import ClinicProfile
from programs.handouts import render as handout_render
from programs.handouts.render import render_handout_html, render_handout_pdf
from programs.models import Exercise
from programs.services import publish_program
from tests.programs.handout_samples import pdf_pages, sample_program, squash

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# WeasyPrint positions are in CSS px; half a pixel absorbs rounding.
TOLERANCE = 0.5


def long_word(label: str) -> str:
    """150 characters without a space, different for each field so each can be found."""
    start = f"https://example.org/{label}/"
    return start + "a" * (150 - len(start))


FIELDS = ["title", "goals", "notes", "note", "override", "tempo", "tip", "address", "website"]
LONG = {field: long_word(field) for field in FIELDS}
LONG["reference"] = "REF" + "0123456789" * 14 + "9876543"  # 150 digits and letters


@pytest.fixture
def program(patient_record, therapist):
    clinic = ClinicProfile.load()
    clinic.name = "Harborview Neuromuscular Therapy"
    clinic.address = f"210 Harbor Street, Suite 4\n{LONG['address']}\nBoston, MA 02110"
    clinic.website = LONG["website"]
    clinic.phone = "(617) 555-0142"
    clinic.handout_footer = f"Quote {LONG['reference']} when you call."
    clinic.save()

    program = sample_program(
        patient=patient_record,
        items=2,
        title=LONG["title"],
        goals=f"Walk the dog for 30 minutes.\n{LONG['goals']}",
    )
    # `sample_program(notes=...)` is about the item note, so the program's notes are set here.
    program.notes = f"See {LONG['notes']} for the video."
    program.save(update_fields=["notes"])
    first = program.items.get(order=0)
    Exercise.objects.filter(pk=first.exercise_id).update(
        cues=["Keep your low back relaxed on the floor.", LONG["tip"]]
    )
    program.items.filter(order=0).update(
        note=f"Watch {LONG['note']} first.",
        override_reason=LONG["override"],
        tempo=LONG["tempo"],
    )
    publish_program(program=program, by=therapist)
    program.refresh_from_db()
    return program


def layout(program, *, large_print: bool, paper: str = "letter", extra_css: str = ""):
    """The laid-out handout (WeasyPrint's document, boxes and all), as the renderer makes it,
    optionally with one more stylesheet after ours."""
    from weasyprint import CSS, HTML

    revision = program.current_revision
    html, fetcher = render_handout_html(
        revision=revision,
        patient=revision.program.patient,
        clinic=ClinicProfile.load(),
        paper=paper,
        large_print=large_print,
    )
    with handout_render._render_lock:
        stylesheets = list(handout_render._stylesheets_for(paper))
        if extra_css:
            stylesheets.append(CSS(string=extra_css))
        return HTML(string=html, url_fetcher=fetcher, media_type="print").render(
            font_config=handout_render._font_config, stylesheets=stylesheets
        )


def line_texts(document) -> list[str]:
    return [
        "".join(getattr(text, "text", "") for text in line.descendants())
        for page in document.pages
        for line in page._page_box.descendants()
        if type(line).__name__ == "LineBox"
    ]


def right_edge(box) -> float:
    return box.position_x + box.margin_width()


def overflowing_boxes(page) -> list[str]:
    """Boxes that reach past the page's content area, or past the table cell they sit in.
    The running headers and footers (margin boxes) are outside the content area by design and
    clip their own text, so only the document's boxes are walked."""
    page_box = page._page_box
    page_right = page_box.content_box_x() + page_box.width
    found = []

    def walk(box, limit):
        right = right_edge(box)
        if right > limit + TOLERANCE:
            text = getattr(box, "text", "")
            found.append(
                f"{type(box).__name__} {box.element_tag} {text[:40]!r} {right - limit:.1f}px"
            )
        if box.is_table_wrapper or type(box).__name__ == "TableCellBox":
            limit = min(limit, right)
        for child in getattr(box, "children", []):
            walk(child, limit)

    for child in page_box.children:
        if type(child).__name__ != "MarginBox":
            walk(child, page_right)
    return found


@pytest.mark.parametrize(
    ("large_print", "paper"),
    [(False, "letter"), (True, "letter"), (True, "a4")],
    ids=["regular", "large-print", "large-print-a4"],
)
def test_long_unbroken_strings_stay_inside_the_page_and_their_column(program, large_print, paper):
    document = layout(program, large_print=large_print, paper=paper)
    problems = {
        number: boxes
        for number, page in enumerate(document.pages, start=1)
        if (boxes := overflowing_boxes(page))
    }
    assert problems == {}


def pdftotext(pdf: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - fixed argv, the PDF on standard input
        [PDFTOTEXT, "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def pypdf_text(pdf: bytes) -> str:
    return "\n".join(pdf_pages(pdf))


def body_text(text: str) -> str:
    """The text without the running header and footer, which a string that runs over a page
    break would otherwise have in its middle."""
    running = re.compile(
        r"^(Continued: |Harborview Neuromuscular Therapy · |Version \d+ · |Confidential — )"
    )
    return "\n".join(line for line in text.splitlines() if not running.match(line))


PDFTOTEXT = shutil.which("pdftotext")
EXTRACTORS = [
    pytest.param(pypdf_text, id="pypdf"),
    # Poppler is on developers' machines, not necessarily on CI's.
    pytest.param(
        pdftotext, id="pdftotext", marks=pytest.mark.skipif(not PDFTOTEXT, reason="no pdftotext")
    ),
]


@pytest.mark.parametrize("extract", EXTRACTORS)
@pytest.mark.parametrize("large_print", [False, True], ids=["regular", "large-print"])
def test_long_unbroken_strings_are_printed_whole(program, large_print, extract):
    pdf = render_handout_pdf(revision=program.current_revision, large_print=large_print).pdf
    text = squash(body_text(extract(pdf)))
    for field, value in LONG.items():
        assert value in text, field


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("large_print", [False, True], ids=["regular", "large-print"])
def test_ordinary_text_wraps_exactly_as_before(patient_record, therapist, large_print, paper):
    """Breaking long strings anywhere must not move a single line break of ordinary text."""
    ordinary = sample_program(patient=patient_record, items=5)
    ours = line_texts(layout(ordinary, large_print=large_print, paper=paper))
    unbreakable = "* { overflow-wrap: normal !important; }"
    before = line_texts(
        layout(ordinary, large_print=large_print, paper=paper, extra_css=unbreakable)
    )
    assert len(ours) > 100
    assert ours == before
