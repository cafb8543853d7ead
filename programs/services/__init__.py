"""Services of home programs, by topic; import them from here.

- `snapshot`: a published revision's frozen copy of the program, and the dose phrases in it.
- `clashes`: an exercise's contraindication rules against a patient's precautions, and the
  cautions the patient reads.
- `changes`: what changed from one revision to the next.
- `programs`: the writes to a program and to protocol templates (builder, publish, archive).
- `check_ins`: the patient's check-ins and the program's check-in summary.
- `notices`: telling the patient a version was published (or why they were not told).
"""

from .changes import changes_for_patient, patient_sentences, summarise_changes
from .check_ins import CheckInResult, record_check_in, refresh_checkin_summary
from .clashes import (
    MIN_OVERRIDE_REASON_LENGTH,
    UNIVERSAL_STOP_RULES,
    Clash,
    PatientCautions,
    checked_override_reason,
    exercise_clashes,
    hidden_clashes,
    patient_cautions,
)
from .notices import PortalReach, notify_patient_of_revision, portal_reach
from .programs import (
    LeftOut,
    NewProgram,
    VersionConflict,
    add_program_item,
    archive_program,
    archive_template,
    checked_screening_override,
    create_program,
    publish_program,
    record_item_override,
    remove_program_item,
    reorder_program_items,
    restore_program,
    restore_template,
    save_program_as_template,
    update_program_details,
    update_program_item,
)
from .snapshot import (
    SNAPSHOT_SCHEMA,
    build_snapshot,
    dose_text,
    exercise_snapshot,
    frequency_text,
    item_snapshot,
    parse_iso_date,
    snapshot_hash,
)

__all__ = [
    "MIN_OVERRIDE_REASON_LENGTH",
    "SNAPSHOT_SCHEMA",
    "UNIVERSAL_STOP_RULES",
    "CheckInResult",
    "Clash",
    "LeftOut",
    "NewProgram",
    "PatientCautions",
    "PortalReach",
    "VersionConflict",
    "add_program_item",
    "archive_program",
    "archive_template",
    "build_snapshot",
    "changes_for_patient",
    "patient_sentences",
    "checked_override_reason",
    "checked_screening_override",
    "create_program",
    "dose_text",
    "exercise_clashes",
    "exercise_snapshot",
    "frequency_text",
    "hidden_clashes",
    "item_snapshot",
    "notify_patient_of_revision",
    "parse_iso_date",
    "patient_cautions",
    "portal_reach",
    "publish_program",
    "record_check_in",
    "record_item_override",
    "refresh_checkin_summary",
    "remove_program_item",
    "reorder_program_items",
    "restore_program",
    "restore_template",
    "save_program_as_template",
    "snapshot_hash",
    "summarise_changes",
    "update_program_details",
    "update_program_item",
]
