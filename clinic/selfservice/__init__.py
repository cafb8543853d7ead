"""Patient self-service: single-patient links, the pre-visit intake a patient answers on their
phone, and the therapist's review of it."""
