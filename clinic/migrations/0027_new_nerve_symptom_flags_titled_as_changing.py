"""Flags raised before the red-flag rules gave new or worsening numbness, pins and needles or a
balance change a flag of its own (``neuro_changing``) were coded ``neuro_stable``, so they were
titled "Long-standing nerve symptoms that are not changing" beside a reason reading "New or
worsening: numbness". Such a flag is re-coded, so its title matches what raised it; its reason,
state, history and decision are kept. A flag whose reason also names a long-standing symptom,
or whose intake already has a ``neuro_changing`` flag, is left as it is.

The old rule added "the safety question itself was answered No: check with them" when the
one-leg stable-symptom question was answered No; that question is not the changing flag's, so
the note is dropped from the re-coded flag's reason.
"""

from django.db import migrations

NEW_PREFIX = "New or worsening: "
ANSWERED_NO = "the safety question itself was answered No: check with them"


def changing_reason(reason: str) -> str | None:
    """The reason of a flag to re-code, or None when it is not one (pure, for the tests)."""
    parts = [part.strip() for part in reason.split(";") if part.strip()]
    kept = [part for part in parts if part != ANSWERED_NO]
    if not kept or not all(part.startswith(NEW_PREFIX) for part in kept):
        return None
    return "; ".join(kept)


def recode_new_nerve_symptom_flags(apps, schema_editor):
    RedFlag = apps.get_model("clinic", "RedFlag")
    for flag in RedFlag.objects.filter(code="neuro_stable").only("id", "intake_id", "reason"):
        reason = changing_reason(flag.reason)
        if reason is None:
            continue
        if (
            flag.intake_id
            and RedFlag.objects.filter(intake_id=flag.intake_id, code="neuro_changing").exists()
        ):
            continue
        RedFlag.objects.filter(pk=flag.pk).update(code="neuro_changing", reason=reason)


class Migration(migrations.Migration):
    dependencies = [("clinic", "0026_audit_link_refused")]

    # Going back leaves the codes as they are: the earlier code titles an unknown code by name.
    operations = [migrations.RunPython(recode_new_nerve_symptom_flags, migrations.RunPython.noop)]
