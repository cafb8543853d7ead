"""What a patient answers at home, instrument by instrument, and how it becomes a measure.

A questionnaire is a flat list of questions (`Question`), each one radio choice. The patient's
answers are kept flat too (``{"item_3": 1, ...}``) so an unfinished questionnaire is saved as
typed and shown back as typed. `measure_answers()` turns a finished set into the ``answers``
shape `clinic.measures.score` reads, so the existing scoring code scores it.

Only freely usable wording ships: RMDQ (published wording), SBI, PSFS and NPRS (our own words).
The Oswestry and STarT Back are licensed: the clinic confirms its licence by loading the wording
from its licensed copy into ``settings.RESTORE_LICENSED_MEASURES`` (a JSON file named by
``RESTORE_LICENSED_MEASURES_FILE``, shape below); without it they can be neither scheduled nor
shown to a patient.

    RESTORE_LICENSED_MEASURES = {
        "start_back": {"items": ["<item 1>", ..., "<item 9>"]},
        "odi": {"version": "2.1a", "sections": [["<statement 0>", ... 6], ... 10]},
    }
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clinic import scoring
from clinic.measures import NPRS_PARTS, NPRS_WHEN

FREE = ("rmdq", "sbi", "psfs", "nprs")
ODI_OPTIONAL_SECTION = 8
LICENSED = ("start_back", "odi")
HOME_INSTRUMENTS = FREE + LICENSED


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    choices: tuple[tuple[int, str], ...]
    required: bool = True
    group: str = ""
    # A number scale's two ends in words ("0 no pain", "10 worst pain"), shown under its buttons.
    anchors: tuple[str, str] | None = None


def licensed_wording(instrument: str) -> dict | None:
    """The clinic's licensed wording for ODI / STarT Back, or None when no licence is confirmed."""
    wording = (getattr(settings, "RESTORE_LICENSED_MEASURES", None) or {}).get(instrument)
    return wording or None


def licence_confirmed(instrument: str) -> bool:
    """True for the freely usable measures; for ODI and STarT Back, only with the clinic's
    licensed wording loaded."""
    if instrument in FREE:
        return True
    return instrument in LICENSED and licensed_wording(instrument) is not None


def home_choices() -> list[tuple[str, str]]:
    """(instrument, label) a patient may be asked to answer at home in this clinic."""
    from clinic.models import OutcomeMeasure

    return [
        (value, label)
        for value, label in OutcomeMeasure.Instrument.choices
        if value in HOME_INSTRUMENTS and licence_confirmed(value)
    ]


YES_NO = ((1, _("Yes")), (0, _("No")))
ZERO_TO_TEN = tuple((n, str(n)) for n in range(11))
ZERO_TO_SIX = tuple((n, str(n)) for n in range(7))
AGREE = ((1, _("Agree")), (0, _("Disagree")))

INSTRUCTIONS = {
    "rmdq": _(
        "When your back hurts, some everyday things can be hard. For each sentence, choose "
        "Yes if it is true for you today, or No if it is not."
    ),
    "sbi": _(
        "Think about the last week. How much has each of these bothered you? 0 means not at "
        "all. 6 means very, very much."
    ),
    "psfs": _(
        "These are the activities you told us are hard because of your problem. For each one, "
        "pick a number. 0 means you cannot do it at all. 10 means you can do it as well as "
        "before."
    ),
    "nprs": _(
        "Rate your pain from 0 to 10. 0 means no pain. 10 means the worst pain you can "
        "imagine. Answer for your back and for your leg."
    ),
    "start_back": _("Think about the last two weeks when you answer these questions."),
    "odi": _(
        "These questions help us see how your back or leg trouble affects your everyday life. "
        "In each section, choose the one sentence that fits you best today."
    ),
}

PLAIN_TITLE = {
    "rmdq": _("Your back and everyday life"),
    "sbi": _("How much your leg symptoms bother you"),
    "psfs": _("Your activities"),
    "nprs": _("Your pain"),
    "start_back": _("Your back: a short check"),
    "odi": _("Your back or leg and everyday life"),
}

ATTRIBUTION = {
    "rmdq": scoring.RMDQ_ATTRIBUTION,
    "sbi": scoring.SBI_ATTRIBUTION,
    "psfs": scoring.PSFS_ATTRIBUTION,
    "start_back": scoring.START_BACK_COPYRIGHT,
    "odi": scoring.ODI_COPYRIGHT,
}

# Item wording stays in English for these, in every language: a measure's validity rests on its
# validated wording, and the published Spanish and Portuguese translations are not ours to
# embed until the clinic confirms their licences (docs/clinical-rules.md). The page around them
# (title, instructions, answer buttons) is in the patient's language, with a note.
ENGLISH_ITEMS = ("rmdq", "sbi", "start_back", "odi")

SBI_PLAIN = (
    "Pain in your leg",
    "Numbness or tingling in your leg, foot or groin",
    "Weakness in your leg or foot",
    "Back or leg pain when you sit",
)
# The NPRS is a 0-10 rating in our own words (not a licensed instrument): in every language,
# each question one whole sentence.
NPRS_TEXT = {
    ("back", "now"): _("Back pain right now"),
    ("back", "best"): _("Back pain at its lowest in the last 24 hours"),
    ("back", "worst"): _("Back pain at its highest in the last 24 hours"),
    ("back", "week"): _("Back pain on average over the last week"),
    ("leg", "now"): _("Leg pain right now"),
    ("leg", "best"): _("Leg pain at its lowest in the last 24 hours"),
    ("leg", "worst"): _("Leg pain at its highest in the last 24 hours"),
    ("leg", "week"): _("Leg pain on average over the last week"),
}
NPRS_PART = {"back": _("Back pain"), "leg": _("Leg pain")}


def items_in_english(instrument: str, language: str) -> bool:
    """True when a reader of ``language`` gets this measure's items in English (with a note)."""
    return instrument in ENGLISH_ITEMS and language != "en"


def questions(instrument: str, *, activities=()) -> list[Question]:
    """The questions of one instrument, in order. PSFS asks about ``activities`` (PSFSActivity)."""
    if instrument == "rmdq":
        return [
            Question(f"item_{n}", text, YES_NO) for n, text in enumerate(scoring.RMDQ_STATEMENTS, 1)
        ]
    if instrument == "sbi":
        ends = (_("0 not at all"), _("6 very, very much"))
        return [
            Question(f"item_{n}", text, ZERO_TO_SIX, anchors=ends)
            for n, text in enumerate(SBI_PLAIN, 1)
        ]
    if instrument == "psfs":
        ends = (_("0 cannot do it"), _("10 as well as before"))
        return [Question(f"rating_{a.pk}", a.name, ZERO_TO_TEN, anchors=ends) for a in activities]
    if instrument == "nprs":
        ends = (_("0 no pain"), _("10 worst pain you can imagine"))
        return [
            Question(
                f"{part}_{when}",
                str(NPRS_TEXT[part, when]),
                ZERO_TO_TEN,
                required=when == "now",
                group=str(NPRS_PART[part]),
                anchors=ends,
            )
            for part in NPRS_PARTS
            for when in NPRS_WHEN
        ]
    wording = licensed_wording(instrument)
    if wording is None:
        return []
    if instrument == "start_back":
        items = list(wording.get("items") or [])[: len(scoring.START_BACK_ITEMS)]
        last = tuple((value, _(label)) for value, label in scoring.START_BACK_BOTHERSOME_SCALE)
        return [
            Question(f"item_{n}", text, AGREE if n < 9 else last) for n, text in enumerate(items, 1)
        ]
    if instrument == "odi":
        names = scoring.odi_sections(wording.get("version") or "2.1a")
        # Every section is asked; section 8 (sex life, or employment in the Modified ODI) may
        # be left out, as patients often do, and the score allows for it.
        return [
            Question(
                f"section_{n}",
                name,
                tuple(enumerate(statements)),
                required=n != ODI_OPTIONAL_SECTION,
            )
            for n, (name, statements) in enumerate(
                zip(names, wording.get("sections") or [], strict=False), 1
            )
        ]
    return []


def missing(instrument: str, answers: dict, *, activities=()) -> list[str]:
    """Keys of required questions not answered yet."""
    return [
        q.key
        for q in questions(instrument, activities=activities)
        if q.required and answers.get(q.key) is None
    ]


def measure_answers(instrument: str, answers: dict, *, activities=()) -> tuple[dict, str]:
    """(answers as `clinic.measures.score` reads them, version) from a finished questionnaire."""
    if instrument == "rmdq":
        ticked = [n for n in range(1, scoring.RMDQ_MAX + 1) if answers.get(f"item_{n}") == 1]
        return {"ticked": ticked, "none_apply": not ticked}, ""
    if instrument == "sbi":
        return {"items": [answers.get(f"item_{n}") for n in range(1, 5)]}, ""
    if instrument == "psfs":
        return {
            "activities": [
                {"id": a.pk, "name": a.name, "rating": answers.get(f"rating_{a.pk}")}
                for a in activities
            ]
        }, ""
    if instrument == "nprs":
        return {f"{p}_{w}": answers.get(f"{p}_{w}") for p in NPRS_PARTS for w in NPRS_WHEN}, ""
    if instrument == "start_back":
        count = len(scoring.START_BACK_ITEMS)
        return {"items": [answers.get(f"item_{n}") for n in range(1, count + 1)]}, ""
    if instrument == "odi":
        version = (licensed_wording("odi") or {}).get("version") or "2.1a"
        sections = [answers.get(f"section_{n}") for n in range(1, len(scoring.ODI_SECTIONS) + 1)]
        return {"sections": sections}, version
    raise ValueError(f"Unknown outcome measure {instrument!r}.")
