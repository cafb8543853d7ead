from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from clinic import audit
from demo import (
    clinic_data,
    devices_data,
    exam_data,
    flag_states_data,
    interop_data,
    language_data,
    plan_data,
    program_data,
    questionnaire_data,
    reassessment_data,
    screening_data,
    self_intake_data,
    self_service_data,
    step_back_data,
    video_data,
)
from demo.guard import refuse_without_debug


class Command(BaseCommand):
    help = "Create the fictional demo clinic, staff, patients and their records. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Don't print the logins.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even when the demo is already seeded and current (demo/fingerprint.py).",
        )

    def handle(self, *args, **options):
        from demo import fingerprint

        refuse_without_debug("seed_demo")
        # A restart of `make run` on the same day and code: nothing to add, skip the seed.
        if not options["force"] and fingerprint.is_current(clinic_data.STAFF[0][0]):
            self.stdout.write(self.style.SUCCESS("Demo data is ready (already seeded today)."))
            if not options["quiet_logins"]:
                self.stdout.write("\nDemo logins (fictional people):")
                for role, email, password in clinic_data.demo_logins():
                    self.stdout.write(f"  {role:<20} {email:<28} {password}")
            return
        fingerprint.forget()
        self._seed(options)
        fingerprint.record()

    @transaction.atomic
    def _seed(self, options):
        started = timezone.now()
        clinic_data.seed_clinic()
        staff = clinic_data.seed_staff()
        patients = clinic_data.seed_patients(staff)
        clinic_data.seed_clinical(patients)
        clinic_data.seed_imaging_reports(patients)
        exam_data.seed(patients=patients)
        reassessment_data.seed(patients=patients)
        program_data.seed(staff=staff, patients=patients)
        program_data.seed_reminders(patients=patients)
        program_data.seed_nudge(patients=patients)
        plan_data.seed(patients=patients)
        clinic_data.seed_audit(staff, patients)
        clinic_data.seed_messages(staff, patients)
        clinic_data.seed_secure_messages(staff, patients)
        interop_data.seed(staff=staff, patients=patients)
        flag_states_data.seed(staff=staff, patients=patients)
        screening_data.seed(staff=staff)
        devices_data.seed(patients=patients)
        step_back_data.seed(patients=patients)
        video_data.seed(staff=staff)
        self_intake_data.seed(staff=staff, patients=patients)
        questionnaire_data.seed(staff=staff, patients=patients)
        self_service_data.seed(staff=staff, patients=patients)
        language_data.seed(staff=staff, patients=patients)
        # Last, so that intakes every demo module wrote are dated to their own events.
        clinic_data.settle_intake_times(seeded_since=started)
        # The audit rows seeding wrote are pending until linked; link them now, so the demo's
        # chain verifies at once, before any worker has run.
        audit.link_pending()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        if not options["quiet_logins"]:
            self.stdout.write("\nDemo logins (fictional people):")
            for role, email, password in clinic_data.demo_logins():
                self.stdout.write(f"  {role:<20} {email:<28} {password}")
