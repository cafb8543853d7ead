"""The re-assessment pages: start (pre-filled), save, the short screen's instruction, sign,
amend, and who may do what."""

import pytest
from django.urls import reverse

from clinic import redflags
from clinic.models import RedFlag
from clinic.reassessment import carry
from clinic.reassessment.models import Reassessment
from tests.factories import PatientFactory

from .helpers import post_data, signed_intake, with_exam

pytestmark = pytest.mark.django_db


def _create_url(patient):
    return reverse("clinic:reassessment-create", args=[patient.uuid])


def _url(name, visit):
    return reverse(f"clinic:reassessment-{name}", args=[visit.patient.uuid, visit.uuid])


def _before(intake):
    return carry.previous_values(intake)[0]


def test_the_form_is_prefilled_from_the_last_signed_intake(therapist_client, patient_record):
    signed_intake(patient_record, leg_pain_week=3)
    response = therapist_client.get(_create_url(patient_record))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["leg_pain_week"] == 3
    assert form.initial["goals"] == "Garden on weekends"
    html = response.content.decode()
    assert 'Last time: <strong class="text-body">3/10</strong>' in html
    assert "Up and down" in html
    for question in map(str, redflags.SHORT_FORM_QUESTIONS.values()):
        assert question in html or question.replace("'", "&#x27;") in html


def test_no_signed_intake_means_no_reassessment_yet(therapist_client, patient_record):
    response = therapist_client.get(_create_url(patient_record))
    assert response.status_code == 302
    assert response.url == patient_record.get_absolute_url()


def test_saving_keeps_what_was_confirmed_and_what_changed(therapist_client, patient_record):
    intake = signed_intake(patient_record)
    data = post_data(_before(intake), changed={"leg_pain_week": "6", "course": "worsening"})
    response = therapist_client.post(_create_url(patient_record), data)
    visit = Reassessment.objects.get(patient=patient_record)
    assert response.status_code == 302 and response.url == visit.get_absolute_url()
    rows = {row["key"]: row for row in visit.carried}
    assert (rows["leg_pain_week"]["status"], rows["leg_pain_week"]["after"]) == ("changed", 6)
    assert (rows["course"]["before_text"], rows["course"]["after_text"]) == (
        "Up and down",
        "Getting worse",
    )
    assert rows["goals"]["status"] == "confirmed"
    page = therapist_client.get(visit.get_absolute_url()).content.decode()
    assert "<strong>6/10</strong>" in page and "Getting worse" in page
    assert "Draft" in page and "Tell the patient now" not in page


def test_a_confirmed_answer_that_was_changed_is_sent_back_with_everything_kept(
    therapist_client, patient_record
):
    intake = signed_intake(patient_record)
    data = post_data(_before(intake), patient_change="Sleeping better.")
    data["leg_pain_week"] = "7"  # changed, but left on "Same as before"
    response = therapist_client.post(_create_url(patient_record), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This differs from before (3/10)" in html
    assert 'href="#id_leg_pain_week"' in html
    assert "Sleeping better." in html
    assert not Reassessment.objects.exists()


def test_a_short_screen_yes_raises_the_flag_and_shows_the_instruction(
    therapist_client, patient_record
):
    intake = signed_intake(patient_record)
    data = post_data(_before(intake), yes=("infection_fever",))
    response = therapist_client.post(_create_url(patient_record), data, follow=True)
    flag = RedFlag.objects.get(patient=patient_record)
    assert (flag.code, flag.tier, flag.source) == ("infection_fever", "U", "reassessment")
    html = response.content.decode()
    assert "Tell the patient now" in html
    assert str(redflags.TIER_INSTRUCTIONS["U"]).split(" — ")[0] in html
    # Beside the answer that raised it, in the list of questions.
    question = str(redflags.SHORT_FORM_QUESTIONS["infection_fever"])
    assert html.index(question) < html.rindex("Tell the patient now:")
    assert patient_record.needs_clearance


def test_sign_locks_and_amend_keeps_the_original(therapist_client, patient_record, therapist):
    intake = signed_intake(patient_record)
    therapist_client.post(_create_url(patient_record), post_data(_before(intake)))
    visit = Reassessment.objects.get()
    # No exam yet: the page leads to it instead of offering to sign, and signing is refused.
    page = therapist_client.get(visit.get_absolute_url()).content.decode()
    assert "Repeat the exam, then sign" in page and 'action="' + _url("sign", visit) not in page
    response = therapist_client.post(_url("sign", visit), follow=True)
    assert "Repeat the objective exam before signing" in response.content.decode()
    visit.refresh_from_db()
    assert not visit.is_signed
    with_exam(visit, therapist)
    assert (
        'action="' + _url("sign", visit)
        in therapist_client.get(_url("detail", visit)).content.decode()
    )
    response = therapist_client.post(_url("sign", visit))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.is_signed and visit.signed_by == therapist
    # Signed, the visit offers the progress and discharge summaries that print its note.
    page = therapist_client.get(visit.get_absolute_url()).content.decode()
    summary_url = reverse("programs:patient-summary", args=[patient_record.uuid])
    assert f'href="{summary_url}"' in page and 'name="kind" value="discharge"' in page
    # Locked: the edit page sends the therapist to the amendment.
    response = therapist_client.get(_url("edit", visit))
    assert response.status_code == 302 and response.url == _url("amend", visit)
    response = therapist_client.post(
        _url("edit", visit), post_data(_before(intake), patient_change="Changed after signing")
    )
    visit.refresh_from_db()
    assert visit.patient_change != "Changed after signing"
    # An amendment without a reason is refused next to the field, the text typed is kept.
    amend = {
        "patient_change": "Leg tingling further down after sitting; questionnaire better.",
        "exam_change": "",
        "plan": "regress",
        "plan_note": "Back to the easier nerve slider.",
        "reason": "",
    }
    response = therapist_client.post(_url("amend", visit), amend)
    assert response.status_code == 200
    assert "Back to the easier nerve slider." in response.content.decode()
    amend["reason"] = "Read the home logs after the visit."
    response = therapist_client.post(_url("amend", visit), amend, follow=True)
    html = response.content.decode()
    visit.refresh_from_db()
    assert visit.plan == "regress"
    [amendment] = visit.amendments.all()
    assert amendment.changes[0]["before"].startswith("Back easier at work")
    assert "<del>Back easier at work" in html and "Read the home logs after the visit." in html


def test_the_admin_reads_but_does_not_write(admin_client_, patient_record, therapist):
    intake = signed_intake(patient_record)
    visit = Reassessment.objects.create(
        patient=patient_record,
        intake=intake,
        performed_by=therapist,
        patient_change="Better.",
        plan="continue",
    )
    assert admin_client_.get(visit.get_absolute_url()).status_code == 200
    assert admin_client_.get(_create_url(patient_record)).status_code == 403
    assert admin_client_.post(_url("sign", visit)).status_code == 403


def test_another_patients_visit_is_not_found(therapist_client, patient_record, therapist):
    other = PatientFactory(therapist=therapist)
    visit = Reassessment.objects.create(
        patient=other,
        intake=signed_intake(other),
        performed_by=therapist,
        patient_change="Better.",
        plan="continue",
    )
    url = reverse("clinic:reassessment-detail", args=[patient_record.uuid, visit.uuid])
    assert therapist_client.get(url).status_code == 404


def test_patients_never_see_it(patient_client, patient_record, therapist):
    visit = Reassessment.objects.create(
        patient=patient_record,
        intake=signed_intake(patient_record),
        performed_by=therapist,
        patient_change="Better.",
        plan="continue",
    )
    assert patient_client.get(visit.get_absolute_url()).status_code == 403


def test_the_measure_link_dates_the_measure_on_the_visit(therapist_client, patient_record):
    from datetime import timedelta

    from django.utils import timezone

    intake = signed_intake(patient_record)
    data = post_data(_before(intake))
    day = timezone.localdate() - timedelta(days=3)
    data["visit_date"] = day.isoformat()
    therapist_client.post(_create_url(patient_record), data)
    visit = Reassessment.objects.get()
    page = therapist_client.get(visit.get_absolute_url())
    [rmdq] = [url for label, url in page.context["measure_links"] if "Roland" in label]
    assert f"?taken_on={day.isoformat()}&next=" in rmdq
    form = therapist_client.get(rmdq).context["form"]
    assert form.initial["taken_on"] == day
    answers = {"none_apply": "on"}
    response = therapist_client.post(rmdq, {**answers, "taken_on": day.isoformat()})
    assert response.status_code == 302 and response.url == visit.get_absolute_url()
    page = therapist_client.get(visit.get_absolute_url())
    assert [m.instrument for m in page.context["visit_measures"]] == ["rmdq"]
    # Somewhere else is not followed.
    outside = rmdq.split("&next=")[0] + "&next=https://example.com/"
    response = therapist_client.post(outside, {**answers, "taken_on": day.isoformat()})
    assert response.url == patient_record.get_absolute_url() + "#measures"


def test_the_exam_is_repeated_at_the_visit_and_compared_with_the_one_before(
    therapist_client, patient_record, therapist
):
    from clinic.exam.services import record_exam

    intake = signed_intake(patient_record)
    record_exam(
        patient=patient_record,
        by=therapist,
        data={"slr_left_angle": 70, "slr_left_reproduced": "thigh", "myotome_l5_left": 5},
        intake=intake,
    )
    therapist_client.post(_create_url(patient_record), post_data(_before(intake)))
    visit = Reassessment.objects.get()
    url = reverse("clinic:reassessment-exam", args=[patient_record.uuid, visit.uuid])
    page = therapist_client.get(url)
    assert page.status_code == 200 and page.context["form"].previous is not None
    response = therapist_client.post(
        url,
        {
            "performed_on": visit.visit_date.isoformat(),
            "slr_left_angle": "40",
            "slr_left_reproduced": "below_knee",
            "myotome_l5_left": "4",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    visit.refresh_from_db()
    assert visit.exam is not None and visit.exam.performed_on == visit.visit_date
    html = therapist_client.get(visit.get_absolute_url()).content.decode()
    assert "Changed since the exam of" in html
    assert "SLR left, angle at onset: 70° → <strong>40°</strong>" in html
    assert "5/5 → <strong>4/5</strong>" in html
    # Linked once: the exam page is where it is corrected.
    assert therapist_client.get(url).url == reverse("clinic:exam-amend", args=[visit.exam.uuid])


def test_the_visit_repeats_the_scheduled_measures_and_those_with_a_baseline(
    therapist_client, patient_record, therapist
):
    """Worked example: an Oswestry and a STarT Back at the intake, a Sciatica Bothersomeness
    on the patient's schedule, pain scores already taken on the visit. The visit offers the
    Oswestry (a baseline to compare with) and the SBI (scheduled), not the STarT Back (a risk
    screen, repeated only when scheduled) nor the pain scores (done); an ended schedule is not
    followed."""
    from datetime import timedelta

    from django.utils import timezone

    from clinic.models import OutcomeMeasure
    from clinic.questionnaires.models import MeasureSchedule
    from clinic.views.reassessments import measures_due

    intake = signed_intake(patient_record)
    therapist_client.post(_create_url(patient_record), post_data(_before(intake)))
    visit = Reassessment.objects.get()
    before = visit.visit_date - timedelta(days=20)

    def measure(instrument, day, score=None, **details):
        OutcomeMeasure.objects.create(
            patient=patient_record,
            instrument=instrument,
            taken_on=day,
            score=score,
            details=details,
            answers={},
            recorded_by=therapist,
        )

    def schedule(instrument, **extra):
        MeasureSchedule.objects.create(
            patient=patient_record,
            instrument=instrument,
            cadence=MeasureSchedule.Cadence.EVERY,
            every_weeks=4,
            starts_on=before,
            next_due_on=visit.visit_date,
            created_by=therapist,
            **extra,
        )

    measure("odi", before, 40)
    measure("start_back", before, 5)
    schedule("sbi")
    schedule("psfs", ended_at=timezone.now(), ended_by=therapist)
    measure("nprs", visit.visit_date, back_now=3, leg_now=4)

    assert measures_due(patient_record, visit.visit_date) == ["sbi", "odi"]
    page = therapist_client.get(visit.get_absolute_url())
    labels = [label for label, _ in page.context["measure_links"]]
    assert labels == ["Sciatica Bothersomeness Index", "Oswestry Disability Index"]
    html = page.content.decode()
    assert "Still to repeat at this visit" in html
    assert "Record Keele STarT Back" not in html and "Record Pain scores" not in html

    # Both recorded on the visit: nothing left to offer.
    measure("sbi", visit.visit_date, 8)
    measure("odi", visit.visit_date, 30)
    page = therapist_client.get(visit.get_absolute_url())
    assert page.context["measure_links"] == []
    assert "Every scheduled measure is recorded on this visit." in page.content.decode()


def test_a_record_without_measures_or_schedules_repeats_the_usual_set(patient_record):
    from django.utils import timezone

    from clinic.views.reassessments import measures_due

    assert measures_due(patient_record, timezone.localdate()) == ["nprs", "rmdq", "psfs", "sbi"]
