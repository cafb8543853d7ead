"""What goes on a handout: plain data built from a published revision's snapshot.

Everything here is data for the template, never markup. User text (titles, notes, names,
clinic details) travels as plain strings and is escaped by the template; the only pictures
are ones we generate (figures, QR code) or files the fetcher may read (photos, logo).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from clinic.models import ClinicProfile, Patient
from clinic.qr import qr_svg
from clinic.redflags import EMERGENCY, RED_FLAG_QUESTIONS
from programs.dose_words import dose_words, equipment_words, frequency_words
from programs.models import Exercise, ProgramRevision, Side
from programs.services import UNIVERSAL_STOP_RULES, parse_iso_date, patient_cautions
from programs.text_direction import text_direction
from programs.translations import exercise_text, tempo_text
from programs.videos import ExerciseVideo

from .fetcher import ASSET_SCHEME, media_url

logger = logging.getLogger(__name__)

# The clinic's principles for home exercise, in the patient's words.
PRINCIPLES = [
    (
        _("Move within comfort, never into pain."),
        _(
            "Mild discomfort, up to 2 out of 10, is fine if it settles within a few minutes and "
            "you are no worse the next morning."
        ),
    ),
    (
        _("Increase gradually, one thing at a time."),
        _(
            "After a week with steady symptoms, add a few repetitions, then a set, then a longer "
            "hold. If your symptoms flare, go back one step."
        ),
    ),
    (
        _("Active Isolated Stretches (AIS):"),
        _(
            "tighten the opposite muscle to move actively into the stretch, assist gently with "
            "the rope or your hands for no more than 2 seconds while breathing out, then return "
            "and relax. Repeat as many times as the stretch's dose says."
        ),
    ),
    (
        _("Stop if symptoms spread further down your leg."),
        _(
            "Pain that moves back toward your spine is a good sign; pain that travels down the "
            "leg is not."
        ),
    ),
]

# The emergency symptoms (red-flag tier E), as statements for the safety box. Keyed by
# the red-flag code so a test can prove every emergency question has a line here.
EMERGENCY_SIGNS = {
    "ces_bladder": _(
        "New trouble peeing: hard to start, a weak flow, not feeling when your bladder is full, "
        "not being able to go, or leaking."
    ),
    "ces_bowel": _("Losing control of your bowels, or not feeling when you need to go."),
    "ces_saddle": _(
        "Numbness or pins and needles around your private parts, bottom or inner buttocks "
        "(where you sit on a bicycle seat), or toilet paper feels different."
    ),
    "ces_sexual": _("New numbness in your private parts or new problems with sex."),
    "ces_bilateral": _("Pain, numbness or weakness that is new in both legs."),
    "neuro_progressive": _(
        "Leg weakness that is getting worse, tripping or a foot that slaps down, or legs giving "
        "way."
    ),
    "aaa": _(
        "Sudden, very bad pain in your belly or back, especially with feeling faint or a "
        "throbbing lump in your belly."
    ),
    "dvt_pe": _(
        "A painful, swollen, warm calf, or new chest pain, sudden shortness of breath or "
        "coughing up blood."
    ),
}
EMERGENCY_QUESTIONS = [q for q in RED_FLAG_QUESTIONS if q.tier == EMERGENCY]
# The red-flag screen's advice for an emergency, word for word (a test keeps them the same),
# marked here so the handout prints it in the patient's language.
EMERGENCY_INSTRUCTION = _(
    "Go to the nearest emergency department now or call 911. Do not wait for your appointment "
    "and do not rely on email or messages."
)

# Monday first, abbreviated in the handout's language (Django's own translations).
DAYS = [WEEKDAYS_ABBR[day] for day in range(7)]

# The line a handout carries when any exercise's translation has not been reviewed yet.
UNREVIEWED_NOTE = _("Translated; ask your therapist if anything is unclear.")

FIGURE_SIZE = (320, 240)
# Notes longer than this (characters) run full width under a card, not down its side column.
WIDE_NOTES_FROM = 320


@dataclass
class Assets:
    """Pictures generated for one render, served to WeasyPrint by the fetcher only."""

    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def add(self, body: bytes, mime: str, suffix: str) -> str:
        # Named by content, so the same picture twice is stored once.
        name = f"{hashlib.sha256(body).hexdigest()[:32]}.{suffix}"
        self.files[name] = (body, mime)
        return f"{ASSET_SCHEME}:{name}"


def portal_url() -> str:
    """The patient's portal page: a plain address, never a login token."""
    return settings.SITE_URL + reverse("programs:portal-home")


def video_links(revision: ProgramRevision) -> dict[int, str]:
    """The portal page of each exercise that has a clinic video, by position (one query).

    The handout's QR code leads there, to the signed-in portal, never to the video file."""
    items = revision.snapshot.get("items", [])
    with_video = ExerciseVideo.objects.current_for(
        (item.get("exercise") or {}).get("slug", "") for item in items
    )
    return {
        item["position"]: settings.SITE_URL
        + reverse(
            "programs:portal-follow",
            kwargs={"uuid": revision.program.uuid, "position": item["position"]},
        )
        for item in items
        if (item.get("exercise") or {}).get("slug") in with_video
    }


def _media_file_url(name: str) -> str:
    """A stored photo or logo, read by the fetcher through Django's storage (disk or S3)."""
    return media_url(name) if name else ""


def _figure_urls(exercise: dict, assets: Assets) -> list[dict]:
    """Start and end pictures of an exercise; a clinic photo replaces the drawn pair."""
    name = exercise.get("name", "")
    photo = exercise.get("photo") or ""
    if photo:
        alt = gettext("Photo: %(exercise)s") % {"exercise": name}
        return [{"url": _media_file_url(photo), "caption": "", "alt": alt}]
    figure = exercise.get("figure") or {}
    if not figure:
        return []
    from programs import figures

    pictures = []
    captions = (
        ("start", pgettext("exercise position", "Start"), gettext("%(exercise)s, start position")),
        ("end", pgettext("exercise position", "Finish"), gettext("%(exercise)s, finish position")),
    )
    for which, caption, alt in captions:
        alt = alt % {"exercise": name}
        try:
            svg = figures.figure_svg(figure, which, size=FIGURE_SIZE, title=alt).encode()
        except figures.FigureError:
            logger.warning("Handout: the %s picture of an exercise cannot be drawn", which)
            return []
        pictures.append(
            {"url": assets.add(svg, "image/svg+xml", "svg"), "caption": caption, "alt": alt}
        )
    return pictures


SIDE_LABELS = {
    Side.LEFT: _("Left"),
    Side.RIGHT: _("Right"),
    Side.BOTH: _("Both sides"),
    Side.ALTERNATE: _("Alternate sides"),
    Side.NA: _("Not sided"),
}


def frequency(item: dict) -> str:
    """How often, in the current language ("twice a day, 5 days a week"): the portal's words."""
    if not item.get("times_per_day") or not item.get("days_per_week"):
        return item.get("frequency_text", "")
    return frequency_words(item["times_per_day"], item["days_per_week"])


def dose_line(item: dict) -> str:
    """The dose in a few words for the log sheet ("2 sets of 10, hold 5 s, each side"): the
    portal's words, written again from the snapshot's numbers in the current language."""
    if item.get("sets") is None:
        return item.get("dose_text", "")
    return dose_words(
        sets=item["sets"],
        reps=item.get("reps"),
        hold_s=item.get("hold_s"),
        duration_min=item.get("duration_min"),
        side=item.get("side", ""),
    )


def category(exercise: dict) -> str:
    """The kind of exercise in the current language, from its code; the frozen label else."""
    try:
        return str(Exercise.Category(exercise.get("category")).label)
    except ValueError:
        return exercise.get("category_label", "")


def _dose_rows(item: dict) -> list[tuple[str, str]]:
    rows = [(gettext("Sets"), formats.localize(item.get("sets") or 1))]
    if item.get("reps"):
        rows.append((gettext("Repetitions"), formats.localize(item["reps"])))
    if item.get("hold_s"):
        seconds = item["hold_s"]
        hold = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
        rows.append((pgettext("exercise dose", "Hold"), hold))
    if item.get("duration_min"):
        minutes = item["duration_min"]
        time = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        rows.append((pgettext("exercise dose", "Time"), time))
    side = SIDE_LABELS.get(item.get("side"))
    rows.append(
        (pgettext("exercise dose", "Side"), str(side) if side else item.get("side_label") or "—")
    )
    rows.append((gettext("How often"), frequency(item).capitalize() or "—"))
    return rows


def card(item: dict, assets: Assets, precaution_tags: list[str], language: str) -> dict:
    """One exercise card in `language` (the current translation must be the same language).

    Its cautions are exactly the portal's (`patient_cautions`): the exercise's caution notes
    for this patient's precautions and its own stop rules; the library's precaution notes are
    written for therapists and stay off the patient's paper."""
    exercise = exercise_text(item.get("exercise") or {}, language)
    cautions = patient_cautions(exercise, precaution_tags)
    tempo, tempo_language = tempo_text(item.get("tempo", ""), item.get("exercise") or {}, language)
    return {
        "number": item.get("position"),
        "language": exercise["language"],
        "reviewed": exercise["reviewed"],
        "name": exercise.get("name", ""),
        "category": category(exercise),
        "summary": exercise.get("summary", ""),
        "summary_dir": text_direction(exercise.get("summary", "")),
        "pictures": _figure_urls(exercise, assets),
        "start_position": exercise.get("start_position", ""),
        "steps": list(exercise.get("steps") or []),
        "equipment": equipment_words(exercise.get("equipment") or []),
        "agonist": exercise.get("agonist", ""),
        "dose": _dose_rows(item),
        "dose_text": dose_line(item),
        "frequency_text": frequency(item),
        "tempo": tempo,
        "tempo_language": tempo_language,
        "cues": list(exercise.get("cues") or []),
        "caution_notes": list(cautions.notes),
        "stop_rules": list(cautions.stop_rules),
        "note": item.get("note", ""),
        "override_reason": item.get("override_reason", ""),
        "wide_notes": len(item.get("note") or "") + len(item.get("override_reason") or "")
        > WIDE_NOTES_FROM,
    }


def english_card(item: dict, precaution_tags: list[str]) -> dict:
    """The words of a card in English, printed under the translated card of a bilingual
    handout: what to do and when to stop, no pictures or dose (those are the same)."""
    with translation.override("en"):
        exercise = exercise_text(item.get("exercise") or {}, "en")
        cautions = patient_cautions(exercise, precaution_tags)
        return {
            "name": exercise.get("name", ""),
            "start_position": exercise.get("start_position", ""),
            "steps": list(exercise.get("steps") or []),
            "cues": list(exercise.get("cues") or []),
            "caution_notes": list(cautions.notes),
            "stop_rules": list(cautions.stop_rules),
        }


def safety_text() -> dict:
    """The safety box and the principles in the current language, as plain strings."""
    return {
        "principles": [(str(lead), str(detail)) for lead, detail in PRINCIPLES],
        "emergency_signs": [
            str(EMERGENCY_SIGNS[q.code]) if q.code in EMERGENCY_SIGNS else gettext(q.question)
            for q in EMERGENCY_QUESTIONS
        ],
        "emergency_instruction": str(EMERGENCY_INSTRUCTION),
        "stop_rules": [gettext(str(rule)) for rule in UNIVERSAL_STOP_RULES],
        "days": [str(day) for day in DAYS],
    }


def page_footer() -> dict:
    """ "Page 1 of 3" in the current language, cut around its two numbers: the stylesheet puts
    the page counters between the pieces. One sentence to translate, never fragments."""
    words = gettext("Page %(page)s of %(pages)s") % {"page": "\x00", "pages": "\x01"}
    if (
        words.count("\x00") != 1
        or words.count("\x01") != 1
        or words.index("\x00") > words.index("\x01")
    ):
        words = "Page \x00 of \x01"  # a translation that reorders the numbers: English order
    before, rest = words.split("\x00")
    middle, after = rest.split("\x01")
    return {"before": before, "middle": middle, "after": after}


def handout_context(
    *,
    revision: ProgramRevision,
    patient: Patient,
    clinic: ClinicProfile,
    paper: str,
    large_print: bool,
    dense_cards: frozenset[int] = frozenset(),
    assets: Assets,
    precaution_tags: list[str],
    language: str = "en",
    bilingual: bool = False,
) -> dict:
    """Everything the handout template shows, in `language` (call it with that language
    active: `translation.override`). `dense_cards` are the numbers of the cards set a little
    tighter because at full size they ran over their page (see `render_handout_pdf`).

    `bilingual` adds the English words under each translated card and beside the safety box,
    for a family member or an interpreter; it means nothing for an English handout."""
    snapshot = revision.snapshot
    url = portal_url()
    therapist = snapshot.get("therapist") or {}
    items = snapshot.get("items", [])
    cards = [card(item, assets, precaution_tags, language) for item in items]
    bilingual = bilingual and language != "en"
    videos = video_links(revision)
    for each, item in zip(cards, items, strict=True):
        each["dense"] = each["number"] in dense_cards
        if bilingual and each["language"] != "en":
            each["english"] = english_card(item, precaution_tags)
        if each["number"] in videos:
            label = gettext("QR code: the video of this exercise")
            qr = qr_svg(videos[each["number"]], label=label)
            each["video_qr_url"] = assets.add(qr.encode(), "image/svg+xml", "svg")
    english = None
    if bilingual:
        with translation.override("en"):
            english = safety_text()
    title, goals, notes = (snapshot.get(name, "") for name in ("title", "goals", "notes"))
    return {
        "clinic": {
            "name": clinic.name,
            "address_lines": [line for line in clinic.address.splitlines() if line.strip()],
            "phone": clinic.phone,
            "email": clinic.email,
            "website": clinic.website,
            "footer": clinic.handout_footer,
            "logo_url": _media_file_url(clinic.logo.name) if clinic.logo else "",
        },
        "language": language,
        "bilingual": bilingual,
        "english": english,
        # Any exercise in a translation no clinician has reviewed yet: one line says so.
        "unreviewed": any(not each["reviewed"] for each in cards),
        "unreviewed_note": str(UNREVIEWED_NOTE),
        "patient_name": patient.display_name,
        "patient_name_dir": text_direction(patient.display_name),
        "therapist_name": therapist.get("name", ""),
        "therapist_title": therapist.get("title", ""),
        "title": title,
        "title_dir": text_direction(title),
        "goals": goals,
        "goals_dir": text_direction(goals),
        "notes": notes,
        "notes_dir": text_direction(notes),
        "start_date": parse_iso_date(snapshot.get("start_date")),
        "review_date": parse_iso_date(snapshot.get("review_date")),
        "version": revision.number,
        "published_on": timezone.localtime(revision.published_at).date(),
        **safety_text(),
        "cards": cards,
        "page_footer": page_footer(),
        "portal_url": url,
        "qr_url": assets.add(qr_svg(url).encode(), "image/svg+xml", "svg"),
        "paper": paper,
        "large_print": large_print,
    }
