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
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from clinic.models import ClinicProfile
from clinic.precautions import PRECAUTION_TAGS
from programs.handouts.render import render_handout_html
from programs.library import load_library, shipped_exercises
from programs.models import Exercise, Program, ProgramRevision
from programs.services.snapshot import build_snapshot, snapshot_hash
from tests.factories import IntakeFactory, ProgramFactory, ProgramItemFactory

# --- finding the doses a text states -------------------------------------------------------------

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_N = r"(\d+|" + "|".join(_WORDS) + r")"
_RANGE = _N + r"(?:\s*(?:-|–|to)\s*" + _N + r")?"
_REPS = r"(?:repetitions?|reps?|cycles?|times)"
# (field, pattern). A pattern's groups are the low and high end of the number it states.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("times_per_day", re.compile(_RANGE + r"\s+times\s+(?:a|per|each)\s+day", re.I)),
    ("times_per_day", re.compile(r"\b(once|twice)()\s+(?:a|per|each)\s+day", re.I)),
    ("days_per_week", re.compile(_RANGE + r"\s+days?\s+(?:a|per|each)\s+week", re.I)),
    ("days_per_week", re.compile(r"\bevery\s+(other)()\s+day", re.I)),
    # "15 slow cycles": one word may come between the number and what it counts.
    (
        "reps",
        re.compile(_RANGE + r"\s+(?:[a-z]+\s+)?" + _REPS + r"\b(?!\s+(?:a|per|each)\s+day)", re.I),
    ),
    ("reps", re.compile(r"\b(?:build up to|start with|repeat|do)\s+" + _RANGE + r"\b", re.I)),
    ("sets", re.compile(_RANGE + r"\s+sets?\b", re.I)),
    (
        "hold_s",
        re.compile(
            r"\b(?:hold|holds|pause|assist)\s+(?:of\s+|for\s+)?(up to\s+)?"
            + _RANGE
            + r"\s*(?:seconds?|secs?|s)\b",
            re.I,
        ),
    ),
    ("hold_s", re.compile(_RANGE + r"[-\s]seconds?\s+holds?", re.I)),
    ("duration_min", re.compile(_RANGE + r"\s+(?:minutes?|mins?)\b", re.I)),
]
# A change to the therapist's dose, not a dose: "add 2 repetitions", "2 more cycles".
_RELATIVE_BEFORE = re.compile(r"\b(?:add|adding|another|extra)\s+(?:about\s+)?$", re.I)
_RELATIVE_AFTER = re.compile(r"^\s*(?:\S+\s+)?more\b", re.I)


def _number(text: str) -> int | None:
    if not text:
        return None
    text = text.lower()
    return int(text) if text.isdigit() else _WORDS.get(text)


@dataclass(frozen=True)
class Stated:
    field: str
    low: int | None  # None: a frequency no count can match ("every other day")
    high: int | None
    ceiling: bool  # "up to N": any dose at or below N agrees
    phrase: str

    def agrees_with(self, dose: dict) -> bool:
        value = dose.get(self.field)
        if not value or self.low is None:
            return False
        high = self.high if self.high is not None else self.low
        return value <= high if self.ceiling else self.low <= value <= high


_FREQUENCY_WORDS = {"once": 1, "twice": 2, "other": None}


def stated_doses(text: str) -> list[Stated]:
    """Every dose the text states in absolute terms."""
    found = []
    for field, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 20) : match.start()]
            if _RELATIVE_BEFORE.search(before) or _RELATIVE_AFTER.match(text[match.end() :]):
                continue
            first = (match.group(1) or "").lower()
            if first in _FREQUENCY_WORDS:
                count = _FREQUENCY_WORDS[first]
                found.append(Stated(field, count, count, False, match.group(0)))
                continue
            ceiling = first.startswith("up to")
            numbers = [g for g in match.groups() if g and not g.lower().startswith("up to")]
            low = _number(numbers[0]) if numbers else None
            high = _number(numbers[1]) if len(numbers) > 1 else None
            found.append(Stated(field, low, high, ceiling, match.group(0)))
    return found


def conflicts(text: str, dose: dict) -> list[str]:
    return sorted({s.phrase for s in stated_doses(text) if not s.agrees_with(dose)})


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
