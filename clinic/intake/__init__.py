"""The symptom intake: section forms, and the facts the rules engines read.

An intake is filled in section by section, so each page fits a tablet and each save is one
transaction. ``sections`` holds the forms (one per section, in the order the therapist asks);
``facts`` turns the stored answers into the inputs of ``clinic.redflags.evaluate``,
``clinic.precautions.derive_precautions`` and the derived values shown on the page.
"""
