"""Outcome questionnaires the patient answers at home, on a schedule the therapist sets."""
