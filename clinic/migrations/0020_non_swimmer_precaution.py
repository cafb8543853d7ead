"""Intakes saved before "cannot swim" had its own precaution tag carried it as the medical pool
precaution, which hides pool walking too. Move that one reason to the `non_swimmer` tag, as
saving the intake again would; the answers themselves are not touched."""

from django.db import migrations

NON_SWIMMER_REASON = "Cannot swim (shallow-water walking with a float belt or rail)"
POOL, NON_SWIMMER = "aquatic_precaution", "non_swimmer"
LABELS = {POOL: "Pool exercise needs care", NON_SWIMMER: "Cannot swim"}


def _move(intake, *, forward: bool) -> bool:
    derived = dict(intake.derived or {})
    hits = [dict(hit) for hit in derived.get("precautions") or []]
    by_tag = {hit["tag"]: hit for hit in hits}
    source, target = (POOL, NON_SWIMMER) if forward else (NON_SWIMMER, POOL)
    hit = by_tag.get(source)
    if hit is None:
        return False
    reasons = hit["reason"].split("; ")
    if NON_SWIMMER_REASON not in reasons:
        return False
    reasons.remove(NON_SWIMMER_REASON)
    if reasons:
        hit["reason"] = "; ".join(reasons)
    else:
        hits.remove(hit)
    existing = next((h for h in hits if h["tag"] == target), None)
    if existing is not None:
        existing["reason"] = "; ".join([*existing["reason"].split("; "), NON_SWIMMER_REASON])
    else:
        # Both are the last tags in the intake's order (pool precaution, then non-swimmer), so
        # the one added goes last either way.
        hits.append({"tag": target, "label": LABELS[target], "reason": NON_SWIMMER_REASON})
    derived["precautions"] = hits
    intake.derived = derived
    intake.precaution_tags = [h["tag"] for h in hits]
    intake.save(update_fields=["derived", "precaution_tags"])
    return True


def forward(apps, schema_editor):
    Intake = apps.get_model("clinic", "Intake")
    for intake in Intake.objects.only("derived", "precaution_tags").iterator():
        if POOL in (intake.precaution_tags or []):
            _move(intake, forward=True)


def backward(apps, schema_editor):
    Intake = apps.get_model("clinic", "Intake")
    for intake in Intake.objects.only("derived", "precaution_tags").iterator():
        if NON_SWIMMER in (intake.precaution_tags or []):
            _move(intake, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0019_reassessment_exam"),
    ]

    operations = [migrations.RunPython(forward, backward)]
