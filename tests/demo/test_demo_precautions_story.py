"""Frank Delgado's story holds together: the surgeon's review his override cites happened
before the program was published, and not being able to swim keeps pool walking in his program
with the float-belt caution rather than hiding it."""

import re
from datetime import date

from django.utils import timezone

from clinic.models import Patient
from programs.models import Program
from programs.services import patient_cautions


def _find(answers, key):
    if isinstance(answers, dict):
        for k, v in answers.items():
            if k == key:
                return v
            found = _find(v, key)
            if found is not None:
                return found
    elif isinstance(answers, list):
        for v in answers:
            found = _find(v, key)
            if found is not None:
                return found
    return None


def test_delgado_surgeon_review_and_pool_walking(demo_clinic):
    delgado = Patient.objects.get(last_name="Delgado")
    intake = delgado.current_intake()
    surgery = _find(intake.answers, "hip_right_date")
    assert surgery, intake.answers
    surgery = date.fromisoformat(str(surgery))

    program = Program.objects.get(patient=delgado, title="Hip-safe strengthening")
    revision = program.current_revision
    overridden = next(i for i in revision.items if i["override_reason"])
    months = int(re.search(r"(\d+)-month review", overridden["override_reason"]).group(1))
    review_month = surgery.year * 12 + surgery.month - 1 + months
    review = date(review_month // 12, review_month % 12 + 1, 1)
    assert review <= timezone.localdate(revision.published_at)

    tags = delgado.precaution_tags()
    assert "non_swimmer" in tags and "aquatic_precaution" not in tags
    pool = next(i for i in revision.items if i["exercise"]["slug"] == "aquatic-walking")
    assert not pool["override_reason"]  # not hidden, so no override was needed
    notes = patient_cautions(pool["exercise"], tags).notes
    assert any("float belt" in note for note in notes)
