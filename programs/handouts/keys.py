"""What a stored handout depends on, as one key: change any input and the handout renders again.

Both the renderer (to look a handout up before rendering it) and the pruner (to find stored
handouts whose inputs have since changed) work out keys, so the key lives here, apart from both.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from pathlib import Path

from django.conf import settings
from django.utils.translation import to_locale

from clinic.models import ClinicProfile, Patient
from programs import figures
from programs.models import ProgramRevision
from programs.services import patient_cautions

from .content import portal_url, video_links

PACKAGE_DIR = Path(__file__).resolve().parent
STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "handout.css"
UA_STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "handout_ua.css"
TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates" / "programs" / "handouts"

# Bump to force every stored handout to render again for a reason no source file shows.
FORMAT_REVISION = 1
# Modules of this package that never change what a PDF looks like.
NOT_FORMAT_SOURCES = {"pruning.py", "ready.py", "fonts.py"}


@functools.cache
def format_version() -> str:
    """A hash of the templates, stylesheet and code that shape a handout, and library versions."""
    digest = hashlib.sha256(f"format {FORMAT_REVISION}".encode())
    sources = [
        STYLESHEET,
        UA_STYLESHEET,
        *sorted(TEMPLATE_DIR.glob("*.html")),
        *sorted(p for p in PACKAGE_DIR.glob("*.py") if p.name not in NOT_FORMAT_SOURCES),
    ]
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(f"figures {figures.RENDERER_VERSION}".encode())  # the exercise pictures
    for package in ("weasyprint", "pydyf", "qrcode", "tinycss2", "fonttools"):
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version}".encode())
    return digest.hexdigest()


@functools.cache
def catalog_digest(language: str) -> str:
    """A hash of the language's message catalogues (every .po of it under LOCALE_PATHS): a
    corrected translation renders the handouts in that language again. English is the source
    text, so it has none."""
    if language == "en":
        return ""
    folder = to_locale(language)
    digest = hashlib.sha256()
    for root in settings.LOCALE_PATHS:
        for path in sorted(Path(root, folder, "LC_MESSAGES").glob("*.po")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def logo_digest(clinic: ClinicProfile) -> str:
    if not clinic.logo:
        return ""
    try:
        with clinic.logo.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return "missing"


def handout_key(
    *,
    revision: ProgramRevision,
    patient: Patient,
    clinic: ClinicProfile,
    paper: str,
    large_print: bool,
    precaution_tags: list[str],
    language: str = "en",
    bilingual: bool = False,
    logo_sha256: str | None = None,
) -> str:
    """SHA-256 of every input of the PDF: change any of them and the handout renders again.

    `language` is the patient's (`clinic.languages.patient_language`): a patient who changes
    language gets a new handout; `bilingual` adds English beside it.

    `logo_sha256` is `logo_digest(clinic)`, for a caller working out many keys at once.
    """
    inputs = {
        "revision": [
            str(revision.uuid),
            revision.number,
            revision.published_at.isoformat(),
            revision.content_hash,
        ],
        "patient": [patient.first_name, patient.last_name, patient.preferred_name],
        # The cautions printed for this patient's precautions (a new intake can change them):
        # the printed text itself, so a change to how they are chosen renders again too.
        "cautions": [
            list(patient_cautions(item.get("exercise") or {}, precaution_tags).notes)
            for item in revision.snapshot.get("items", [])
        ],
        "clinic": [
            clinic.name,
            clinic.address,
            clinic.phone,
            clinic.email,
            clinic.website,
            clinic.handout_footer,
            clinic.logo.name if clinic.logo else "",
            logo_digest(clinic) if logo_sha256 is None else logo_sha256,
        ],
        "paper": paper,
        "large_print": bool(large_print),
        "language": language,
        "catalog": catalog_digest(language),
        "bilingual": bool(bilingual),
        "portal_url": portal_url(),
        # A QR code on the card of each exercise with a clinic video (added or taken away).
        "videos": sorted(video_links(revision).items()),
        "time_zone": settings.TIME_ZONE,
        "format": format_version(),
    }
    encoded = json.dumps(inputs, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()
