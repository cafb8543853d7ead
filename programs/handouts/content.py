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
from django.utils import timezone

from clinic.models import ClinicProfile, Patient
from clinic.qr import qr_svg
from clinic.redflags import EMERGENCY, RED_FLAG_QUESTIONS, TIER_INSTRUCTIONS
from programs.models import ProgramRevision
from programs.services import UNIVERSAL_STOP_RULES, parse_iso_date, patient_cautions
from programs.videos import ExerciseVideo

from .fetcher import ASSET_SCHEME, media_url

logger = logging.getLogger(__name__)

# The clinic's principles for home exercise, in the patient's words.
PRINCIPLES = [
    (
        "Move within comfort, never into pain.",
        "Mild discomfort, up to 2 out of 10, is fine if it settles within a few minutes and you "
        "are no worse the next morning.",
    ),
    (
        "Increase gradually, one thing at a time.",
        "After a week with steady symptoms, add a few repetitions, then a set, then a longer "
        "hold. If your symptoms flare, go back one step.",
    ),
    (
        "Active Isolated Stretches (AIS):",
        "tighten the opposite muscle to move actively into the stretch, assist gently with the "
        "rope or your hands for no more than 2 seconds while breathing out, then return and "
        "relax. Repeat as many times as the stretch's dose says.",
    ),
    (
        "Stop if symptoms spread further down your leg.",
        "Pain that moves back toward your spine is a good sign; pain that travels down the leg "
        "is not.",
    ),
]

# The emergency symptoms (red-flag tier E), as statements for the safety box. Keyed by
# the red-flag code so a test can prove every emergency question has a line here.
EMERGENCY_SIGNS = {
    "ces_bladder": "New trouble peeing: hard to start, a weak flow, not feeling when your "
    "bladder is full, not being able to go, or leaking.",
    "ces_bowel": "Losing control of your bowels, or not feeling when you need to go.",
    "ces_saddle": "Numbness or pins and needles around your private parts, bottom or inner "
    "buttocks (where you sit on a bicycle seat), or toilet paper feels different.",
    "ces_sexual": "New numbness in your private parts or new problems with sex.",
    "ces_bilateral": "Pain, numbness or weakness that is new in both legs.",
    "neuro_progressive": "Leg weakness that is getting worse, tripping or a foot that slaps "
    "down, or legs giving way.",
    "aaa": "Sudden, very bad pain in your belly or back, especially with feeling faint or a "
    "throbbing lump in your belly.",
    "dvt_pe": "A painful, swollen, warm calf, or new chest pain, sudden shortness of breath or "
    "coughing up blood.",
}
EMERGENCY_QUESTIONS = [q for q in RED_FLAG_QUESTIONS if q.tier == EMERGENCY]
EMERGENCY_INSTRUCTION = TIER_INSTRUCTIONS[EMERGENCY]

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

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
        return [{"url": _media_file_url(photo), "caption": "", "alt": f"Photo: {name}"}]
    figure = exercise.get("figure") or {}
    if not figure:
        return []
    from programs import figures

    pictures = []
    for which, caption in (("start", "Start"), ("end", "Finish")):
        title = f"{name}: {caption.lower()}"
        try:
            svg = figures.figure_svg(figure, which, size=FIGURE_SIZE, title=title).encode()
        except figures.FigureError:
            logger.warning("Handout: the %s picture of an exercise cannot be drawn", which)
            return []
        pictures.append(
            {
                "url": assets.add(svg, "image/svg+xml", "svg"),
                "caption": caption,
                "alt": f"{name}, {caption.lower()} position",
            }
        )
    return pictures


def _dose_rows(item: dict) -> list[tuple[str, str]]:
    rows = [("Sets", str(item.get("sets") or 1))]
    if item.get("reps"):
        rows.append(("Repetitions", str(item["reps"])))
    if item.get("hold_s"):
        seconds = item["hold_s"]
        rows.append(("Hold", f"{seconds} second{'s' if seconds != 1 else ''}"))
    if item.get("duration_min"):
        minutes = item["duration_min"]
        rows.append(("Time", f"{minutes} minute{'s' if minutes != 1 else ''}"))
    rows.append(("Side", item.get("side_label") or "—"))
    rows.append(("How often", (item.get("frequency_text") or "").capitalize() or "—"))
    return rows


def card(item: dict, assets: Assets, precaution_tags: list[str]) -> dict:
    """One exercise card. Its cautions are exactly the portal's (`patient_cautions`): the
    exercise's caution notes for this patient's precautions and its own stop rules; the
    library's precaution notes are written for therapists and stay off the patient's paper."""
    exercise = item.get("exercise", {})
    cautions = patient_cautions(exercise, precaution_tags)
    return {
        "number": item.get("position"),
        "name": exercise.get("name", ""),
        "category": exercise.get("category_label", ""),
        "summary": exercise.get("summary", ""),
        "pictures": _figure_urls(exercise, assets),
        "start_position": exercise.get("start_position", ""),
        "steps": list(exercise.get("steps") or []),
        "equipment": list(exercise.get("equipment") or []),
        "agonist": exercise.get("agonist", ""),
        "dose": _dose_rows(item),
        "dose_text": item.get("dose_text", ""),
        "frequency_text": item.get("frequency_text", ""),
        "tempo": item.get("tempo", ""),
        "cues": list(exercise.get("cues") or []),
        "caution_notes": list(cautions.notes),
        "stop_rules": list(cautions.stop_rules),
        "note": item.get("note", ""),
        "override_reason": item.get("override_reason", ""),
        "wide_notes": len(item.get("note") or "") + len(item.get("override_reason") or "")
        > WIDE_NOTES_FROM,
    }


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
) -> dict:
    """Everything the handout template shows. `dense_cards` are the numbers of the cards set a
    little tighter because at full size they ran over their page (see `render_handout_pdf`)."""
    snapshot = revision.snapshot
    url = portal_url()
    therapist = snapshot.get("therapist") or {}
    cards = [card(item, assets, precaution_tags) for item in snapshot.get("items", [])]
    videos = video_links(revision)
    for each in cards:
        each["dense"] = each["number"] in dense_cards
        if each["number"] in videos:
            qr = qr_svg(videos[each["number"]], label="QR code: the video of this exercise")
            each["video_qr_url"] = assets.add(qr.encode(), "image/svg+xml", "svg")
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
        "patient_name": patient.display_name,
        "therapist_name": therapist.get("name", ""),
        "therapist_title": therapist.get("title", ""),
        "title": snapshot.get("title", ""),
        "goals": snapshot.get("goals", ""),
        "notes": snapshot.get("notes", ""),
        "start_date": parse_iso_date(snapshot.get("start_date")),
        "review_date": parse_iso_date(snapshot.get("review_date")),
        "version": revision.number,
        "published_on": timezone.localtime(revision.published_at).date(),
        "principles": PRINCIPLES,
        "emergency_signs": [EMERGENCY_SIGNS.get(q.code, q.question) for q in EMERGENCY_QUESTIONS],
        "emergency_instruction": EMERGENCY_INSTRUCTION,
        "stop_rules": UNIVERSAL_STOP_RULES,
        "cards": cards,
        "days": DAYS,
        "portal_url": url,
        "qr_url": assets.add(qr_svg(url).encode(), "image/svg+xml", "svg"),
        "paper": paper,
        "large_print": large_print,
    }
