"""The demo's publishing gate: a patient whose program waits for her screen, and the demo's
published programs all resting on a signed intake with consent to a home program."""

from django.urls import reverse

from clinic.models import Intake, Patient
from clinic.screening import Gap, screening_status
from programs.models import Program


def test_demo_has_a_draft_that_waits_for_the_screen_and_screened_published_programs(
    demo_clinic, client
):
    models = ("clinic.Patient", "programs.Program")
    counts = [demo_clinic.rows_after_first_seed[label] for label in models]
    assert [demo_clinic.rows_after_second_seed[label] for label in models] == counts  # idempotent
    assert [Patient.objects.count(), Program.objects.count()] == counts

    nora = Patient.objects.get(first_name="Nora", last_name="Lindqvist")
    (program,) = nora.programs.all()
    assert program.status == Program.Status.DRAFT and program.items.exists()
    assert screening_status(nora).code == Gap.NO_SCREEN

    client.force_login(nora.therapist)
    builder = client.get(reverse("programs:program-builder", kwargs={"uuid": program.uuid}))
    content = builder.content.decode()
    assert "No red-flag screen on file: this patient has no intake yet." in content
    assert f'href="/patients/{nora.uuid}/intakes/new/"' in content
    assert 'disabled aria-describedby="publish-blocked"' in content

    # Every published demo program: the patient is screened and consents, none on an override.
    published = Program.objects.filter(current_revision__isnull=False).select_related("patient")
    assert published.exists()
    for each in published:
        assert screening_status(each.patient).ok, each.patient
        assert not each.revisions.exclude(screening_override_reason="").exists()
    signed = Intake.objects.filter(status=Intake.Status.SIGNED)
    assert signed.exists() and not signed.filter(consent_home_program=False).exists()
