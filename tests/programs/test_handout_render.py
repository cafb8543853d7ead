"""The handout PDF: what a patient reads on paper, the options, and rendering only once."""

import io
import os
import re
import stat

import pytest
import tinyhtml5
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from clinic.models import ClinicProfile
from clinic.qr import qr_svg
from clinic.redflags import EMERGENCY, RED_FLAG_QUESTIONS
from programs.handouts import render as handout_render
from programs.handouts.content import EMERGENCY_SIGNS
from programs.handouts.fetcher import media_url
from programs.handouts.render import HandoutError, render_handout, render_handout_pdf
from programs.models import Contraindication, HandoutFile, ProgramItem
from programs.services import UNIVERSAL_STOP_RULES, patient_cautions, publish_program
from tests.factories import ContraindicationFactory, IntakeFactory
from tests.programs.handout_samples import pdf_pages, sample_exercise, sample_program, squash

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # renders PDFs


@pytest.fixture
def clinic():
    profile = ClinicProfile.load()
    profile.name = "Harborview Neuromuscular Therapy"
    profile.address = "210 Harbor Street, Suite 4\nBoston, MA 02110"
    profile.phone = "(617) 555-0142"
    profile.handout_footer = "Questions about your program? Call us on (617) 555-0142."
    profile.save()
    return profile


@pytest.fixture
def program(patient_record, therapist, clinic):
    return sample_program(patient=patient_record, items=3, review_date=None)


def rendered(program, **options):
    return render_handout_pdf(revision=program.current_revision, **options)


@pytest.fixture(scope="module")
def _handouts():
    return {}


@pytest.fixture
def handout(program, _handouts):
    """`program`'s default handout (letter, ordinary print) and the text of its pages. Rendered
    once for the module: every test's `program` is the same program, built afresh, and the
    tests that take this only read the PDF (each render costs about 2 s of CPU)."""
    if "default" not in _handouts:
        result = rendered(program)
        _handouts["default"] = (result, pdf_pages(result.pdf))
    return _handouts["default"]


def test_first_page_names_clinic_patient_therapist_and_version(program, handout):
    first = handout[1][0]
    assert "Harborview Neuromuscular Therapy" in first
    assert "210 Harbor Street, Suite 4" in first
    assert "(617) 555-0142" in first
    assert "Sciatica starter program" in first
    assert "Pat Rivera" in first
    assert "Tess Therapist, LMT" in first
    published = timezone.localtime(program.current_revision.published_at)  # the clinic's day
    assert f"Version 1, published {published:%-d %b %Y}" in first
    assert "Sit through a full work meeting without leg pain." in first


def test_every_page_has_page_x_of_y_and_confidential_footer(handout):
    pages = handout[1]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Confidential — prepared for Pat Rivera" in text


def test_cards_show_steps_dose_cues_and_stop_rules(handout):
    text = "\n".join(handout[1])
    assert "AIS straight-leg hamstring stretch" in text
    assert squash("Tighten the front of your thigh and lift the straight leg") in squash(text)
    # Dose table: sets, repetitions, hold, side, how often.
    assert re.search(r"Sets\s*1\s*Repetitions\s*10\s*Hold\s*2 seconds", text)
    assert re.search(r"Side\s*Both sides\s*How often\s*Daily", text)
    assert re.search(r"Sets\s*2\s*Repetitions\s*10\s*Hold\s*5 seconds", text)  # the bridge
    assert squash("Keep your low back relaxed on the floor.") in squash(text)
    assert squash("Tingling below the knee: make the movement smaller.") in squash(text)
    # Precaution notes are the library's notes for therapists: never on the patient's paper.
    assert squash("If your leg pain is sharp today, lift only halfway.") not in squash(text)
    for rule in UNIVERSAL_STOP_RULES:
        assert squash(text).count(squash(rule)) == 3  # on every one of the three cards


RADICULAR_NOTE = "Stay short of any leg tingling, or use the nerve slider instead."
PREGNANCY_NOTE = "After about 16 weeks, keep time on your back short."
SURGERY_NOTE = "Follow the surgeon's plan. Your clinician must approve this exercise first."


def _exercise_with_cautions():
    """The first sample exercise with a caution for two precautions and an approval rule."""
    exercise = sample_exercise(0)
    for tag, action, note in [
        ("acute_radicular", Contraindication.Action.CAUTION, RADICULAR_NOTE),
        ("pregnancy", Contraindication.Action.CAUTION, PREGNANCY_NOTE),
        ("recent_spinal_surgery", Contraindication.Action.APPROVAL, SURGERY_NOTE),
    ]:
        ContraindicationFactory(exercise=exercise, tag=tag, action=action, note=note)
    return exercise


def test_cards_print_the_cautions_for_this_patients_precautions(patient_record, clinic):
    _exercise_with_cautions()
    IntakeFactory(patient=patient_record, precaution_tags=["acute_radicular", "osteoporosis"])
    program = sample_program(patient=patient_record, items=2)

    for options in ({}, {"large_print": True}):
        text = squash("\n".join(pdf_pages(rendered(program, **options).pdf)))
        assert squash(f"Take care: {RADICULAR_NOTE}") in text
        # Another precaution's caution, and a rule the clinician settled before publishing,
        # are not the patient's to read.
        assert squash(PREGNANCY_NOTE) not in text
        assert squash(SURGERY_NOTE) not in text
        assert text.count(squash("Take care:")) == 1  # the bridge has no caution for her


def test_handout_and_portal_print_the_same_cautions(patient_client, patient_record, clinic):
    _exercise_with_cautions()
    IntakeFactory(patient=patient_record, precaution_tags=["acute_radicular", "pregnancy"])
    program = sample_program(patient=patient_record, items=3)
    revision = program.current_revision

    pdf = squash("\n".join(pdf_pages(rendered(program).pdf)))
    portal = patient_client.get(
        reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    ).content.decode()
    tags = patient_record.precaution_tags()
    printed = 0
    for item in revision.items:
        cautions = patient_cautions(item["exercise"], tags)
        for text in (*cautions.notes, *cautions.stop_rules):
            printed += 1
            assert squash(text) in pdf, text
            assert text in portal, text
    assert printed == 4  # two notes on the stretch, one stop rule each on it and the press-up
    assert squash(SURGERY_NOTE) not in pdf and SURGERY_NOTE not in portal


@pytest.fixture
def render_calls(monkeypatch):
    calls = []
    real = handout_render.render_handout_pdf

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(handout_render, "render_handout_pdf", counting)
    return calls


def test_a_new_intake_that_changes_the_cautions_renders_again(patient_record, clinic, render_calls):
    _exercise_with_cautions()
    program = sample_program(patient=patient_record, items=1)
    before = render_handout(revision=program.current_revision)
    assert squash(RADICULAR_NOTE) not in squash("\n".join(pdf_pages(before.file.read())))

    IntakeFactory(patient=patient_record, precaution_tags=["acute_radicular"])
    after = render_handout(revision=program.current_revision)

    assert after.key != before.key
    assert len(render_calls) == 2
    assert squash(f"Take care: {RADICULAR_NOTE}") in squash("\n".join(pdf_pages(after.file.read())))
    # A precaution no exercise of the program has a caution for changes nothing printed.
    IntakeFactory(patient=patient_record, precaution_tags=["acute_radicular", "cardiovascular"])
    assert render_handout(revision=program.current_revision).key == after.key
    assert len(render_calls) == 2


def test_therapist_note_and_override_reason_are_printed(patient_record, therapist, clinic):
    program = sample_program(patient=patient_record, items=2)
    program.items.filter(order=1).update(
        override_reason="Surgeon cleared hip bending to 90 degrees in October."
    )
    revision = publish_program(program=program, by=therapist)
    text = squash("\n".join(pdf_pages(render_handout_pdf(revision=revision).pdf)))
    assert squash("Note from Tess Therapist: Do this one first thing in the morning") in text
    assert squash("Surgeon cleared hip bending to 90 degrees in October.") in text
    assert squash("Version 2, published") in text


def test_emergency_box_lists_every_emergency_symptom_and_says_call_911(handout):
    first = squash(handout[1][0])
    assert squash("go to an emergency department or call 911") in first
    emergency_codes = [q.code for q in RED_FLAG_QUESTIONS if q.tier == EMERGENCY]
    assert sorted(EMERGENCY_SIGNS) == sorted(emergency_codes)
    for sign in EMERGENCY_SIGNS.values():
        assert squash(sign) in first


def test_principles_box_states_the_clinic_rules(handout):
    first = squash(handout[1][0])
    assert squash("Move within comfort, never into pain.") in first
    assert squash("Increase gradually, one thing at a time.") in first
    assert squash("for no more than 2 seconds while breathing out") in first
    assert squash("Repeat as many times as the stretch's dose says.") in first
    assert squash("8 to 10") not in first  # the dose is the therapist's, not a fixed number


def test_weekly_log_lists_each_exercise_against_seven_days(handout):
    last = handout[1][-1]
    assert "Weekly exercise log" in last
    assert re.search(r"Mon\s*Tue\s*Wed\s*Thu\s*Fri\s*Sat\s*Sun", last)
    for name in ("AIS straight-leg hamstring stretch", "Bridge", "Prone press-up"):
        assert name in last
    assert "Back pain today (0–10)" in last


def test_qr_code_points_at_the_plain_portal_url(handout):
    result, pages = handout
    portal = settings.SITE_URL + reverse("programs:portal-home")
    assert "?" not in portal
    assert squash(portal) in squash(pages[0])
    qr = qr_svg(portal).encode()
    assert (qr, "image/svg+xml") in result.fetcher.assets.values()
    served = [url for url in result.fetcher.requested if url.startswith("restore-asset:")]
    assert any(result.fetcher.assets[url.split(":", 1)[1]][0] == qr for url in served)


def test_start_and_end_pictures_are_drawn_for_every_exercise(handout):
    result, pages = handout
    figures = [url for url in result.fetcher.requested if url.startswith("restore-asset:")]
    # 3 exercises x (start + end), plus the QR code.
    assert len(set(figures)) == 7
    assert result.fetcher.denied == []
    assert "1. Start" in "\n".join(pages)


def _png(size=(120, 80), colour=(11, 110, 105)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_clinic_photo_replaces_the_drawing_and_logo_is_printed(patient_record, clinic):
    program = sample_program(patient=patient_record, items=1)
    exercise = program.items.get().exercise
    exercise.photo.save("bridge-photo.png", ContentFile(_png()), save=True)
    clinic.logo.save("logo.png", ContentFile(_png((300, 100))), save=True)
    revision = publish_program(program=program, by=program.therapist)

    result = render_handout_pdf(revision=revision)

    assert result.fetcher.denied == []
    # Read through Django's storage by name (see test_handout_security for S3-like storage).
    media = [url for url in result.fetcher.requested if url.startswith("restore-media:")]
    assert sorted(media) == sorted([media_url(exercise.photo.name), media_url(clinic.logo.name)])
    assert not [url for url in result.fetcher.requested if url.startswith("file:")]
    reader = PdfReader(io.BytesIO(result.pdf))
    # WeasyPrint shares one resource dictionary between pages: the logo and the photo.
    sizes = sorted(image.image.size for image in reader.pages[0].images)
    assert sizes == [(120, 80), (300, 100)]


def test_letter_is_the_default_and_a4_is_an_option(program, handout):
    letter = PdfReader(io.BytesIO(handout[0].pdf)).pages[0].mediabox
    a4 = PdfReader(io.BytesIO(rendered(program, paper="a4").pdf)).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_unknown_paper_is_refused(program):
    with pytest.raises(HandoutError):
        render_handout(revision=program.current_revision, paper="legal")


def test_large_print_puts_each_exercise_on_its_own_page(patient_record, clinic):
    program = sample_program(patient=patient_record, items=4)
    pages = pdf_pages(rendered(program, large_print=True).pdf)
    card_pages = [text for text in pages if "YOUR DOSE" in text]
    assert len(card_pages) == 4
    for number, text in enumerate(card_pages, start=1):
        assert text.count("YOUR DOSE") == 1
        assert text.count("Stop and call us if:") == 1
        assert re.search(rf"^{number}\s", text, re.MULTILINE)
    normal = pdf_pages(rendered(program).pdf)
    assert max(text.count("YOUR DOSE") for text in normal) == 2


def test_a_card_never_splits_across_pages(patient_record, clinic):
    program = sample_program(patient=patient_record, items=12)
    for paper in ("letter", "a4"):
        pages = pdf_pages(rendered(program, paper=paper).pdf)
        # Each card opens with its dose table and ends with its stop strip: on every page the
        # two counts match only if no card started on one page and ended on the next.
        assert sum(text.count("YOUR DOSE") for text in pages) == 12
        for text in pages:
            assert text.count("YOUR DOSE") == text.count("Stop and call us if:")


LONG_STEPS = [
    f"Step {n}: lift the leg slowly while you breathe out, then lower it with control and rest "
    "for a moment before the next one."
    for n in range(1, 13)
]
LONG_NOTE = (
    " ".join(
        f"Week {n}: keep each movement slow and easy, breathe out as you go, and rest between "
        "sets if your leg feels heavy."
        for n in range(1, 31)
    )
    + " Last words: bring this sheet on Friday."
)


@pytest.fixture
def overlong_program(patient_record, clinic):
    """A first card with long steps, a very long note and a caution: more than a page."""
    exercise = _exercise_with_cautions()
    exercise.steps = LONG_STEPS
    exercise.save()
    IntakeFactory(patient=patient_record, precaution_tags=["acute_radicular"])
    program = sample_program(patient=patient_record, items=3, notes=False)
    program.items.filter(order=0).update(note=LONG_NOTE)
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    return program


@pytest.mark.parametrize("options", [{"large_print": True}, {}, {"paper": "a4"}])
def test_a_card_too_long_for_a_page_runs_on_with_its_name_and_loses_no_text(
    overlong_program, options
):
    pages = pdf_pages(rendered(overlong_program, **options).pdf)
    text = squash("\n".join(pages))
    # Every word of the steps and the note, in order (a page break may fall between two).
    at = 0
    for word in " ".join([*LONG_STEPS, LONG_NOTE]).split():
        at = text.index(word, at) + len(word)
    assert squash("Last words: bring this sheet on Friday.") in text
    assert squash(f"Take care: {RADICULAR_NOTE}") in text
    assert squash("Stop and call us if: Tingling below the knee: make the movement") in text
    for rule in UNIVERSAL_STOP_RULES:
        assert text.count(squash(rule)) == 3

    # The pages the first card runs onto are headed with its name; no other page is.
    starts = [n for n, page in enumerate(pages) if "AIS straight-leg hamstring stretch" in page]
    first = starts[0]
    bridge = next(n for n, page in enumerate(pages) if re.search(r"^2\s*Bridge", page, re.M))
    continued = [n for n, page in enumerate(pages) if "Continued: 1. AIS straight-leg" in page]
    assert continued and continued == list(range(first + 1, continued[-1] + 1))
    assert continued[-1] <= bridge
    assert not any("Continued: 2." in page or "Continued: 3." in page for page in pages)


MEDIUM_NOTE = " ".join(
    f"Week {n}: keep each movement slow and easy, breathe out as you go, and rest between "
    "sets if your leg feels heavy."
    for n in range(1, 11)
)


@pytest.fixture
def long_card_program(patient_record, clinic):
    """A first card with a note long enough to run over a large-print page at full size."""
    program = sample_program(patient=patient_record, items=3, notes=False)
    program.items.filter(order=0).update(note=MEDIUM_NOTE)
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    return program


def _layout_large_print(program, **options):
    html, fetcher = handout_render.render_handout_html(
        revision=program.current_revision,
        patient=program.patient,
        clinic=ClinicProfile.load(),
        large_print=True,
        **options,
    )
    return html, handout_render._layout(html, fetcher, handout_render.DEFAULT_PAPER)


def test_large_print_sets_a_card_that_runs_over_a_size_smaller_so_it_fits_its_page(
    long_card_program,
):
    # At full size the first card runs onto a second page...
    _, full = _layout_large_print(long_card_program)
    assert handout_render.split_cards(full) == {1}
    # ...so the handout sets that card, and only that one, a size smaller, on one page.
    html, dense = _layout_large_print(long_card_program, dense_cards=frozenset({1}))
    assert handout_render.split_cards(dense) == frozenset()
    cards = _by_class(tinyhtml5.parse(html), "card")
    assert ["dense" in card.get("class").split() for card in cards] == [True, False, False]

    pages = pdf_pages(rendered(long_card_program, large_print=True).pdf)
    assert not any("Continued:" in page for page in pages)
    text = squash("\n".join(pages))
    assert squash(MEDIUM_NOTE) in text  # nothing was cut to make it fit
    # Ordinary print has room for it as it is.
    html, _ = handout_render.render_handout_html(
        revision=long_card_program.current_revision,
        patient=long_card_program.patient,
        clinic=ClinicProfile.load(),
    )
    assert not _by_class(tinyhtml5.parse(html), "dense")


def test_split_cards_reads_where_each_card_starts_and_ends(overlong_program):
    _, full = _layout_large_print(overlong_program)
    assert handout_render.split_cards(full) == {1}
    # Even set smaller, the overlong card does not fit: it runs on under its "Continued" header
    # (the test above), and the others stay whole.
    _, dense = _layout_large_print(overlong_program, dense_cards=frozenset({1}))
    assert handout_render.split_cards(dense) == {1}


def _by_class(element, name):
    return [e for e in element.iter() if name in (e.get("class") or "").split()]


def test_a_long_note_runs_full_width_under_the_card_not_down_its_side(overlong_program):
    html, _ = handout_render.render_handout_html(
        revision=overlong_program.current_revision,
        patient=overlong_program.patient,
        clinic=ClinicProfile.load(),
    )
    long_card, short_card = _by_class(tinyhtml5.parse(html), "card")[:2]
    assert not _by_class(_by_class(long_card, "card-side")[0], "card-notes")
    assert [child.get("class") for child in long_card].count("card-notes") == 1
    # Short notes stay in the side column, beside the dose.
    program = sample_program(patient=overlong_program.patient, items=1, title="Short note")
    html, _ = handout_render.render_handout_html(
        revision=program.current_revision, patient=program.patient, clinic=ClinicProfile.load()
    )
    assert _by_class(_by_class(tinyhtml5.parse(html), "card-side")[0], "card-notes")


# --- rendered once ------------------------------------------------------------------------------


def test_second_request_serves_the_stored_file_without_rendering(program, render_calls):
    first = render_handout(revision=program.current_revision)
    second = render_handout(revision=program.current_revision)
    assert len(render_calls) == 1
    assert first.pk == second.pk
    assert first.file.name == f"handouts/{first.key}.pdf"
    assert first.size == first.file.size
    assert first.pages == len(PdfReader(first.file.open("rb")).pages)
    assert HandoutFile.objects.count() == 1
    # A handout names the patient: readable by the app's account and group only.
    assert stat.S_IMODE(os.stat(first.file.path).st_mode) == 0o640


def test_each_option_is_stored_separately(program, render_calls):
    revision = program.current_revision
    keys = {
        render_handout(revision=revision).key,
        render_handout(revision=revision, paper="a4").key,
        render_handout(revision=revision, large_print=True).key,
        render_handout(revision=revision, paper="a4", large_print=True).key,
    }
    assert len(keys) == 4
    assert len(render_calls) == 4
    render_handout(revision=revision, paper="a4", large_print=True)
    assert len(render_calls) == 4


def test_clinic_name_change_renders_again_with_the_new_name(program, clinic, render_calls):
    old = render_handout(revision=program.current_revision)
    clinic.name = "Harborview Therapy & Pilates"
    clinic.save()
    new = render_handout(revision=program.current_revision)
    assert len(render_calls) == 2
    assert new.key != old.key
    assert "Harborview Therapy & Pilates" in pdf_pages(new.file.open("rb").read())[0]


def test_logo_change_and_patient_name_change_render_again(program, clinic, render_calls):
    revision = program.current_revision
    render_handout(revision=revision)
    clinic.logo.save("logo.png", ContentFile(_png()), save=True)
    render_handout(revision=revision)
    patient = revision.program.patient
    patient.preferred_name = "Patty"
    patient.save()
    renamed = render_handout(revision=revision)
    assert len(render_calls) == 3
    assert "Confidential — prepared for Patty Rivera" in pdf_pages(renamed.file.read())[0]


def test_a_new_revision_gets_its_own_handout(program, therapist, render_calls):
    first = render_handout(revision=program.current_revision)
    ProgramItem.objects.filter(program=program).update(reps=12)
    revision = publish_program(program=program, by=therapist)
    second = render_handout(revision=revision)
    assert second.revision == revision and first.revision != revision
    assert len(render_calls) == 2


def test_a_stored_file_that_went_missing_is_rendered_again(program, render_calls):
    handout = render_handout(revision=program.current_revision)
    handout.file.storage.delete(handout.file.name)
    again = render_handout(revision=program.current_revision)
    assert again.pk == handout.pk
    assert again.file.storage.exists(again.file.name)
    assert len(render_calls) == 2


# --- manage.py render_handout --------------------------------------------------------------------


def test_command_writes_the_patients_current_handout(program, tmp_path, render_calls):
    output = tmp_path / "out.pdf"
    stdout = io.StringIO()
    call_command(
        "render_handout",
        "--patient-email",
        "PAT@test.example",
        "--output",
        str(output),
        stdout=stdout,
    )
    pages = pdf_pages(output.read_bytes())
    assert "Pat Rivera" in pages[0]
    assert "Sciatica starter program, version 1." in stdout.getvalue()
    # The same service and stored file as the download link.
    assert HandoutFile.objects.get().key == render_handout(revision=program.current_revision).key
    assert len(render_calls) == 1


def test_command_a4_large_print(program, tmp_path):
    output = tmp_path / "large.pdf"
    call_command(
        "render_handout",
        "--patient-email",
        "pat@test.example",
        "--output",
        str(output),
        "--paper",
        "a4",
        "--large-print",
        stdout=io.StringIO(),
    )
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    handout = HandoutFile.objects.get()
    assert handout.paper == "a4" and handout.large_print


def test_command_explains_a_missing_patient_or_program(patient_record, tmp_path):
    with pytest.raises(CommandError, match="No patient has the email address"):
        call_command(
            "render_handout",
            "--patient-email",
            "nobody@test.example",
            "--output",
            str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError, match="has no published home program"):
        call_command(
            "render_handout",
            "--patient-email",
            "pat@test.example",
            "--output",
            str(tmp_path / "x.pdf"),
        )
    assert not (tmp_path / "x.pdf").exists()
