"""What changed from one published revision to the next, as short plain sentences.

Each change keeps its English sentence (`text`, what staff read in the revision history) and
the facts it was written from (`facts`): the portal writes the patient's "What's new" again
from the facts in the patient's language (`patient_sentences`), never by translating the stored
English. Changes stored before the facts were kept are shown with their English sentence.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext

from programs.dose_words import dose_words

# Changes the patient is not shown in the portal's "What's new": an override reason is the
# clinician's note to colleagues on why an exercise is prescribed despite a precaution, and
# the new title is the page's heading already (the old one is not the patient's any more).
# A "translation" change is the library's Spanish or Portuguese text of an exercise: staff see it
# so they know why a revision was published; the patient simply reads the new text.
STAFF_ONLY_CHANGES = frozenset({"override", "title", "translation"})

_DOSE_CHANGE_LABELS = (
    ("sets", "sets", ""),
    ("reps", "reps", ""),
    ("hold_s", "hold", " s"),
    ("duration_min", "minutes", ""),
    ("side_label", "side", ""),
    ("times_per_day", "times a day", ""),
    ("days_per_week", "days a week", ""),
    ("tempo", "tempo or breathing cue", ""),
)


def _plain(value):
    """A fact as stored JSON keeps it (a fresh snapshot's labels may still be lazy strings)."""
    return str(value) if isinstance(value, Promise) else value


def _shown(value, unit: str = "") -> str:
    return "none" if value in (None, "") else f"{value}{unit}"


def _quoted(text: str, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    if not text:
        return "(none)"
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _match_items(old: list[dict], new: list[dict]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of the same item: by draft item id, then by exercise."""
    pairs: list[tuple[int, int]] = []
    old_by_id = {it["item_id"]: i for i, it in enumerate(old) if it.get("item_id") is not None}
    matched_old: set[int] = set()
    unmatched_new = []
    for j, it in enumerate(new):
        i = old_by_id.get(it.get("item_id"))
        if i is not None and i not in matched_old:
            pairs.append((i, j))
            matched_old.add(i)
        else:
            unmatched_new.append(j)
    # Older snapshots have no item ids: pair the rest by exercise, in order.
    spare_old: dict[str, list[int]] = {}
    for i, it in enumerate(old):
        if i not in matched_old:
            spare_old.setdefault(it["exercise"]["slug"], []).append(i)
    for j in unmatched_new:
        candidates = spare_old.get(new[j]["exercise"]["slug"])
        if candidates:
            pairs.append((candidates.pop(0), j))
    return sorted(pairs, key=lambda pair: pair[1])


def _longest_increasing(values: list[int], shifts: list[int] | None = None) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (O(n²), n is small).

    Of several equally long ones, the one whose members shifted least (`shifts`): when one
    exercise moves up past another, it is the one that moved, not the one it passed.
    """
    if not values:
        return set()
    shifts = shifts or [0] * len(values)
    # Length first (a large weight per member), then the least total shift.
    big = 1 + sum(shifts)
    weight = [big - shift for shift in shifts]
    best = list(weight)
    previous = [-1] * len(values)
    for j in range(len(values)):
        for i in range(j):
            if values[i] < values[j] and best[i] + weight[j] > best[j]:
                best[j], previous[j] = best[i] + weight[j], i
    end = max(range(len(values)), key=best.__getitem__)
    keep = set()
    while end != -1:
        keep.add(end)
        end = previous[end]
    return keep


def summarise_changes(old: dict | None, new: dict) -> list[dict]:
    """What changed from one snapshot to the next, as short plain sentences.

    Each change is {"kind", "exercise", "text"}; kinds: first, title, goals, notes, dates,
    added, removed, moved, dose, note, override, instructions, translation.
    """
    if old is None:
        count = len(new["items"])
        return [
            {
                "kind": "first",
                "exercise": "",
                "text": f"First version, with {count} exercise{'s' if count != 1 else ''}.",
                "facts": {"count": count},
            }
        ]
    changes: list[dict] = []

    def change(kind: str, text: str, exercise: str = "", **facts) -> None:
        changes.append({"kind": kind, "exercise": exercise, "text": text, "facts": facts})

    if old.get("title") != new.get("title"):
        change("title", f"Title: {_quoted(old.get('title'))} → {_quoted(new.get('title'))}")
    if (old.get("goals") or "") != (new.get("goals") or ""):
        change("goals", f"Goals changed to {_quoted(new.get('goals'), 160)}", new=new.get("goals"))
    if (old.get("notes") or "") != (new.get("notes") or ""):
        change(
            "notes",
            f"General notes changed to {_quoted(new.get('notes'), 160)}",
            new=new.get("notes"),
        )
    for key, label in (("start_date", "Start date"), ("review_date", "Review date")):
        if old.get(key) != new.get(key):
            change(
                "dates",
                f"{label}: {_shown(old.get(key))} → {_shown(new.get(key))}",
                field=key,
                old=old.get(key),
                new=new.get(key),
            )

    old_items, new_items = old.get("items", []), new.get("items", [])
    pairs = _match_items(old_items, new_items)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    for i, it in enumerate(old_items):
        if i not in paired_old:
            name = it["exercise"]["name"]
            change("removed", f"Removed {name}", name, slug=it["exercise"].get("slug"))
    for j, it in enumerate(new_items):
        if j not in paired_new:
            name = it["exercise"]["name"]
            change(
                "added",
                f"Added {name} at position {j + 1} ({it.get('dose_text')})",
                name,
                slug=it["exercise"].get("slug"),
                position=j + 1,
                dose={
                    key: _plain(it.get(key)) for key in ("sets", "reps", "hold_s", "duration_min")
                }
                | {"side": _plain(it.get("side") or "")},
            )

    in_place = _longest_increasing([i for i, _ in pairs], [abs(i - j) for i, j in pairs])
    for n, (i, j) in enumerate(pairs):
        name = new_items[j]["exercise"]["name"]
        if n not in in_place:
            change(
                "moved",
                f"Moved {name} from position {i + 1} to {j + 1}",
                name,
                slug=new_items[j]["exercise"].get("slug"),
                old=i + 1,
                new=j + 1,
            )
    for i, j in pairs:
        before, after = old_items[i], new_items[j]
        name = after["exercise"]["name"]
        dose = [
            f"{label} {_shown(before.get(key), unit)} → {_shown(after.get(key), unit)}"
            for key, label, unit in _DOSE_CHANGE_LABELS
            if before.get(key) != after.get(key)
        ]
        slug = after["exercise"].get("slug")
        if dose:
            changed = {
                key: [_plain(before.get(key)), _plain(after.get(key))]
                for key, _label, _unit in _DOSE_CHANGE_LABELS
                if before.get(key) != after.get(key)
            }
            change("dose", f"{name}: {'; '.join(dose)}", name, slug=slug, changed=changed)
        if (before.get("note") or "") != (after.get("note") or ""):
            change(
                "note",
                f"Note for {name}: {_quoted(before.get('note'))} → {_quoted(after.get('note'))}",
                name,
                slug=slug,
                old=before.get("note"),
                new=after.get("note"),
            )
        if (before.get("override_reason") or "") != (after.get("override_reason") or ""):
            change(
                "override",
                f"Override for {name}: {_quoted(after.get('override_reason'), 160)}",
                name,
            )
        old_exercise, new_exercise = dict(before["exercise"]), dict(after["exercise"])
        old_translations = old_exercise.pop("translations", {})
        new_translations = new_exercise.pop("translations", {})
        if old_exercise != new_exercise:
            change(
                "instructions", f"Instructions for {name} updated from the library", name, slug=slug
            )
        elif old_translations != new_translations:
            change("translation", f"Translated instructions for {name} updated", name)
    return changes


def changes_for_patient(changes: list[dict]) -> list[dict]:
    """The changes of a revision the patient reads in the portal ("What's new")."""
    return [change for change in changes if change.get("kind") not in STAFF_ONLY_CHANGES]


# The dose fields a patient reads a change of, each as a whole phrase of the reader's language
# (in English the same words as the stored sentence).
def _dose_change(key: str, old, new) -> str:
    unit = " s" if key == "hold_s" else ""
    if key == "side_label":  # stored as the English label of the side ("Both sides")
        old, new = (gettext(value) if value else value for value in (old, new))
    values = {"old": _value(old, unit), "new": _value(new, unit)}
    phrases = {
        "sets": gettext("sets %(old)s → %(new)s"),
        "reps": gettext("reps %(old)s → %(new)s"),
        "hold_s": gettext("hold %(old)s → %(new)s"),
        "duration_min": gettext("minutes %(old)s → %(new)s"),
        "side_label": gettext("side %(old)s → %(new)s"),
        "times_per_day": gettext("times a day %(old)s → %(new)s"),
        "days_per_week": gettext("days a week %(old)s → %(new)s"),
        "tempo": gettext("tempo or breathing cue %(old)s → %(new)s"),
    }
    return phrases[key] % values if key in phrases else ""


def _value(value, unit: str = "") -> str:
    return gettext("none") if value in (None, "") else f"{value}{unit}"


def _words(text) -> str:
    return _quoted(text, 160) if text else gettext("(none)")


def patient_sentence(change: dict, names: dict[str, str] | None = None) -> str:
    """One change of "What's new", written now in the active language from its facts.

    `names` maps an exercise's slug to its name in the reader's language (the portal's cards
    call it that); a change stored without facts keeps its English sentence."""
    facts = change.get("facts")
    if facts is None:
        return change.get("text", "")
    kind = change.get("kind")
    name = (names or {}).get(facts.get("slug") or "") or change.get("exercise", "")
    if kind == "first":
        count = facts["count"]
        return ngettext(
            "First version, with %(count)s exercise.",
            "First version, with %(count)s exercises.",
            count,
        ) % {"count": count}
    if kind == "goals":
        return gettext("Goals changed to %(text)s") % {"text": _words(facts.get("new"))}
    if kind == "notes":
        return gettext("General notes changed to %(text)s") % {"text": _words(facts.get("new"))}
    if kind == "dates":
        values = {"old": _value(facts.get("old")), "new": _value(facts.get("new"))}
        if facts.get("field") == "start_date":
            return gettext("Start date: %(old)s → %(new)s") % values
        return gettext("Review date: %(old)s → %(new)s") % values
    if kind == "added":
        dose = facts.get("dose") or {}
        words = dose_words(
            sets=dose.get("sets") or 1,
            reps=dose.get("reps"),
            hold_s=dose.get("hold_s"),
            duration_min=dose.get("duration_min"),
            side=dose.get("side") or "",
        )
        return gettext("Added %(name)s at position %(position)s (%(dose)s)") % {
            "name": name,
            "position": facts.get("position"),
            "dose": words,
        }
    if kind == "removed":
        return gettext("Removed %(name)s") % {"name": name}
    if kind == "moved":
        return gettext("Moved %(name)s from position %(old)s to %(new)s") % {
            "name": name,
            "old": facts.get("old"),
            "new": facts.get("new"),
        }
    if kind == "dose":
        parts = [_dose_change(key, *pair) for key, pair in (facts.get("changed") or {}).items()]
        return gettext("%(name)s: %(changes)s") % {
            "name": name,
            "changes": "; ".join(part for part in parts if part),
        }
    if kind == "note":
        return gettext("Note for %(name)s: %(old)s → %(new)s") % {
            "name": name,
            "old": _words(facts.get("old")),
            "new": _words(facts.get("new")),
        }
    if kind == "instructions":
        return gettext("Instructions for %(name)s updated from the library") % {"name": name}
    return change.get("text", "")


def patient_sentences(changes: list[dict], names: dict[str, str] | None = None) -> list[str]:
    """The revision's "What's new" for the patient, in the active language."""
    return [patient_sentence(change, names) for change in changes_for_patient(changes)]
