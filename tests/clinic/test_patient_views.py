import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile, Patient
from tests.factories import (
    ImagingReportFactory,
    IntakeFactory,
    PatientFactory,
    ProgramFactory,
    RedFlagFactory,
    TherapistFactory,
    screened,
)

LIST = reverse("clinic:patient-list")
CREATE = reverse("clinic:patient-create")


def detail(patient):
    return reverse("pages:patient-detail", kwargs={"uuid": patient.uuid})


def edit(patient):
    return reverse("clinic:patient-edit", kwargs={"uuid": patient.uuid})


def archive(patient):
    return reverse("clinic:patient-archive", kwargs={"uuid": patient.uuid})


def restore(patient):
    return reverse("clinic:patient-restore", kwargs={"uuid": patient.uuid})


def names(response):
    return [p.last_name for p in response.context["page"].object_list]


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["list", "create", "detail", "edit"])
def test_anonymous_is_sent_to_login(client, patient_record, page):
    url = {
        "list": LIST,
        "create": CREATE,
        "detail": detail(patient_record),
        "edit": edit(patient_record),
    }[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", ["list", "create", "detail", "edit"])
def test_patients_never_see_patient_pages_even_their_own(patient_client, patient_record, page):
    url = {
        "list": LIST,
        "create": CREATE,
        "detail": detail(patient_record),
        "edit": edit(patient_record),
    }[page]
    assert patient_client.get(url).status_code == 403


@pytest.mark.parametrize("page", ["list", "create", "detail", "edit"])
def test_therapist_and_admin_see_every_patient_of_the_clinic(
    client, therapist, admin, other_patient_record, page
):
    # other_patient_record belongs to the colleague: therapists still see all patients.
    url = {
        "list": LIST,
        "create": CREATE,
        "detail": detail(other_patient_record),
        "edit": edit(other_patient_record),
    }[page]
    for user in (therapist, admin):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_unknown_patient_is_404(therapist_client):
    url = reverse("pages:patient-detail", kwargs={"uuid": uuid.uuid4()})
    assert therapist_client.get(url).status_code == 404


def test_list_shows_archived_flag_and_therapist(therapist_client, patient_record):
    response = therapist_client.get(LIST)
    assert response.status_code == 200
    assert "Rivera" in response.content.decode()


# --- search and filters -----------------------------------------------------------------------


@pytest.fixture
def people(therapist, colleague):
    return {
        "rivera": PatientFactory(
            first_name="Jordan",
            last_name="Rivera",
            therapist=therapist,
            phone="(617) 555-0110",
            email="jordan@patient.example",
            date_of_birth=date(1986, 4, 12),
        ),
        "natarajan": PatientFactory(
            first_name="Priya",
            last_name="Natarajan",
            therapist=colleague,
            phone="617.555.0111",
            email="priya@patient.example",
            date_of_birth=date(1974, 9, 3),
        ),
        "brooks": PatientFactory(
            first_name="Walter",
            last_name="Brooks",
            preferred_name="Walt",
            therapist=colleague,
            phone="(617) 555-0112",
            email="walt@patient.example",
            date_of_birth=date(1958, 1, 27),
            archived_at=timezone.now(),
        ),
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("riv", ["Rivera"]),
        ("Jordan Rivera", ["Rivera"]),
        ("PRIYA", ["Natarajan"]),
        ("6175550111", ["Natarajan"]),
        ("555-0110", ["Rivera"]),
        ("priya@patient", ["Natarajan"]),
        ("4/12/1986", ["Rivera"]),
        ("1974-09-03", ["Natarajan"]),
        ("nobody", []),
    ],
)
def test_search_by_name_phone_email_or_date_of_birth(therapist_client, people, query, expected):
    response = therapist_client.get(LIST, {"q": query})
    assert response.status_code == 200
    assert names(response) == expected


def test_archived_patients_are_hidden_unless_asked_for(therapist_client, people):
    assert names(therapist_client.get(LIST)) == ["Natarajan", "Rivera"]
    assert names(therapist_client.get(LIST, {"status": "archived"})) == ["Brooks"]
    assert names(therapist_client.get(LIST, {"status": "all"})) == [
        "Brooks",
        "Natarajan",
        "Rivera",
    ]
    # The preferred name is searchable too.
    assert names(therapist_client.get(LIST, {"status": "all", "q": "walt"})) == ["Brooks"]


def test_my_patients_filter(therapist_client, people):
    assert names(therapist_client.get(LIST, {"mine": "on"})) == ["Rivera"]


def test_open_red_flag_filter_and_badges(therapist_client, people):
    RedFlagFactory(patient=people["natarajan"], tier="U")
    decided = RedFlagFactory(patient=people["rivera"], tier="S", code="cancer_history")
    decided.status = "decided"
    decided.decision_reason = "acknowledged_soon"
    decided.decided_by = people["rivera"].therapist
    decided.decided_at = timezone.now()
    decided.save()
    response = therapist_client.get(LIST, {"flags": "on"})
    assert names(response) == ["Natarajan"]
    assert "Needs clearance" in response.content.decode()


def test_bad_filter_values_fall_back_to_defaults(therapist_client, people):
    response = therapist_client.get(LIST, {"status": "bogus", "page": "x", "q": "r" * 500})
    assert response.status_code == 200


def test_htmx_search_returns_only_the_results(therapist_client, people):
    response = therapist_client.get(LIST, {"q": "riv"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert "Rivera" in body


def test_list_is_paginated(therapist_client, therapist):
    PatientFactory.create_batch(30, therapist=therapist)
    first = therapist_client.get(LIST)
    assert len(first.context["page"].object_list) == 25
    second = therapist_client.get(LIST, {"page": 2})
    assert len(second.context["page"].object_list) == 5


@pytest.mark.parametrize("count", [1, 12, 50])
def test_list_query_count_does_not_grow_with_patients(
    therapist_client, therapist, django_assert_num_queries, count
):
    for patient in PatientFactory.create_batch(count, therapist=therapist):
        IntakeFactory(patient=patient)
        RedFlagFactory(patient=patient)
    ClinicProfile.load()
    # session, user, count, clinic details, one page of patients (flags and last intake are
    # subqueries of that one query), and the audit row (one insert)
    with django_assert_num_queries(6):
        response = therapist_client.get(LIST)
    assert response.status_code == 200


# --- create and edit --------------------------------------------------------------------------


def valid_patient(**overrides):
    data = {
        "first_name": "  Ana ",
        "last_name": "Souza",
        "date_of_birth": "1990-02-14",
        "phone": "(617) 555-0199",
        "email": "Ana.Souza@Patient.example",
        "preferred_contact": "email",
        "consent_email": "on",
        "language": "Portuguese",
        "interpreter_needed": "on",
        "referral_source": "physician",
        "referral_detail": "Dr Lee, Harbor Family Practice",
    }
    data.update(overrides)
    return data


def test_therapist_registers_a_patient(therapist_client, therapist):
    response = therapist_client.post(CREATE, valid_patient(therapist=therapist.pk))
    patient = Patient.objects.get(last_name="Souza")
    assert response.status_code == 302
    assert response["Location"] == patient.get_absolute_url()
    assert patient.first_name == "Ana"
    assert patient.email == "ana.souza@patient.example"
    assert patient.created_by == therapist
    assert patient.therapist == therapist
    assert patient.interpreter_needed


def test_admin_registers_a_patient(admin_client_, admin):
    response = admin_client_.post(CREATE, valid_patient())
    assert response.status_code == 302
    assert Patient.objects.get(last_name="Souza").created_by == admin


@pytest.mark.parametrize(
    "overrides, field",
    [
        (
            {"date_of_birth": (timezone.localdate() + timedelta(days=2)).isoformat()},
            "date_of_birth",
        ),
        ({"date_of_birth": "1850-01-01"}, "date_of_birth"),
        ({"date_of_birth": "not a date"}, "date_of_birth"),
        ({"first_name": ""}, "first_name"),
        ({"phone": "call me maybe"}, "phone"),
        ({"email": "", "preferred_contact": "email"}, "email"),
        (
            {"date_of_birth": (timezone.localdate() - timedelta(days=365 * 10)).isoformat()},
            "guardian_name",
        ),
    ],
)
def test_bad_patient_input_is_shown_next_to_the_field_and_kept(therapist_client, overrides, field):
    data = valid_patient(**overrides)
    response = therapist_client.post(CREATE, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert form["last_name"].value() == "Souza"
    assert not Patient.objects.filter(last_name="Souza").exists()


def test_the_same_person_cannot_be_registered_twice(therapist_client):
    PatientFactory(first_name="Ana", last_name="Souza", date_of_birth=date(1990, 2, 14))
    response = therapist_client.post(CREATE, valid_patient())
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert Patient.objects.filter(last_name="Souza").count() == 1


def test_edit_saves_changes(therapist_client, patient_record):
    data = valid_patient(
        first_name="Pat", last_name="Rivera", date_of_birth="1986-04-12", occupation="Carpenter"
    )
    response = therapist_client.post(edit(patient_record), data)
    assert response.status_code == 302
    patient_record.refresh_from_db()
    assert patient_record.occupation == "Carpenter"
    assert patient_record.language == "Portuguese"


def test_therapist_choices_are_active_therapists_only(therapist_client, therapist):
    gone = TherapistFactory(is_active=False)
    response = therapist_client.get(CREATE)
    choices = list(response.context["form"].fields["therapist"].queryset)
    assert therapist in choices
    assert gone not in choices


# --- detail -----------------------------------------------------------------------------------


def test_detail_shows_open_flags_first_and_blocks_programs(therapist_client, patient_record):
    RedFlagFactory(patient=patient_record, tier="E", code="ces_saddle", reason="Saddle numbness")
    response = therapist_client.get(detail(patient_record))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Needs clearance" in body
    assert body.index("Saddle numbness") < body.index("Current episode")


def test_detail_lists_open_flags_most_severe_first(therapist_client, patient_record):
    # Soon (S) is raised last and its letter sorts before U: still urgent comes first.
    RedFlagFactory(patient=patient_record, tier="U", code="infection_fever", reason="Fever")
    RedFlagFactory(patient=patient_record, tier="E", code="ces_saddle", reason="Saddle")
    RedFlagFactory(patient=patient_record, tier="S", code="cancer_history", reason="Cancer")
    response = therapist_client.get(detail(patient_record))
    assert [f.tier for f in response.context["open_flags"]] == ["E", "U", "S"]


def test_detail_says_a_program_can_be_published_only_once_screened(
    therapist_client, patient_record
):
    content = therapist_client.get(detail(patient_record)).content.decode()
    assert "a home program can be published" not in content
    assert "Not screened for a home program yet." in content
    assert "No red-flag screen on file: this patient has no intake yet." in content
    assert f'href="/patients/{patient_record.uuid}/intakes/new/">Start the intake</a>' in content

    screened(patient_record)
    content = therapist_client.get(detail(patient_record)).content.decode()
    assert "Not screened for a home program yet." not in content
    assert "the patient consents to a home program: a home program can be published" in content


def test_detail_says_what_is_missing_without_consent(therapist_client, patient_record):
    screened(patient_record, consent_home_program=False)
    content = therapist_client.get(detail(patient_record)).content.decode()
    assert "a home program can be published" not in content
    assert "No consent to a home program yet." in content
    assert "The patient has not consented to a home program" in content


def _visit_exam_and_log(patient, intake, therapist, n):
    """A re-assessment, an objective exam and a home log for the n-th day."""
    from clinic.exam.services import record_exam
    from clinic.reassessment.models import Reassessment
    from tests.factories import SessionLogFactory

    day = date(2026, 1, 1) + timedelta(n)
    Reassessment.objects.create(
        patient=patient,
        intake=intake,
        performed_by=therapist,
        visit_date=day,
        patient_change="Better.",
        plan="continue",
    )
    record_exam(
        patient=patient, by=therapist, data={"slr_left_angle": 40 + n % 40}, performed_on=day
    )
    program = patient.programs.get(title="Logged")
    SessionLogFactory(patient=patient, program=program, revision=program.current_revision, date=day)


@pytest.mark.parametrize("count", [1, 12, 50])
def test_detail_query_count_is_constant(
    therapist_client, patient_record, therapist, django_assert_num_queries, count
):
    from clinic import services
    from clinic.questionnaires import services as questionnaires
    from tests.factories import published_program

    published_program(patient=screened(patient_record), items=1, by=therapist, title="Logged")
    for n in range(count):
        intake = IntakeFactory(patient=patient_record, visit_date=date(2026, 1, 1) + timedelta(n))
        RedFlagFactory(patient=patient_record, intake=intake, code=f"code_{n}")
        ImagingReportFactory(intake=intake)
        ProgramFactory(patient=screened(patient_record), title=f"Program {n}")
        services.record_measure(
            patient=patient_record,
            instrument="rmdq",
            answers={"ticked": [1, 2, 3], "none_apply": False},
            by=therapist,
        )
        _visit_exam_and_log(patient_record, intake, therapist, n)
        questionnaires.schedule_measure(
            patient=patient_record, instrument="sbi", cadence="once", by=therapist
        )
        questionnaires.request_now(patient=patient_record, instrument="rmdq", by=therapist)
    ClinicProfile.load()
    # session, user, patient, intakes, flags, measures, amendments, PSFS activities, programs,
    # report files of the current intake, clinic details, and 1 for the audit event of the view
    # + 2 for the home-program adherence card, + 1 for the unread secure messages
    # + 3 for clinic and home together (re-assessments, objective exams, home logs), + 1 for a
    # published program with home logs (its adherence card reads a user), + 2 for the screening
    # gate (the clinic's window, signed re-assessments), + 2 for the ease-off notices and step
    # backs, + 2 for the self-service card (links, pre-visit intakes), + 2 for the home
    # questionnaires card (schedules, latest requests)
    with django_assert_num_queries(27):
        response = therapist_client.get(detail(patient_record))
    assert response.status_code == 200


# --- archive and restore ----------------------------------------------------------------------


def test_archive_and_restore_keep_the_record(therapist_client, therapist, patient_record):
    response = therapist_client.post(archive(patient_record))
    assert response.status_code == 302
    patient_record.refresh_from_db()
    assert patient_record.is_archived
    assert patient_record.archived_by == therapist
    assert not patient_record.can_receive_program()

    response = therapist_client.post(restore(patient_record))
    assert response.status_code == 302
    patient_record.refresh_from_db()
    assert not patient_record.is_archived
    assert patient_record.archived_by is None


@pytest.mark.parametrize("action", [archive, restore])
def test_archive_and_restore_are_post_only(therapist_client, patient_record, action):
    assert therapist_client.get(action(patient_record)).status_code == 405


@pytest.mark.parametrize("action", [archive, restore])
def test_patients_cannot_archive(patient_client, patient_record, action):
    assert patient_client.post(action(patient_record)).status_code == 403
    patient_record.refresh_from_db()
    assert not patient_record.is_archived


def test_archive_twice_says_so_without_error(therapist_client, patient_record):
    therapist_client.post(archive(patient_record))
    response = therapist_client.post(archive(patient_record), follow=True)
    assert "already archived" in response.content.decode()


def test_admin_can_archive(admin_client_, patient_record):
    assert admin_client_.post(archive(patient_record)).status_code == 302
    patient_record.refresh_from_db()
    assert patient_record.is_archived


def test_archive_of_unknown_patient_is_404(therapist_client):
    url = reverse("clinic:patient-archive", kwargs={"uuid": uuid.uuid4()})
    assert therapist_client.post(url).status_code == 404


def test_reading_and_archiving_a_patient_is_audited(therapist_client, therapist, patient_record):
    from clinic.models import AuditEvent

    therapist_client.get(detail(patient_record))
    therapist_client.post(archive(patient_record))
    events = list(AuditEvent.objects.filter(patient=patient_record).order_by("pk"))
    assert [(e.action, e.user) for e in events] == [("view", therapist), ("archive", therapist)]


def test_patient_page_shows_adherence_and_the_export_button(therapist_client, patient_record):
    from tests.factories import published_program

    published_program(patient=patient_record, items=2, title="Sciatica starter")
    response = therapist_client.get(patient_record.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Last 7 days" in content and "Sciatica starter" in content
    assert f"/patients/{patient_record.uuid}/export/" in content


def test_htmx_history_restore_of_a_search_gets_the_whole_page(therapist_client, people):
    """Back to a search htmx no longer holds: it puts the response in place of the whole page."""
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = therapist_client.get(LIST, {"q": "riv"}, headers=headers)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" in body
    assert "Rivera" in body


def test_the_list_says_it_varies_on_htmx(therapist_client, people):
    response = therapist_client.get(LIST, {"q": "riv"}, headers={"HX-Request": "true"})
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"HX-Request", "HX-History-Restore-Request"} <= vary
