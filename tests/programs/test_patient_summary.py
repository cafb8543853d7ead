"""The one-page progress or discharge summary: what it states, that it fits one page, who may
download it, the read it records, and that nothing typed into the record becomes markup."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from clinic.models import AuditEvent, ClinicProfile, Intake, OutcomeMeasure, Patient, RedFlag
from programs.models import Program, ProgramRevision
from programs.summaries import sections
from programs.summaries.content import DISCHARGE, summary_content
from tests.factories import RedFlagFactory, SessionLogFactory, published_program
from tests.programs.handout_samples import pdf_pages, squash

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(n: int):
    return TODAY - timedelta(days=n)


@pytest.fixture
def record(patient_record, therapist, admin):
    """A patient five weeks into care: intake, measures, a program with logs, two flags."""
    patient = patient_record
    Patient.objects.filter(pk=patient.pk).update(
        pcp_name="Dr Alma Reed", pcp_practice="Harbor Family Practice"
    )
    patient.refresh_from_db()
    Intake.objects.create(
        patient=patient,
        therapist=therapist,
        visit_date=days_ago(35),
        status=Intake.Status.SIGNED,
        back_pain_now=6,
        leg_pain_now=7,
        completed_sections=["complaint", "red-flags", "body-chart", "pain", "consent"],
        consent_treatment=True,
        consent_privacy=True,
        consent_home_program=True,
        signature_name=patient.full_name,
        signed_at=timezone.now() - timedelta(days=35),
        signed_by_staff=therapist,
    )

    def measure(instrument, day, score=None, **details):
        OutcomeMeasure.objects.create(
            patient=patient,
            instrument=instrument,
            taken_on=days_ago(day),
            score=score,
            details=details,
            answers={},
            recorded_by=therapist,
        )

    measure("rmdq", 35, 15)
    measure("rmdq", 1, 7)
    measure("odi", 35, 40)
    measure("odi", 1, 36)
    measure("nprs", 1, back_now=3, leg_now=6)

    program = published_program(patient=patient, items=2, by=therapist, title="Sciatica plan")
    start = days_ago(14)
    published = timezone.now() - timedelta(days=14)
    ProgramRevision.objects.filter(program=program).update(published_at=published)
    Program.objects.filter(pk=program.pk).update(start_date=start, first_published_at=published)
    program.refresh_from_db()
    revision = program.current_revision
    for n in range(1, 11):  # ten done days out of the fourteen before today
        SessionLogFactory(
            patient=patient,
            program=program,
            revision=revision,
            date=days_ago(n),
            exercises_done=[0, 1],
            back_pain=4,
            leg_pain=3 if n > 1 else 6,
            leg_symptoms="further_down" if n == 1 else "same",
        )
    RedFlagFactory(
        patient=patient,
        code="cancer_history",
        tier=RedFlag.Tier.SOON,
        status=RedFlag.Status.DECIDED,
        decision_reason="physician_clearance",
        decision_note="Oncologist letter of 2 Nov: in remission since 2019.",
        decided_by=therapist,
        decided_at=timezone.now() - timedelta(days=30),
    )
    RedFlagFactory(patient=patient, code="infection_fever", tier=RedFlag.Tier.URGENT)
    return patient


def content(patient, **options):
    return summary_content(patient=patient, **options)


def test_measures_baseline_now_and_meaningful_change(record):
    rows = {row.title: row for row in content(record).measures}
    rmdq = rows["Roland-Morris (RMDQ)"]
    assert (rmdq.baseline, rmdq.now) == ("15/24", "7/24")
    assert (rmdq.change, rmdq.detail) == ("Meaningfully better", "8 points, 53 %")
    odi = rows["Oswestry (ODI)"]
    assert (odi.baseline, odi.now, odi.change) == ("40 %", "36 %", "No meaningful change")
    leg = rows["Leg pain now (NPRS)"]
    assert (leg.baseline, leg.now, leg.change) == ("7/10", "6/10", "No meaningful change")
    assert leg.detail == "1 point, 14 %"
    back = rows["Back pain now (NPRS)"]
    assert (back.baseline, back.now, back.change) == ("6/10", "3/10", "Meaningfully better")


def test_the_footnote_gives_each_shown_measures_rule_once(record):
    assert content(record).change_rules == [
        ("pain (NPRS)", "at least 2 points or 30 %"),
        ("Roland-Morris", "at least 5 points or 30 %"),
        ("Oswestry", "at least 10 points or 30 %"),
    ]


def test_a_measure_taken_once_says_baseline_only(record):
    OutcomeMeasure.objects.filter(patient=record, instrument="odi", taken_on=days_ago(1)).delete()
    odi = next(r for r in content(record).measures if r.title == "Oswestry (ODI)")
    assert (odi.now, odi.change) == ("", "Baseline only")


def test_adherence_is_days_logged_of_days_prescribed(record):
    (row,) = content(record).adherence
    assert (row.done, row.expected, row.percent) == (10, 14, 71)
    assert row.start == days_ago(14)
    assert row.first_log.startswith("back 4, leg 3 on ")
    assert row.last_log.startswith("back 4, leg 6 on ")
    assert row.spreading == 1


def test_more_days_logged_than_prescribed_is_not_written_as_a_fraction(record):
    from programs.summaries.render import summary_html

    revision = ProgramRevision.objects.get(program__patient=record)
    for item in revision.snapshot["items"]:
        item["days_per_week"] = 3
    revision.save()
    summary = content(record)
    (row,) = summary.adherence
    assert (row.done, row.expected, row.percent) == (10, 6, 100)
    html, _ = summary_html(summary)
    assert "10 days logged, 6 prescribed" in html
    assert "10 of 6" not in html


def test_program_lines_use_the_published_dose_words(record):
    (program,) = content(record).programs
    items = ProgramRevision.objects.get(program__patient=record).items
    assert program.title == "Sciatica plan"
    assert [(line.name, line.dose) for line in program.lines] == [
        (item["exercise"]["name"], f"{item['dose_text']}, {item['frequency_text']}")
        for item in items
    ]
    assert program.lines[0].dose == "1 set of 10, each side, daily"


def test_flags_open_first_then_decided_with_the_decision(record, therapist):
    first, second = content(record).flags
    assert first.open and first.tier == "Urgent"
    assert not second.open
    assert second.decision == "Physician clearance received"
    assert second.decided_by == therapist.display_name
    assert second.note == "Oncologist letter of 2 Nov: in remission since 2019."


def test_an_open_flag_says_where_its_referral_stands(record):
    RedFlag.objects.filter(patient=record, status=RedFlag.Status.OPEN).update(
        referral_state=RedFlag.Referral.AWAITING
    )
    first = content(record).flags[0]
    assert first.open
    assert first.state == "Referred to the emergency department, awaiting outcome"


def test_an_open_referral_names_who_advised_how_the_patient_went_and_who_was_called(
    record, therapist
):
    """Worked example: an emergency flag referred to the emergency department (by ambulance,
    the spouse called), and another patient's flag declined with the advice given. The summary
    carries what a physician needs to follow it up; a decided flag carries no referral line."""
    from clinic.flag_states.services import record_declined, refer_to_emergency

    advised = timezone.make_aware(
        timezone.datetime.combine(days_ago(0), timezone.datetime.min.time())
    ) + timedelta(hours=9, minutes=5)
    flag = RedFlagFactory(patient=record, code="ces_bladder", tier="E")
    refer_to_emergency(
        flag=flag,
        advised_by="Maya Okafor",
        travel="ambulance",
        called="Spouse, Raj",
        advised_at=advised,
        by=therapist,
    )
    rows = content(record).flags
    [referred] = [row for row in rows if row.tier_code == "E"]
    when = f"{advised.day} {timezone.localtime(advised):%b %Y %H:%M}"
    assert referred.referral == f"advised by Maya Okafor, {when}; ambulance; called: Spouse, Raj"
    assert all(row.referral == "" for row in rows if not row.open)

    # A second flag of the same visit under the same referral: its details are not repeated.
    both = RedFlagFactory(patient=record, code="ces_saddle", tier="E")
    refer_to_emergency(
        flag=both,
        advised_by="Maya Okafor",
        travel="ambulance",
        called="Spouse, Raj",
        advised_at=advised,
        by=therapist,
    )
    referrals = [row.referral for row in content(record).flags if row.tier_code == "E"]
    assert sorted(referrals) == sorted([referred.referral, "the same referral as above"])

    other = RedFlagFactory(patient=record, code="progressive_weakness", tier="E")
    record_declined(
        flag=other,
        advised_by="Maya Okafor",
        advice="Go to the emergency department today; she will see her GP tomorrow instead.",
        advised_at=advised,
        by=therapist,
    )
    [declined] = [row for row in content(record).flags if row.state == "Patient declined referral"]
    assert declined.referral == (
        f"advised by Maya Okafor, {when}; advice given: Go to the emergency department today; "
        "she will see her GP tomorrow instead."
    )


def test_period_signer_and_discharge_line(record, therapist, admin):
    summary = content(record, kind=DISCHARGE, by=admin, discharge_outcome="goals_met")
    assert summary.period_start == days_ago(35)
    assert summary.therapist == therapist.display_name  # an admin does not sign
    assert summary.title == "Discharge summary"
    assert summary.discharge_outcome.startswith("Goals met")
    assert content(record, discharge_outcome="goals_met").discharge_outcome == ""


def test_unknown_kind_or_outcome_is_refused(record):
    with pytest.raises(ValueError):
        content(record, kind="referral")
    with pytest.raises(ValueError):
        content(record, kind=DISCHARGE, discharge_outcome="cured")


def test_exam_comparison_lists_what_changed_and_counts_the_rest():
    rows, unchanged, more = sections.compare_findings(
        {"SLR right": "35°", "SLR left": "80°", "Achilles reflex right": "1+"},
        {"SLR right": "60°", "SLR left": "80°", "Achilles reflex right": "2+", "Slump": "negative"},
        limit=2,
    )
    assert [(r.finding, r.baseline, r.now) for r in rows] == [
        ("SLR right", "35°", "60°"),
        ("Achilles reflex right", "1+", "2+"),
    ]
    assert (unchanged, more) == (1, 1)  # SLR left; the slump did not fit


@pytest.fixture
def exams_and_visit(record, therapist):
    """A baseline exam at the intake, a re-assessment five weeks later with its exam."""
    from clinic.exam.models import ObjectiveExam
    from clinic.reassessment.models import Reassessment

    common = {"patient": record, "performed_by": therapist, "reflex_patellar_left": 2}
    ObjectiveExam.objects.create(
        **common,
        performed_on=days_ago(35),
        slr_right_angle=35,
        slr_right_reproduced="below_knee",
        myotome_l5_right=4,
        reflex_achilles_right=1,
        repeated_movements={"extension": "centralises"},
    )
    ObjectiveExam.objects.create(
        **common,
        performed_on=days_ago(1),
        slr_right_angle=65,
        slr_right_reproduced="thigh",
        myotome_l5_right=5,
        reflex_achilles_right=1,
        repeated_movements={"extension": "centralises"},
    )
    Reassessment.objects.create(
        patient=record,
        intake=record.intakes.get(),
        visit_date=days_ago(1),
        performed_by=therapist,
        status=Reassessment.Status.SIGNED,
        screened_at=timezone.now(),
        signed_at=timezone.now(),
        signed_by=therapist,
        patient_change="Sits through a work meeting; leg pain only after long drives.",
        exam_change="SLR right 35° to 65°, L5 strength back to 5/5.",
        plan=Reassessment.Plan.PROGRESS,
        plan_note="Add the slump slider; review in 4 weeks.",
    )
    return record


def test_exam_changes_compare_the_first_exam_with_the_latest(exams_and_visit):
    exam = content(exams_and_visit).exam
    assert (exam.baseline_on, exam.now_on) == (days_ago(35), days_ago(1))
    rows = {row.finding: (row.baseline, row.now) for row in exam.rows}
    assert rows == {
        "SLR right": ("35°, below the knee", "65°, back of the thigh"),
        "L5 great-toe extension, right": ("4/5", "5/5"),
    }
    # The two reflexes, and sensation: no region recorded at either neurological exam.
    assert (exam.unchanged, exam.more) == (3, 0)


def test_sensation_left_blank_at_a_neurological_exam_reads_normal_not_untested(record, therapist):
    """Worked example: power and reflexes graded at the intake with no sensory loss recorded,
    then reduced sensation over the outer lower leg at the progress visit. The summary and the
    visit compare 'Normal where tested' with the loss (not a dash, not 'Not tested'); an exam
    that graded nothing neurological leaves sensation out."""
    from clinic.exam.models import ObjectiveExam
    from clinic.reassessment.exam_changes import exam_changes

    common = {"patient": record, "performed_by": therapist}
    first = ObjectiveExam.objects.create(
        **common, performed_on=days_ago(35), myotome_l5_right=5, reflex_achilles_right=2
    )
    last = ObjectiveExam.objects.create(
        **common,
        performed_on=days_ago(1),
        myotome_l5_right=5,
        reflex_achilles_right=2,
        sensation={"right": {"leg_lateral": "reduced"}},
    )
    rows = {row.finding: (row.baseline, row.now) for row in content(record).exam.rows}
    assert rows == {
        "Sensation": ("Normal where tested", "Reduced: outside of lower leg (L5), right")
    }
    assert [(c["label"], c["before"]) for c in exam_changes(last, first)] == [
        ("Sensation", "Normal where tested")
    ]
    slr_only = ObjectiveExam(**common, performed_on=days_ago(1), slr_right_angle=60)
    assert "Sensation" not in sections.exam_findings(slr_only)
    assert slr_only.finding_text("sensation") == ("Sensation", "Not tested")


def test_the_latest_signed_visit_gives_the_progress_note(exams_and_visit, therapist):
    note = content(exams_and_visit).progress_note
    assert note.visit_date == days_ago(1)
    assert note.plan == "Progress the program"
    assert note.plan_note == "Add the slump slider; review in 4 weeks."
    assert note.by == therapist.display_name


@pytest.mark.slow
def test_the_pdf_shows_exam_changes_and_the_progress_note(client, exams_and_visit, therapist):
    (page,) = pdf_text(download(client, therapist, exams_and_visit))
    text = squash(page)
    for expected in (
        "SLR right",
        "35°, below the knee",
        "65°, back of the thigh",
        "Sits through a work meeting",
        "Progress the program",
        "Add the slump slider",
    ):
        assert squash(expected) in text, expected


def test_queries_do_not_grow_with_the_record(exams_and_visit, therapist):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            content(exams_and_visit)
        return len(captured)

    before = queries()
    program = Program.objects.get(patient=exams_and_visit)
    for n in range(11, 25):
        SessionLogFactory(
            patient=exams_and_visit,
            program=program,
            revision=program.current_revision,
            date=days_ago(n),
            exercises_done=[0],
        )
    for n in range(5):
        RedFlagFactory(patient=exams_and_visit, code=f"code_{n}", tier=RedFlag.Tier.SOON)
        OutcomeMeasure.objects.create(
            patient=exams_and_visit,
            instrument="sbi",
            taken_on=days_ago(30 - n),
            score=10 + n,
            answers={},
            recorded_by=therapist,
        )
    assert queries() == before


def test_a_record_without_exams_or_notes_leaves_the_sections_out(record):
    summary = content(record)
    assert summary.exam is None
    assert summary.progress_note is None


# --- the PDF ----------------------------------------------------------------------------------


def download(client, user, patient, **params):
    if int(client.session.get("_auth_user_id") or 0) != user.pk:
        client.force_login(user)
    return client.get(reverse("programs:patient-summary", kwargs={"uuid": patient.uuid}), params)


def pdf_text(response) -> list[str]:
    pdf = b"".join(response.streaming_content)
    if os.environ.get("SUMMARY_PDF_DIR"):  # to look at what a test rendered
        name = os.environ["PYTEST_CURRENT_TEST"].split("::")[-1].split(" ")[0]
        (Path(os.environ["SUMMARY_PDF_DIR"]) / f"{name}.pdf").write_bytes(pdf)
    return pdf_pages(pdf)


@pytest.mark.slow
def test_the_pdf_is_one_page_with_the_figures_a_reader_checks(client, record, therapist):
    response = download(client, therapist, record)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert f"{record.last_name.lower()}-progress-summary-" in response["Content-Disposition"]
    pages = pdf_text(response)
    assert len(pages) == 1
    text = squash(pages[0])
    for expected in (
        "Progress summary",
        record.full_name,
        f"{record.date_of_birth:%-d %b %Y}",
        "Dr Alma Reed",
        "Roland-Morris (RMDQ)",
        "15/24",
        "7/24",
        "Meaningfully better",
        "No meaningful change",
        "Meaningful change: pain (NPRS) at least 2 points or 30 %; Roland-Morris at least 5",
        "10 of 14 prescribed days logged",
        "71 %",
        "Sciatica plan",
        "1 set of 10, each side, daily",
        "Open: no decision yet",
        "Physician clearance received",
        "Oncologist letter of 2 Nov",
        therapist.display_name,
    ):
        assert squash(expected) in text, expected


@pytest.mark.slow
def test_the_discharge_pdf_states_the_outcome(client, record, therapist):
    RedFlag.objects.filter(patient=record, status=RedFlag.Status.OPEN).update(
        referral_state=RedFlag.Referral.AWAITING
    )
    response = download(
        client, therapist, record, kind="discharge", outcome="goals_met", note="Back at work."
    )
    (page,) = pdf_text(response)
    assert squash("Discharge summary") in squash(page)
    assert squash("Goals met: discharged to self-management") in squash(page)
    assert "Back at work" not in page  # free text never travels in the address
    assert squash("Open: Referred to the emergency department, awaiting outcome") in squash(page)
    assert "discharge-summary" in response["Content-Disposition"]


@pytest.mark.slow
def test_a_full_record_still_fits_one_page(client, record, therapist):
    RedFlag.objects.filter(patient=record, status=RedFlag.Status.OPEN).update(tier="S")
    for n in range(3):
        published_program(patient=record, items=12, by=therapist, title=f"Program {n}")
    for n in range(12):
        RedFlagFactory(patient=record, code=f"code_{n}", tier=RedFlag.Tier.SOON)
    Patient.objects.filter(pk=record.pk).update(last_name="Long" * 20)
    record.refresh_from_db()
    response = download(client, therapist, record, kind="discharge", outcome="referred")
    assert len(pdf_text(response)) == 1


@pytest.mark.slow
def test_a_record_too_full_for_one_page_is_set_smaller_then_trimmed(exams_and_visit, therapist):
    from clinic.exam.models import ObjectiveExam
    from clinic.reassessment.models import Reassessment
    from programs.summaries.render import render_summary_pdf

    patient = exams_and_visit
    assert not render_summary_pdf(summary_content(patient=patient)).compact
    ObjectiveExam.objects.filter(patient=patient, performed_on=days_ago(1)).update(
        slr_left_angle=40,
        slump_left="positive",
        crossed_slr="positive",
        myotome_s1_left=4,
        reflex_patellar_left=1,
        sensation={"left": {"heel": "reduced", "lateral_foot": "absent"}},
        rom_flexion="reduced_painful",
    )
    long = "The patient reports a long and detailed story of change at home and at work. " * 8
    Reassessment.objects.filter(patient=patient).update(
        patient_change=long, exam_change=long, plan_note=long
    )
    RedFlag.objects.filter(patient=patient, status=RedFlag.Status.OPEN).update(tier="S")
    published_program(patient=patient, items=12, by=therapist, title="Second program")
    for instrument, scores in (("sbi", (18, 9)), ("psfs", (3, 7)), ("start_back", (6, 2))):
        for day, score in zip((35, 1), scores, strict=True):
            OutcomeMeasure.objects.create(
                patient=patient,
                instrument=instrument,
                taken_on=days_ago(day),
                score=score,
                band="medium" if instrument == "start_back" else "",
                details={"activity_ids": [1]},
                answers={},
                recorded_by=therapist,
            )
    for n in range(6):
        RedFlagFactory(
            patient=patient,
            code=f"code_{n}",
            tier=RedFlag.Tier.SOON,
            status=RedFlag.Status.DECIDED,
            decision_reason="acknowledged_soon",
            decision_note=long,
            decided_by=therapist,
            decided_at=timezone.now(),
        )
    Patient.objects.filter(pk=patient.pk).update(
        first_name="Maximiliana Josephine", last_name="Featherstonehaugh-Worthington"
    )
    patient.refresh_from_db()

    result = render_summary_pdf(
        summary_content(patient=patient, kind=DISCHARGE, discharge_outcome="referred")
    )

    if os.environ.get("SUMMARY_PDF_DIR"):
        (Path(os.environ["SUMMARY_PDF_DIR"]) / "too_full.pdf").write_bytes(result.pdf)
    assert result.compact and result.trimmed
    assert result.pages == 1
    (page,) = pdf_pages(result.pdf)
    assert squash("4 more flags in the record") in squash(page)  # counted, never hidden
    assert squash("and 8 more exercises") in squash(page)


@pytest.mark.slow
def test_a_name_with_markup_prints_literally(client, record, therapist):
    Patient.objects.filter(pk=record.pk).update(
        first_name="<b>Bold</b>", last_name='<img src="http://example.com/x.png">'
    )
    RedFlag.objects.filter(patient=record, status=RedFlag.Status.DECIDED).update(
        decision_note="<script>alert(1)</script>"
    )
    (page,) = pdf_text(download(client, therapist, record))
    assert squash("<b>Bold</b>") in squash(page)
    assert squash('<img src="http://example.com/x.png">') in squash(page)
    assert squash("<script>alert(1)</script>") in squash(page)


@pytest.mark.slow
def test_renders_through_the_handout_fetcher_reading_only_the_logo(record):
    from programs.handouts.fetcher import media_url
    from programs.summaries.render import render_summary_pdf

    clinic = ClinicProfile.load()
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (11, 110, 105)).save(buffer, "PNG")
    clinic.logo.save("logo.png", ContentFile(buffer.getvalue()), save=True)
    Patient.objects.filter(pk=record.pk).update(
        first_name='<img src="http://example.com/x.png">',
        last_name='<link rel="stylesheet" href="file:///etc/passwd">',
    )
    record.refresh_from_db()

    result = render_summary_pdf(summary_content(patient=record))

    assert result.fetcher.requested == [media_url(clinic.logo.name)]
    assert result.fetcher.denied == []
    assert [image.image.size for image in PdfReader(io.BytesIO(result.pdf)).pages[0].images] == [
        (300, 100)
    ]


def test_bad_options_are_a_400(client, record, therapist):
    assert download(client, therapist, record, kind="referral").status_code == 400
    assert download(client, therapist, record, outcome="cured").status_code == 400


@pytest.mark.slow
def test_download_records_one_read_naming_the_patient(client, record, therapist):
    client.force_login(therapist)
    before = AuditEvent.objects.count()
    download(client, therapist, record, kind="discharge", outcome="plateau")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == AuditEvent.Action.DOWNLOAD
    assert event.patient_id == record.pk
    assert event.detail == "Discharge summary PDF, plateau"


def test_patients_get_403_and_other_clinics_nothing(client, record, patient, other_patient):
    assert download(client, patient, record).status_code == 403
    assert download(client, other_patient, record).status_code == 403
    client.logout()
    response = client.get(reverse("programs:patient-summary", kwargs={"uuid": record.uuid}))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_patient_page_offers_the_summary(client, record, therapist):
    client.force_login(therapist)
    page = client.get(reverse("pages:patient-detail", kwargs={"uuid": record.uuid}))
    url = reverse("programs:patient-summary", kwargs={"uuid": record.uuid})
    assert url.encode() in page.content
    assert b"Progress summary (PDF)" in page.content
