from django.utils import timezone

from clinic.models import Intake, OutcomeMeasure, Patient, RedFlag
from tests.demo import seed_demo

STORY_MODELS = ("clinic.Intake", "clinic.RedFlag", "clinic.OutcomeMeasure")


def test_seed_demo_tells_every_clinical_story_once(demo_clinic):
    counts = [demo_clinic.rows_after_first_seed[label] for label in STORY_MODELS]
    assert [demo_clinic.rows_after_second_seed[label] for label in STORY_MODELS] == counts
    assert (
        Intake.objects.count(),
        RedFlag.objects.count(),
        OutcomeMeasure.objects.count(),
    ) == tuple(counts)

    rivera = Patient.objects.get(last_name="Rivera")
    assert {"acute_radicular", "flexion_intolerant"} <= set(rivera.precaution_tags())
    assert rivera.current_intake().is_signed

    natarajan = Patient.objects.get(last_name="Natarajan")
    days = natarajan.measures.filter(instrument="rmdq").values_list("taken_on", flat=True)
    assert (max(days) - min(days)).days >= 70
    assert natarajan.current_intake().amendments.exists()

    brooks = Patient.objects.get(last_name="Brooks")
    assert brooks.needs_clearance
    assert not brooks.can_receive_program()

    cho = Patient.objects.get(last_name="Cho")
    flags = {flag.code: flag for flag in cho.red_flags.all()}
    assert set(flags) == {"cancer_history", "malignancy_suspected"}  # cancer at 57: urgent too
    assert (flags["cancer_history"].tier, flags["cancer_history"].status) == ("S", "decided")
    cleared = flags["malignancy_suspected"]
    assert (cleared.tier, cleared.decision_reason) == ("U", "physician_clearance")
    assert cho.can_receive_program()

    delgado = Patient.objects.get(last_name="Delgado")
    assert "hip_replacement_posterior" in delgado.precaution_tags()
    assert "anticoagulant" in delgado.precaution_tags()


def test_seed_demo_attaches_fictional_imaging_reports_once(demo_clinic):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfReader

    from clinic import imaging_reports
    from clinic.intake.sections import ImagingSection
    from clinic.models import ImagingReport

    # on the first run, as `make run` does it
    assert demo_clinic.rows_after_first_seed["clinic.ImagingReport"] == 3
    natarajan = Patient.objects.get(last_name="Natarajan")
    intake = natarajan.intakes.get()
    assert [row["kind"] for row in ImagingSection.entries(intake)] == ["xray", "mri"]
    assert intake.amendments.filter(section="imaging").exists()  # the MRI came later

    found = list(ImagingReport.objects.order_by("uploaded_at"))
    assert len(found) == 3 and {r.patient for r in found} == {natarajan}
    mistake, xray, mri = found
    assert mistake.is_filed_in_error and "Wrong test" in mistake.filed_in_error_reason
    assert not xray.is_filed_in_error and xray.entry_label.startswith("X-ray")
    assert not mri.is_filed_in_error and mri.entry_label.startswith("MRI")
    assert all(r.added_after_signing for r in found)

    with mri.file.open("rb") as handle:
        pdf = handle.read()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "FICTIONAL DEMO REPORT" in text
    assert "MRI lumbar spine" in text and "Priya Natarajan" in text
    # The stored demo file passes the same checks as an upload.
    assert imaging_reports.check_report_pdf(SimpleUploadedFile("x.pdf", pdf)).sha256 == mri.sha256


def test_recent_intakes_read_in_the_order_they_were_worked_on(demo_clinic):
    """Each demo intake's last change is dated to its last event, not to the seeding run."""
    recent = list(
        Intake.objects.order_by("-updated_at").values_list("patient__last_name", flat=True)
    )
    assert recent[0] == "Brooks"  # today's draft
    natarajan = Intake.objects.get(patient__last_name="Natarajan")
    amended = natarajan.amendments.latest("created_at").created_at
    assert natarajan.updated_at == amended  # the MRI added at the six-week review
    assert recent.index("Natarajan") == len(recent) - 1  # the oldest work in the demo

    # Someone trying the demo edits Natarajan's intake; seeding again keeps that change's time.
    Intake.objects.filter(pk=natarajan.pk).update(updated_at=timezone.now())
    seed_demo()
    recent = list(
        Intake.objects.order_by("-updated_at").values_list("patient__last_name", flat=True)
    )
    assert recent[0] == "Natarajan"


def test_a_second_seed_adds_no_row_to_any_table(demo_clinic):
    first, second = demo_clinic.rows_after_first_seed, demo_clinic.rows_after_second_seed
    assert {
        label: (first[label], rows) for label, rows in second.items() if rows != first[label]
    } == {}
