"""Each red flag as a Flag, and the clinician's decision on it as a Provenance.

A flag stays *active* until a clinician records a decision; then it is *inactive* and its period
ends at the decision. The decision (who, when, which documented reason, the note) is a
Provenance whose target is the Flag. The tier (emergency, urgent, soon) is a second category.
"""

from __future__ import annotations

from clinic import redflags
from clinic.models import RedFlag

from . import terms
from .encounters import encounter_id
from .people import patient_ref, practitioner_ref

TIERS = {"E": ("emergency", "Emergency"), "U": ("urgent", "Urgent"), "S": ("soon", "Soon")}
DECISION_LABELS = dict(redflags.OVERRIDE_REASONS)


def flag_id(flag: RedFlag) -> str:
    return terms.derived_id("flag", flag.uuid)


def provenance_id(flag: RedFlag) -> str:
    return terms.derived_id("provenance/flag-decision", flag.uuid)


def flag_resource(flag: RedFlag, *, intake, raised_by) -> dict:
    tier_code, tier_label = TIERS[flag.tier]
    return {
        "resourceType": "Flag",
        "id": flag_id(flag),
        "status": "active" if flag.is_open else "inactive",
        "category": [
            terms.concept(terms.coding(terms.FLAG_CATEGORY, "clinical", "Clinical")),
            terms.concept(terms.local(terms.RED_FLAG_TIERS, tier_code, tier_label)),
        ],
        "code": terms.concept(
            terms.local(terms.RED_FLAGS, flag.code, flag.summary),
            text=f"{tier_label} red flag: {flag.summary}",
        ),
        "subject": patient_ref(flag.patient),
        "period": {
            "start": flag.created_at.isoformat(),
            "end": flag.decided_at.isoformat() if flag.decided_at else None,
        },
        "encounter": {"reference": f"Encounter/{encounter_id(intake)}"} if intake else None,
        "author": practitioner_ref(raised_by),
    }


def provenance_resource(flag: RedFlag, *, decided_by) -> dict | None:
    """The recorded decision, or None while the flag is open."""
    if flag.is_open or flag.decided_at is None:
        return None
    label = DECISION_LABELS.get(flag.decision_reason, flag.decision_reason)
    return {
        "resourceType": "Provenance",
        "id": provenance_id(flag),
        "target": [{"reference": f"Flag/{flag_id(flag)}"}],
        "recorded": flag.decided_at.isoformat(),
        "activity": terms.concept(terms.coding(terms.DATA_OPERATION, "UPDATE", "revise")),
        "reason": [
            terms.concept(
                terms.local(terms.FLAG_DECISIONS, flag.decision_reason, label),
                text=f"{label}. {flag.decision_note}".strip(),
            )
        ],
        "agent": [
            {
                "type": terms.concept(
                    terms.coding(terms.PROVENANCE_PARTICIPANT, "author", "Author")
                ),
                "who": practitioner_ref(decided_by),
            }
        ],
    }
