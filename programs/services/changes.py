"""What changed from one published revision to the next, as short plain sentences."""

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
            }
        ]
    changes: list[dict] = []

    def change(kind: str, text: str, exercise: str = "") -> None:
        changes.append({"kind": kind, "exercise": exercise, "text": text})

    if old.get("title") != new.get("title"):
        change("title", f"Title: {_quoted(old.get('title'))} → {_quoted(new.get('title'))}")
    if (old.get("goals") or "") != (new.get("goals") or ""):
        change("goals", f"Goals changed to {_quoted(new.get('goals'), 160)}")
    if (old.get("notes") or "") != (new.get("notes") or ""):
        change("notes", f"General notes changed to {_quoted(new.get('notes'), 160)}")
    for key, label in (("start_date", "Start date"), ("review_date", "Review date")):
        if old.get(key) != new.get(key):
            change("dates", f"{label}: {_shown(old.get(key))} → {_shown(new.get(key))}")

    old_items, new_items = old.get("items", []), new.get("items", [])
    pairs = _match_items(old_items, new_items)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    for i, it in enumerate(old_items):
        if i not in paired_old:
            change("removed", f"Removed {it['exercise']['name']}", it["exercise"]["name"])
    for j, it in enumerate(new_items):
        if j not in paired_new:
            name = it["exercise"]["name"]
            change("added", f"Added {name} at position {j + 1} ({it.get('dose_text')})", name)

    in_place = _longest_increasing([i for i, _ in pairs], [abs(i - j) for i, j in pairs])
    for n, (i, j) in enumerate(pairs):
        name = new_items[j]["exercise"]["name"]
        if n not in in_place:
            change("moved", f"Moved {name} from position {i + 1} to {j + 1}", name)
    for i, j in pairs:
        before, after = old_items[i], new_items[j]
        name = after["exercise"]["name"]
        dose = [
            f"{label} {_shown(before.get(key), unit)} → {_shown(after.get(key), unit)}"
            for key, label, unit in _DOSE_CHANGE_LABELS
            if before.get(key) != after.get(key)
        ]
        if dose:
            change("dose", f"{name}: {'; '.join(dose)}", name)
        if (before.get("note") or "") != (after.get("note") or ""):
            change(
                "note",
                f"Note for {name}: {_quoted(before.get('note'))} → {_quoted(after.get('note'))}",
                name,
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
            change("instructions", f"Instructions for {name} updated from the library", name)
        elif old_translations != new_translations:
            change("translation", f"Translated instructions for {name} updated", name)
    return changes


def changes_for_patient(changes: list[dict]) -> list[dict]:
    """The changes of a revision the patient reads in the portal ("What's new")."""
    return [change for change in changes if change.get("kind") not in STAFF_ONLY_CHANGES]
