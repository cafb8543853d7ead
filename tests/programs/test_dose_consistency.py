"""The program says one thing: no text beside a prescribed dose states a different one.

Every shipped exercise is prescribed at doses the library does not suggest, and every page that
shows its tips next to the dose (portal card, follow-along page, revision page, handout in
standard and large print) is read as plain text. Each phrase that states a dose (repetitions,
cycles, sets, a hold, minutes, times a day, days a week) must state the prescribed one. Tips may
progress the dose ("add 2 repetitions"): a change relative to the therapist's dose is not a dose.
"""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from clinic.models import ClinicProfile
from clinic.precautions import PRECAUTION_TAGS
from programs.dose_phrases import conflicts, stated_doses
from programs.handouts.render import render_handout_html
from programs.library import load_library, shipped_exercises
from programs.models import Exercise, Program, ProgramRevision
from programs.services.snapshot import build_snapshot, snapshot_hash
from tests.factories import ExerciseFactory, IntakeFactory, ProgramFactory, ProgramItemFactory


def test_the_finder_reads_the_phrases_that_contradicted_a_dose():
    """Worked examples: the tips that used to sit beside a different prescription."""
    prescribed = {"sets": 2, "reps": 10, "times_per_day": 2, "days_per_week": 4, "hold_s": 3}
    assert conflicts("Build up to 15 slow cycles, up to 3 times a day.", prescribed) == [
        "15 slow cycles",
        "3 times a day",
        "Build up to 15",
    ]
    assert conflicts("Start every other day. Move to daily when it is easy.", prescribed) == [
        "every other day"
    ]
    assert conflicts("Do 8 to 10 repetitions.", {**prescribed, "reps": 12}) == [
        "8 to 10 repetitions",
        "Do 8 to 10",
    ]
    assert conflicts("Hold for 10 seconds while you keep breathing.", prescribed) == [
        "Hold for 10 seconds"
    ]
    assert conflicts("Walk forward for 2 to 5 minutes.", {"duration_min": 20}) == ["2 to 5 minutes"]
    # Agreeing, relative and ceiling phrases are fine.
    assert conflicts("Hold 3 seconds, twice a day, 4 days a week.", prescribed) == []
    assert conflicts("When this is easy for a week, add 2 repetitions.", prescribed) == []
    assert conflicts("Add 5 seconds to each hold or 1 more hold.", prescribed) == []
    assert conflicts("Pull gently for up to 2 seconds.", {"hold_s": 2}) == []
    assert conflicts("Pull gently for up to 2 seconds.", {"hold_s": 1}) == []
    assert conflicts("Assist up to 2 s.", {"hold_s": 5}) == ["Assist up to 2 s"]
    # A bare count is repetitions unless a unit says otherwise.
    assert conflicts("Do 2 sets, then rest.", {"sets": 2, "reps": 10}) == []
    assert conflicts("Build up to 20 minutes.", {"duration_min": 20, "reps": 5}) == []
    assert conflicts("Do 5 to 10 every hour of sitting.", {"reps": 8}) == []


# --- every library exercise, at doses the library does not suggest ------------------------------

# Two prescriptions, each unlike any library default (1-2 sets; 3-15 repetitions; holds of 2, 3,
# 5, 8 and 10 s; 5 or 10 minutes; 1, 3 or 6 times a day; 2, 4 or 7 days a week). Every item in a
# program gets the same one, so a page's shared text (the principles box) is checked too. Holds
# stay within the AIS assist of at most 2 seconds, which the library states as a ceiling.
DOSES = [
    {
        "sets": 3,
        "reps": 13,
        "hold_s": 1,
        "duration_min": 17,
        "times_per_day": 2,
        "days_per_week": 5,
    },
    {"sets": 4, "reps": 7, "hold_s": 2, "duration_min": 25, "times_per_day": 4, "days_per_week": 3},
]


def _publish_as_is(program: Program, by) -> ProgramRevision:
    """A revision of the draft exactly as prescribed, whatever the exercises' clash rules say:
    the point is what the pages print beside each dose, not the publishing gates."""
    snapshot = build_snapshot(program)
    revision = ProgramRevision.objects.create(
        program=program,
        number=1,
        published_by=by,
        published_at=timezone.now(),
        snapshot=snapshot,
        content_hash=snapshot_hash(snapshot),
    )
    program.current_revision = revision
    program.status = Program.Status.PUBLISHED
    program.save(update_fields=["current_revision", "status"])
    return revision


def _text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", page)
    page = re.sub(r"(?is)<!--.*?-->", " ", page)
    return " ".join(html.unescape(strip_tags(page)).split())


@pytest.fixture
def every_exercise_program(patient_record, therapist, request):
    dose = request.param
    load_library()
    # Every precaution, so every caution note the library writes is printed too.
    IntakeFactory(patient=patient_record, precaution_tags=[tag for tag, _, _ in PRECAUTION_TAGS])
    program = ProgramFactory(patient=patient_record, therapist=therapist)
    slugs = [e["slug"] for e in shipped_exercises()]
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=slugs)}
    for n, slug in enumerate(slugs):
        # As the builder adds it (the library's side and tempo), then the dose changed.
        item = ProgramItemFactory.build(program=program, exercise=exercises[slug], order=n)
        item.apply_exercise_defaults(exercises[slug])
        for name, value in dose.items():
            setattr(item, name, value)
        item.note = ""
        item.save()
    revision = _publish_as_is(program, therapist)
    return program, revision, dose


def _pages(program, revision, patient_record, therapist) -> dict[str, str]:
    patient_client, staff_client = Client(), Client()
    patient_client.force_login(patient_record.user)
    staff_client.force_login(therapist)
    pages = {}
    url = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    pages["portal card"] = patient_client.get(url)
    for item in revision.items:
        position = item["position"]
        url = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": position})
        pages[f"follow-along page {position}"] = patient_client.get(url)
    url = reverse("programs:revision-detail", kwargs={"uuid": revision.uuid})
    pages["revision page"] = staff_client.get(url)
    texts = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        texts[name] = _text(response.content.decode())
    for large_print in (False, True):
        markup, _fetcher = render_handout_html(
            revision=revision,
            patient=patient_record,
            clinic=ClinicProfile.load(),
            large_print=large_print,
        )
        texts["large-print handout" if large_print else "handout"] = _text(markup)
    return texts


# Every shipped exercise on five pages, twice: a sweep of the whole library (`make test` runs it,
# `make quick` leaves it out).
@pytest.mark.slow
@pytest.mark.parametrize("every_exercise_program", DOSES, indirect=True, ids=["dose-a", "dose-b"])
def test_no_page_states_a_dose_other_than_the_prescribed_one(
    every_exercise_program, patient_record, therapist
):
    program, revision, dose = every_exercise_program
    assert len(revision.items) == len(shipped_exercises())
    texts = _pages(program, revision, patient_record, therapist)
    # The prescribed dose itself is on each page, so the finder is reading the right text.
    for name, text in texts.items():
        assert any(s.agrees_with(dose) for s in stated_doses(text)), name
    found = {name: conflicts(text, dose) for name, text in texts.items()}
    assert {name: phrases for name, phrases in found.items() if phrases} == {}


def test_every_library_text_a_patient_reads_states_no_dose_of_its_own():
    """The same rule on the data: summaries, positions, steps, tips, stop rules, caution notes
    and tempos state no dose (which would clash with any other prescription)."""
    unlikely = {
        "sets": 99,
        "reps": 99,
        "hold_s": 1,
        "duration_min": 99,
        "times_per_day": 9,
        "days_per_week": 6,
    }
    found = {}
    for ex in shipped_exercises():
        texts = [
            ex["summary"],
            ex["start_position"],
            *ex["steps"],
            *ex["cues"],
            *ex["stop_rules"],
            ex["tempo"],
            *(c["note"] for c in ex["contraindications"]),
        ]
        phrases = [p for text in texts for p in conflicts(text, unlikely)]
        if phrases:
            found[ex["slug"]] = phrases
    assert found == {}


@pytest.mark.slow  # the whole library in both handout prints
@pytest.mark.parametrize("every_exercise_program", DOSES[:1], indirect=True, ids=["dose-a"])
@pytest.mark.parametrize("large_print", [False, True], ids=["standard", "large-print"])
def test_the_tempo_is_a_row_of_the_dose_in_both_prints(
    every_exercise_program, patient_record, large_print
):
    _program, revision, _dose = every_exercise_program
    markup, _fetcher = render_handout_html(
        revision=revision,
        patient=patient_record,
        clinic=ClinicProfile.load(),
        large_print=large_print,
    )
    # The dose block, whatever element lays it out (a table once, a definition list now).
    blocks = [m.group(0) for m in re.finditer(r'(?s)<(table|dl) class="dose">.*?</\1>', markup)]
    assert len(blocks) == len(revision.items)
    with_tempo = [item for item in revision.items if item["tempo"]]
    rows = [b for b in blocks if re.search(r">\s*Tempo\s*</(th|dt)>", b)]
    assert len(rows) == len(with_tempo) > 0
    assert html.escape(with_tempo[0]["tempo"]) in rows[0]


@pytest.mark.parametrize(
    ("hold_s", "kept"),
    [
        (20, ["Breathe easily.", "When it is easy, add 5 seconds to the hold."]),
        (
            30,
            [
                "Hold for 30 seconds.",
                "Breathe easily.",
                "When it is easy, add 5 seconds to the hold.",
            ],
        ),
    ],
)
def test_a_published_tip_that_states_another_dose_is_left_out(patient_record, hold_s, kept):
    """A clinic's own wording may state a dose; the revision leaves such a tip out when the
    prescription differs, and keeps it when it agrees."""
    exercise = ExerciseFactory(
        cues=[
            "Hold for 30 seconds.",
            "Breathe easily.",
            "When it is easy, add 5 seconds to the hold.",
        ]
    )
    program = ProgramFactory(patient=patient_record)
    ProgramItemFactory(program=program, exercise=exercise, reps=3, hold_s=hold_s)
    (item,) = build_snapshot(program)["items"]
    assert item["exercise"]["cues"] == kept
    exercise.refresh_from_db()
    assert len(exercise.cues) == 3  # the library row itself is the clinic's, untouched
