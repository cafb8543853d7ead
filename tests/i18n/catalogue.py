"""What the patient-facing files ask to translate, and what our .po files answer.

PATIENT_FACING is the one list of what a patient reads: add a folder or file here when a new
patient-facing page, email or script appears, and the completeness test covers it.
"""

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
LANGUAGES = ("es", "pt_BR")  # the .po directories of every language but English

# Templates (folders are read whole, sub-folders included) and scripts a patient reads.
PATIENT_FACING_TEMPLATES = (
    "templates/portal",
    "templates/emails",
    "templates/registration",
    "templates/base.html",
    "templates/403.html",
    "templates/404.html",
    "templates/500.html",
    "templates/programs/handouts",
    "templates/clinic/selfservice",
    "templates/clinic/_bodychart_widget.html",  # the pre-visit form draws the same chart
    "templates/clinic/questionnaires",
    "templates/clinic/invitation_accept.html",
    "templates/clinic/invitation_invalid.html",
    "templates/clinic/messages/portal_thread.html",
    "templates/clinic/messages/_message_list.html",
    "templates/clinic/devices/portal_devices.html",
    "templates/interop/portal_record.html",
)
PATIENT_FACING_SCRIPTS = (
    "static/js/session.js",
    "static/js/log-draft.js",
    "static/js/follow.js",
    "static/js/portal.js",
    "static/js/offline.js",
    "static/js/motion.js",
    "static/js/progress.js",
)
# Python modules whose marked strings a patient reads (portal pages, forms, check-ins).
PATIENT_FACING_PYTHON = (
    "programs/views/portal.py",
    "programs/views/reminders.py",
    "programs/views/step_backs.py",
    "programs/portal_forms.py",
    "programs/dose_words.py",
    "programs/services/clashes.py",
    "programs/timer_plan.py",
    "programs/plan.py",
    "programs/step_back.py",
    "programs/reminders.py",
    "programs/daily/services.py",
    "clinic/redflags.py",
    "clinic/passwords.py",
    "clinic/remembered_devices.py",
    "pages/offline.py",  # the service worker's offline page (static/sw.js)
    "clinic/selfservice/forms.py",  # the pre-visit intake on the patient's phone (and the words
    # of static/js/bodychart.js on it, given to the script in the page: chart_words)
    "clinic/selfservice/steps.py",
    "clinic/selfservice/display.py",
    "clinic/selfservice/services.py",
    "clinic/views/self_service.py",
    # The therapist's intake words the pre-visit intake shows, translated as its forms are built.
    "clinic/intake/choices.py",
    "clinic/intake/fields.py",
    "clinic/intake/sections.py",
    "clinic/precautions.py",
    "clinic/questionnaires",  # the questionnaire link pages' forms, instruments and messages
    "programs/services/changes.py",  # the portal's "What's new"
    "programs/handouts",  # the handout PDF's words
    "programs/templatetags",  # the portal's and the handout's dose, equipment, cautions
    "programs/translations.py",
)
# Email templates a patient never gets (they go to staff): not held to the completeness test.
STAFF_ONLY = (
    "templates/emails/staff_alert",
    "templates/emails/staff_welcome",
    "templates/emails/audit_checkpoint",
)

# Django's makemessages keywords, so that we find exactly what it extracts.
_KEYWORDS = (
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
)


@dataclass
class Entry:
    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr)


def _unquote(text: str) -> str:
    return text[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po (or .pot) text, header and obsolete (#~) entries left out."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not lines:
            continue
        fields: dict[str, str] = {}
        current = None
        fuzzy = False
        for line in lines:
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = _unquote(match.group(2).encode().decode("utf-8"))
            elif line.startswith('"') and current:
                fields[current] += _unquote(line)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        plurals = sorted(key for key in fields if key.startswith("msgstr["))
        entries.append(
            Entry(
                msgid=fields["msgid"],
                msgid_plural=fields.get("msgid_plural", ""),
                msgctxt=fields.get("msgctxt"),
                msgstr=[fields[key] for key in plurals] or [fields.get("msgstr", "")],
                fuzzy=fuzzy,
            )
        )
    return entries


def _files(paths, suffixes) -> list[Path]:
    found = []
    for name in paths:
        path = ROOT / name
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in suffixes and p.is_file())
        elif path.exists():
            found.append(path)
    return [p for p in found if not str(p.relative_to(ROOT)).startswith(STAFF_ONLY)]


def _xgettext(paths: list[Path], language: str) -> list[Entry]:
    if not paths:
        return []
    command = ["xgettext", "--from-code=UTF-8", f"--language={language}", "-o", "-"]
    command += [f"--keyword={keyword}" for keyword in _KEYWORDS]
    argv = command + [str(p) for p in paths]
    result = subprocess.run(argv, capture_output=True, check=True)  # noqa: S603 - our own files
    return parse_po(result.stdout.decode("utf-8"))


def template_msgids() -> list[Entry]:
    """Every msgid of the patient-facing templates, as makemessages finds them."""
    with tempfile.TemporaryDirectory() as tmp:
        fakes = []
        for index, path in enumerate(_files(PATIENT_FACING_TEMPLATES, {".html", ".txt"})):
            fake = Path(tmp) / f"{index}.py"
            fake.write_text(templatize(path.read_text(), origin=str(path)), encoding="utf-8")
            fakes.append(fake)
        return _xgettext(fakes, "Python")


def python_msgids() -> list[Entry]:
    return _xgettext(_files(PATIENT_FACING_PYTHON, {".py"}), "Python")


def script_msgids() -> list[Entry]:
    return _xgettext(_files(PATIENT_FACING_SCRIPTS, {".js"}), "JavaScript")


def catalogue(language: str, domain: str) -> dict:
    path = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    return {entry.key: entry for entry in parse_po(path.read_text(encoding="utf-8"))}


def po_files() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
