from django.core.management import call_command

from clinic.models import Intake, OutcomeMeasure, Patient, RedFlag


def test_seed_demo_tells_every_clinical_story_once(db):
    call_command("seed_demo", "--quiet-logins")
    counts = (Intake.objects.count(), RedFlag.objects.count(), OutcomeMeasure.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (
        Intake.objects.count(),
        RedFlag.objects.count(),
        OutcomeMeasure.objects.count(),
    ) == counts

    rivera = Patient.objects.get(last_name="Rivera")
    assert {"acute_radicular", "flexion_intolerant"} <= set(rivera.precaution_tags())
    assert rivera.current_intake().is_signed

    natarajan = Patient.objects.get(last_name="Natarajan")
    days = natarajan.measures.filter(instrument="rmdq").values_list("taken_on", flat=True)
    assert (max(days) - min(days)).days >= 80
    assert natarajan.current_intake().amendments.exists()

    brooks = Patient.objects.get(last_name="Brooks")
    assert brooks.needs_clearance
    assert not brooks.can_receive_program()

    cho = Patient.objects.get(last_name="Cho")
    flag = cho.red_flags.get()
    assert (flag.tier, flag.status) == ("S", "decided")

    delgado = Patient.objects.get(last_name="Delgado")
    assert "hip_replacement_posterior" in delgado.precaution_tags()
    assert "anticoagulant" in delgado.precaution_tags()
