"""Finishing an outcome measure that was saved unscored because an item was missing.

A Sciatica Bothersomeness or STarT Back entry with a missing item is stored "not scored". Staff
can finish it later: the items first recorded stay exactly as they were (they cannot be changed
here), only the missing ones are filled, and then it is scored. The first entry is kept in
``details["first_recorded"]`` (its answers, who entered them and when) and the finishing in
``details["finished"]``, so the record shows both steps.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic import audit
from clinic.models import OutcomeMeasure, User

from . import score

FINISHABLE = ("sbi", "start_back")


def can_finish(measure: OutcomeMeasure) -> bool:
    """An SBI or STarT Back entry still unscored because items are missing."""
    items = (measure.answers or {}).get("items") or []
    return (
        measure.instrument in FINISHABLE
        and measure.score is None
        and any(value is None for value in items)
    )


@transaction.atomic
def finish_measure(*, measure: OutcomeMeasure, items: list, by: User) -> OutcomeMeasure:
    """Fill the missing items of an unscored entry and score it. Items already recorded must
    come back unchanged; every missing item must now have an answer."""
    measure = OutcomeMeasure.objects.select_for_update().get(pk=measure.pk)
    if not can_finish(measure):
        raise ValidationError(_("This entry has no missing answers to finish."))
    before = list(measure.answers["items"])
    if len(items) != len(before):
        raise ValidationError(_("Every item needs an answer."))
    if any(old is not None and new != old for old, new in zip(before, items, strict=True)):
        raise ValidationError(_("Answers already recorded cannot be changed here."))
    if any(value is None for value in items):
        raise ValidationError(_("Answer every missing item."))
    try:
        result = score(measure.instrument, {"items": list(items)}, version=measure.version)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    added = [n for n, old in enumerate(before, 1) if old is None]
    recorder = measure.recorded_by
    details = dict(result.details)
    details["first_recorded"] = {
        "answers": measure.answers,
        "by": recorder.display_name if recorder else _("the patient"),
        "at": measure.created_at.isoformat(),
    }
    details["finished"] = {
        "by": by.display_name,
        "by_id": by.pk,
        "at": timezone.now().isoformat(),
        "items_added": added,
    }
    measure.answers = {**measure.answers, "items": list(items)}
    measure.score = result.score
    measure.band = result.band
    measure.details = details
    measure.save(update_fields=["answers", "score", "band", "details", "updated_at"])
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=measure.patient,
        obj=measure,
        detail="finished: item " + ", ".join(str(n) for n in added) + " added",
    )
    return measure
