import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic.intake.sections import SECTIONS
from clinic.models import ClinicProfile, Intake, IntakeAmendment, RedFlag
from tests.clinic import intake_data as data
from tests.factories import ImagingReportFactory, IntakeFactory


def create_url(patient):
    return reverse("clinic:intake-create", kwargs={"uuid": patient.uuid})


def section_url(intake, slug):
    return reverse("clinic:intake-section", kwargs={"uuid": intake.uuid, "slug": slug})


def amend_url(intake, slug):
    return reverse("clinic:intake-amend", kwargs={"uuid": intake.uuid, "slug": slug})


def sign_url(intake):
    return reverse("clinic:intake-sign", kwargs={"uuid": intake.uuid})


def instruction_url(intake):
    return reverse("clinic:intake-instruction", kwargs={"uuid": intake.uuid})


@pytest.fixture
def intake(patient_record, therapist):
    return data.start(patient_record, therapist)


# --- access -----------------------------------------------------------------------------------


def _pages(intake, patient):
    return {
        "create": create_url(patient),
        "section": section_url(intake, "pain"),
        "sign": sign_url(intake),
        "detail": intake.get_absolute_url(),
    }


@pytest.mark.parametrize("page", ["create", "section", "sign", "detail"])
def test_anonymous_goes_to_login(client, intake, patient_record, page):
    response = client.get(_pages(intake, patient_record)[page])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", ["create", "section", "sign", "detail"])
def test_patients_never_see_intake_pages(patient_client, intake, patient_record, page):
    assert patient_client.get(_pages(intake, patient_record)[page]).status_code == 403


@pytest.mark.parametrize("page", ["create", "section", "sign"])
def test_the_clinic_admin_reads_but_does_not_take_intakes(
    admin_client_, intake, patient_record, page
):
    assert admin_client_.get(_pages(intake, patient_record)[page]).status_code == 403
    assert admin_client_.get(intake.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("page", ["create", "section", "sign", "detail"])
def test_any_therapist_of_the_clinic_can_work_on_an_intake(
    client, colleague, intake, patient_record, page
):
    client.force_login(colleague)
    assert client.get(_pages(intake, patient_record)[page]).status_code == 200


def test_unknown_intake_and_section_are_404(therapist_client, intake):
    missing = reverse("clinic:intake-detail", kwargs={"uuid": uuid.uuid4()})
    assert therapist_client.get(missing).status_code == 404
    assert therapist_client.get(section_url(intake, "no-such-section")).status_code == 404


def test_instruction_page_is_get_only(therapist_client, intake):
    assert therapist_client.post(instruction_url(intake)).status_code == 405


# --- starting an intake -----------------------------------------------------------------------


def test_therapist_starts_an_intake_with_the_reason_for_the_visit(
    therapist_client, therapist, patient_record
):
    response = therapist_client.post(
        create_url(patient_record), {**data.complaint(), "then": "next"}
    )
    intake = Intake.objects.get(patient=patient_record)
    assert response.status_code == 302
    assert response["Location"] == section_url(intake, "red-flags")
    assert intake.therapist == therapist
    assert intake.answers["complaint"]["pain_more"] == "leg"
    assert intake.answers["complaint"]["below_knee"] is True
    assert intake.completed_sections == ["complaint"]
    assert intake.derived["below_knee"] is True


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"visit_date": (timezone.localdate() + timedelta(days=3)).isoformat()}, "visit_date"),
        ({"visit_date": "1800-01-01"}, "visit_date"),
        ({"own_words": ""}, "own_words"),
        ({"main_area": "elbow"}, "main_area"),
        ({"main_area": "other"}, "main_area_other"),
        ({"related_to": ["none", "work"]}, "related_to"),
        ({"below_knee": ""}, "below_knee"),
    ],
)
def test_bad_first_section_keeps_what_was_typed_and_saves_nothing(
    therapist_client, patient_record, overrides, field
):
    response = therapist_client.post(create_url(patient_record), data.complaint(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert form["own_words"].value() == overrides.get("own_words", data.complaint()["own_words"])
    assert not Intake.objects.exists()


def test_archived_patient_cannot_start_an_intake(therapist_client, patient_record):
    patient_record.archived_at = timezone.now()
    patient_record.save()
    response = therapist_client.post(create_url(patient_record), data.complaint())
    assert response.status_code == 302
    assert response["Location"] == patient_record.get_absolute_url()
    assert not Intake.objects.exists()


# --- sections ---------------------------------------------------------------------------------


@pytest.mark.parametrize("section", [s.slug for s in SECTIONS])
def test_every_section_page_renders(therapist_client, intake, section):
    response = therapist_client.get(section_url(intake, section))
    assert response.status_code == 200
    assert response.context["section"].slug == section


def test_saving_a_section_stores_it_and_moves_on(therapist_client, intake):
    response = therapist_client.post(section_url(intake, "pain"), {**data.pain(), "then": "next"})
    assert response.status_code == 302
    assert response["Location"] == section_url(intake, "onset")
    intake.refresh_from_db()
    assert (intake.back_pain_now, intake.leg_pain_worst) == (3, 9)
    assert intake.answers["pain"]["qualities"] == ["burning", "tingling", "aching"]
    assert intake.derived["neuropathic_descriptor_count"] == 2
    assert intake.derived["nprs"]["leg"] == {"band": "severe", "composite": 6.7}


def test_save_without_next_goes_back_to_the_intake(therapist_client, intake):
    response = therapist_client.post(section_url(intake, "pain"), {**data.pain(), "then": "x"})
    assert response["Location"] == intake.get_absolute_url()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"back_pain_now": "11"}, "back_pain_now"),
        ({"back_pain_now": "-1"}, "back_pain_now"),
        ({"back_pain_now": ""}, "back_pain_now"),
        ({"leg_pain_now": "seven"}, "leg_pain_now"),
        ({"back_pain_best": "6", "back_pain_worst": "5"}, "back_pain_best"),
        ({"leg_pain_now": "3", "leg_pain_best": "4"}, "leg_pain_best"),
        ({"leg_pain_now": "10", "leg_pain_worst": "9"}, "leg_pain_worst"),
        ({"qualities": ["sharp", "itchy"]}, "qualities"),
    ],
)
def test_pain_scores_are_validated_on_the_server(therapist_client, intake, overrides, field):
    response = therapist_client.post(section_url(intake, "pain"), data.pain(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["form"]["leg_pain_week"].value() == "6"
    intake.refresh_from_db()
    assert intake.back_pain_now is None
    assert "pain" not in intake.completed_sections


def test_onset_cannot_be_after_the_visit(therapist_client, intake):
    response = therapist_client.post(section_url(intake, "onset"), data.onset(days_ago=-5))
    assert "onset_date" in response.context["form"].errors


def test_duration_category_uses_the_configured_thresholds(therapist_client, intake, settings):
    therapist_client.post(section_url(intake, "onset"), data.onset(days_ago=35))
    intake.refresh_from_db()
    assert intake.derived["duration"]["category"] == "acute"
    settings.RESTORE_ACUTE_WEEKS = 4
    therapist_client.post(section_url(intake, "onset"), data.onset(days_ago=35))
    intake.refresh_from_db()
    assert intake.derived["duration"]["category"] == "subacute"
    assert intake.derived["duration"]["acute_weeks"] == 4


def test_body_chart_is_stored_as_structured_marks_and_derives_values(therapist_client, intake):
    chart = data.body_chart(
        ("buttock_deep", "left", ["pain"], True),
        ("calf", "right", ["numbness"], False),
        ("thigh_posterior", "left", ["pain"], False),
    )
    response = therapist_client.post(section_url(intake, "body-chart"), chart)
    assert response.status_code == 302
    intake.refresh_from_db()
    assert [m["region"] for m in intake.body_chart] == ["buttock_deep", "thigh_posterior", "calf"]
    assert intake.derived["bilateral_leg_symptoms"] is True
    assert intake.derived["below_knee_on_chart"] is True
    assert intake.derived["distal_extent"] == "calf"


def _tile(body: str, label: str) -> str:
    """The value and note of one 'At a glance' tile, as plain text."""
    start = body.index(f'<div class="derived-label">{label}</div>')
    end = body.index('<div class="derived', body.index("derived-note", start))
    return " ".join(re.sub(r"<[^>]+>", " ", body[start:end]).split())


def test_both_legs_is_unknown_until_the_body_chart_is_filled_in(therapist_client, intake):
    page = therapist_client.get(intake.get_absolute_url()).content.decode()
    assert _tile(page, "Both legs") == "Both legs — Body chart not filled in yet"
    therapist_client.post(
        section_url(intake, "body-chart"), data.body_chart(("calf", "right", ["pain"], True))
    )
    page = therapist_client.get(intake.get_absolute_url()).content.decode()
    assert _tile(page, "Both legs") == "Both legs No Leg symptoms on one side or none"
    therapist_client.post(
        section_url(intake, "body-chart"), data.body_chart(("calf", "both", ["pain"], True))
    )
    page = therapist_client.get(intake.get_absolute_url()).content.decode()
    assert _tile(page, "Both legs") == (
        "Both legs Yes Symptoms in both legs: screened as a red flag"
    )


def test_body_chart_list_view_works_without_javascript(therapist_client, intake):
    response = therapist_client.post(
        section_url(intake, "body-chart"),
        {"bc-calf-side": "left", "bc-calf-symptoms": ["pain", "burning"], "bc-worst": "calf"},
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.body_chart == [
        {"region": "calf", "side": "left", "symptoms": ["pain", "burning"], "worst": True}
    ]


def test_bad_body_chart_is_refused_and_redisplayed(therapist_client, intake):
    response = therapist_client.post(
        section_url(intake, "body-chart"),
        data.body_chart(("calf", "left", ["pain"], False), ("shin", "left", ["pain"], False)),
    )
    assert response.status_code == 200
    assert "worst" in response.content.decode()
    assert response.context["bodychart"]["errors"]
    intake.refresh_from_db()
    assert intake.body_chart == []


def test_saddle_region_cannot_be_ticked_on_the_chart(therapist_client, intake):
    response = therapist_client.post(
        section_url(intake, "body-chart"),
        data.body_chart(("saddle", "central", ["numbness"], True)),
    )
    assert response.status_code == 200
    assert "red-flag" in response.content.decode()


def test_medication_rows_are_classified(therapist_client, intake):
    post = {
        **data.rows(
            "medications", {"name": "Eliquis 5 mg", "dose": "5 mg"}, {"name": "Gabapentin"}
        ),
        "long_term_steroids": "no",
        "allergies": ["latex"],
    }
    response = therapist_client.post(section_url(intake, "medications"), post)
    assert response.status_code == 302
    intake.refresh_from_db()
    assert [r["name"] for r in intake.answers["medications"]["medications"]] == [
        "Eliquis 5 mg",
        "Gabapentin",
    ]
    assert intake.derived["medication_classes"]["Eliquis 5 mg"] == ["anticoagulant"]
    assert "anticoagulant" in intake.precaution_tags


def test_a_medication_row_without_a_name_is_refused(therapist_client, intake):
    post = {**data.rows("medications", {"dose": "5 mg"}), "allergies": ["none"]}
    response = therapist_client.post(section_url(intake, "medications"), post)
    assert response.status_code == 200
    assert "Row 1" in response.content.decode()


def test_tampered_row_count_is_an_error_not_a_crash(therapist_client, intake):
    response = therapist_client.post(
        section_url(intake, "imaging"),
        {"imaging-TOTAL_FORMS": "abc", "imaging-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200


def test_precautions_come_from_the_answers(therapist_client, intake, patient_record):
    therapist_client.post(
        section_url(intake, "medical"),
        {
            "hip_right": "on",
            "hip_right_approach": "posterior",
            "hip_right_date": (timezone.localdate() - timedelta(days=90)).isoformat(),
        },
    )
    intake.refresh_from_db()
    assert "hip_replacement_posterior" in intake.precaution_tags
    assert "hip_replacement_posterior" in patient_record.precaution_tags()
    reasons = {p["tag"]: p["reason"] for p in intake.derived["precautions"]}
    assert "from the back" in reasons["hip_replacement_posterior"]


# --- red flags --------------------------------------------------------------------------------


def test_emergency_answer_shows_the_instruction_at_once_and_blocks_programs(
    therapist_client, intake, patient_record
):
    response = therapist_client.post(
        section_url(intake, "red-flags"), {**data.red_flags(ces_saddle="yes_new"), "then": "next"}
    )
    assert response.status_code == 302
    assert response["Location"] == instruction_url(intake)
    flag = RedFlag.objects.get(patient=patient_record)
    assert (flag.code, flag.tier, flag.status) == ("ces_saddle", "E", "open")
    assert flag.instruction_shown_at is not None
    assert patient_record.needs_clearance
    assert not patient_record.can_receive_program()

    page = therapist_client.get(instruction_url(intake))
    assert page.status_code == 200
    assert "Go to the nearest emergency department now, or call 911." in page.content.decode()


def test_urgent_answer_shows_the_same_day_advice(therapist_client, intake, patient_record):
    response = therapist_client.post(
        section_url(intake, "red-flags"), data.red_flags(infection_fever="yes")
    )
    assert response["Location"] == instruction_url(intake)
    page = therapist_client.get(instruction_url(intake))
    assert "Please see a doctor today." in page.content.decode()
    assert not patient_record.can_receive_program()


def test_soon_answer_adds_a_chart_flag_without_blocking(therapist_client, intake, patient_record):
    response = therapist_client.post(
        section_url(intake, "red-flags"), {**data.red_flags(weight_loss="yes"), "then": "next"}
    )
    assert response["Location"] == section_url(intake, "body-chart")
    flag = RedFlag.objects.get(patient=patient_record)
    assert (flag.code, flag.tier, flag.status) == ("weight_loss", "S", "open")
    assert patient_record.can_receive_program()
    assert therapist_client.get(instruction_url(intake))["Location"] == intake.get_absolute_url()


def test_a_long_standing_emergency_symptom_is_recorded_as_a_soon_flag(
    therapist_client, intake, patient_record
):
    therapist_client.post(section_url(intake, "red-flags"), data.red_flags(ces_bladder="yes_old"))
    assert list(patient_record.red_flags.values_list("code", "tier")) == [("neuro_stable", "S")]


def test_every_red_flag_question_must_be_answered(therapist_client, intake):
    answers = data.red_flags()
    del answers["dvt_pe"]
    response = therapist_client.post(section_url(intake, "red-flags"), answers)
    assert response.status_code == 200
    assert "dvt_pe" in response.context["form"].errors
    assert not RedFlag.objects.exists()


def test_new_nerve_symptoms_raise_flags_from_the_neuro_section(
    therapist_client, intake, patient_record
):
    response = therapist_client.post(
        section_url(intake, "neuro"), data.neuro(bowel_change="yes_new")
    )
    assert response["Location"] == instruction_url(intake)
    assert patient_record.red_flags.get().code == "ces_bowel"


# --- detail page ------------------------------------------------------------------------------


def test_detail_shows_answers_derived_values_and_flags(therapist_client, therapist, patient_record):
    intake = data.ready_to_sign(patient_record, therapist, cancer_history="yes")
    response = therapist_client.get(intake.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pain from my left buttock down to my foot." in body
    assert "History of cancer" in body
    assert "Below the knee" in body
    assert "<svg" in body  # the drawn body chart
    # Section numbers of our clinical reference mean nothing to the clinic's staff.
    assert "§" not in body
    section = therapist_client.get(section_url(intake, "pain")).content.decode()
    assert "§" not in section


@pytest.mark.parametrize("count", [1, 12, 50])
def test_detail_query_count_is_constant(
    therapist_client, therapist, patient_record, django_assert_num_queries, count
):
    intake = data.ready_to_sign(patient_record, therapist)
    for n in range(count):
        RedFlag.objects.create(patient=patient_record, intake=intake, code=f"x{n}", tier="S")
        IntakeAmendment.objects.create(
            intake=intake, section="pain", reason="typo", amended_by=therapist, changes=[]
        )
        ImagingReportFactory(intake=intake)
    ClinicProfile.load()
    # session, user, intake+patient+therapist, flags, amendments, report files, the objective
    # exam, clinic details, and 1 for the audit event of the view
    with django_assert_num_queries(9):
        assert therapist_client.get(intake.get_absolute_url()).status_code == 200


# --- signing and amending ---------------------------------------------------------------------


def sign_post(name="Pat Rivera", **overrides):
    post = {
        "consent_treatment": "on",
        "consent_privacy": "on",
        "consent_photo": "on",
        "signer": "patient",
        "signature_name": name,
    }
    post.update(overrides)
    return post


def test_signing_locks_the_intake(therapist_client, therapist, patient_record):
    intake = data.ready_to_sign(patient_record, therapist)
    response = therapist_client.post(sign_url(intake), sign_post(name="  pat   RIVERA "))
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.is_signed
    assert intake.signature_name == "pat RIVERA"
    assert intake.signed_by_staff == therapist
    assert intake.signed_at is not None
    assert intake.consent_photo and not intake.consent_communications

    # Locked: the section page now sends the therapist to the amendment page.
    page = therapist_client.get(section_url(intake, "pain"))
    assert page["Location"] == amend_url(intake, "pain")
    therapist_client.post(section_url(intake, "pain"), data.pain(back_pain_now="9"))
    intake.refresh_from_db()
    assert intake.back_pain_now == 3


@pytest.mark.parametrize(
    "post, field",
    [
        (sign_post(name="Someone Else"), "signature_name"),
        (sign_post(name=""), "signature_name"),
        (sign_post(consent_treatment=""), "consent_treatment"),
        (sign_post(consent_privacy=""), "consent_privacy"),
    ],
)
def test_signing_needs_consent_and_the_patients_name(
    therapist_client, therapist, patient_record, post, field
):
    intake = data.ready_to_sign(patient_record, therapist)
    response = therapist_client.post(sign_url(intake), post)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    intake.refresh_from_db()
    assert not intake.is_signed


def test_a_guardian_signs_with_the_name_on_file(therapist_client, therapist, patient_record):
    patient_record.guardian_name = "Maria Rivera"
    patient_record.save()
    intake = data.ready_to_sign(patient_record, therapist)
    response = therapist_client.post(
        sign_url(intake), sign_post(name="Maria Rivera", signer="guardian")
    )
    assert response.status_code == 302


def test_signing_needs_the_required_sections(therapist_client, intake):
    response = therapist_client.post(sign_url(intake), sign_post())
    assert response.status_code == 200
    assert "Complete these sections" in response.content.decode()
    intake.refresh_from_db()
    assert not intake.is_signed


def test_amendment_keeps_the_original_and_records_who_and_why(
    therapist_client, colleague, client, therapist, patient_record
):
    intake = data.sign(data.ready_to_sign(patient_record, therapist), therapist)
    client.force_login(colleague)
    response = client.post(
        amend_url(intake, "pain"),
        {**data.pain(back_pain_now="4"), "reason": "Patient corrected the score."},
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.back_pain_now == 4
    assert intake.is_signed
    amendment = intake.amendments.get()
    assert amendment.amended_by == colleague
    assert amendment.reason == "Patient corrected the score."
    assert amendment.changes == [
        {"field": "back_pain_now", "label": "Back pain right now", "before": "3", "after": "4"}
    ]
    page = therapist_client.get(intake.get_absolute_url()).content.decode()
    assert "Patient corrected the score." in page


def test_amendment_needs_a_reason_and_a_change(therapist_client, therapist, patient_record):
    intake = data.sign(data.ready_to_sign(patient_record, therapist), therapist)
    no_reason = therapist_client.post(amend_url(intake, "pain"), data.pain(back_pain_now="4"))
    assert no_reason.status_code == 200
    assert "reason" in no_reason.context["reason_form"].errors
    no_change = therapist_client.post(amend_url(intake, "pain"), {**data.pain(), "reason": "x"})
    assert no_change.status_code == 200
    assert "Nothing was changed" in no_change.content.decode()
    assert not IntakeAmendment.objects.exists()


def test_amending_a_draft_goes_to_the_editable_section(therapist_client, intake):
    response = therapist_client.get(amend_url(intake, "pain"))
    assert response["Location"] == section_url(intake, "pain")


def test_an_amendment_that_adds_an_emergency_answer_shows_the_instruction(
    therapist_client, therapist, patient_record
):
    intake = data.sign(data.ready_to_sign(patient_record, therapist), therapist)
    response = therapist_client.post(
        amend_url(intake, "red-flags"), {**data.red_flags(aaa="yes"), "reason": "Asked again."}
    )
    assert response["Location"] == instruction_url(intake)
    assert not patient_record.can_receive_program()


# --- random input never breaks the form -------------------------------------------------------

junk = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(
        [
            "",
            "yes",
            "no",
            "yes_new",
            "yes_old",
            "11",
            "-1",
            "1e9",
            "2026-02-30",
            "9999-12-31",
            "0001-01-01",
            "[]",
            "{}",
            "null",
            '[{"region": 1}]',
            "\x00",
        ]
    ),
)


# Each example is a request: at most 25, fewer under the light local profile.
@pytest.mark.parametrize("section", list(SECTIONS))
@settings(
    max_examples=min(25, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(payload=st.data())
def test_random_values_never_crash_a_section_or_half_save(
    therapist_client, therapist, patient_record, section, payload
):
    intake = IntakeFactory(patient=patient_record, therapist=therapist)
    fields = list(section.base_fields) + [
        "body_chart",
        "bc-calf-side",
        "bc-worst",
        "medications-TOTAL_FORMS",
        "medications-0-name",
        "imaging-TOTAL_FORMS",
        "imaging-0-date",
    ]
    post = {
        name: payload.draw(st.one_of(junk, st.lists(junk, max_size=3)), label=name)
        for name in payload.draw(st.lists(st.sampled_from(fields), unique=True, max_size=12))
    }
    before = Intake.objects.filter(pk=intake.pk).values().get()
    response = therapist_client.post(section_url(intake, section.slug), post)
    assert response.status_code in (200, 302)
    after = Intake.objects.filter(pk=intake.pk).values().get()
    if response.status_code == 200:
        # Refused: nothing about the intake changed, no flag or amendment was written.
        assert after == before
        assert not RedFlag.objects.filter(intake=intake).exists()
    else:
        assert section.slug in after["completed_sections"]


# Each example is a request: at most 40, fewer under the light local profile.
@settings(
    max_examples=min(40, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    post=st.dictionaries(
        st.sampled_from(list(SECTIONS[0].base_fields) + ["then"]),
        st.one_of(junk, st.lists(junk, max_size=3)),
        max_size=8,
    )
)
def test_random_values_never_crash_the_first_section(therapist_client, patient_record, post):
    count = Intake.objects.count()
    response = therapist_client.post(create_url(patient_record), post)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Intake.objects.count() == count


def test_saving_and_signing_are_audited(therapist_client, therapist, patient_record):
    from clinic.models import AuditEvent

    intake = data.ready_to_sign(patient_record, therapist)
    before = AuditEvent.objects.order_by("-pk").first().pk  # the services audit setup too
    therapist_client.post(section_url(intake, "goals"), {"goals": "Walk to work"})
    therapist_client.post(sign_url(intake), sign_post())
    events = AuditEvent.objects.filter(patient=patient_record, pk__gt=before).order_by("pk")
    assert [(e.action, e.detail) for e in events] == [
        ("update", "goals"),
        ("update", "consent signed"),
    ]
    assert events[0].object_id == str(intake.uuid)


def test_the_amend_page_says_when_the_intake_was_signed_in_one_clean_sentence(
    therapist_client, therapist, patient_record
):
    intake = data.sign(data.ready_to_sign(patient_record, therapist), therapist)
    page = therapist_client.get(amend_url(intake, "pain")).content.decode()
    assert "This intake was signed on " in page
    assert "m.." not in page  # "a.m." followed by a full stop


def _summary(body: str) -> str:
    start = body.index('id="error-summary"')
    return body[start : body.index("</div>", start)]


def test_the_error_summary_counts_and_links_every_error_rows_included(therapist_client, intake):
    post = data.rows(
        "imaging", {"date": "2026-01-05", "facility": "Harbor"}, {"summary": "Disc bulge"}
    )
    response = therapist_client.post(section_url(intake, "imaging"), post)
    assert response.status_code == 200
    summary = _summary(response.content.decode())
    assert "Please check 2 answers" in summary
    assert summary.count('<a href="#id_imaging-') == 2  # each row's error links to its field
    assert "Row 1, Test" in summary and "Row 2, Test" in summary


def test_the_amend_summary_counts_the_reason_too(therapist_client, therapist, patient_record):
    intake = data.ready_to_sign(patient_record, therapist)
    data.sign(intake, therapist)
    # No answers and no reason: the section's errors and the missing reason, all counted.
    response = therapist_client.post(amend_url(intake, "complaint"), {"reason": ""})
    assert response.status_code == 200
    summary = _summary(response.content.decode())
    items = summary.count("<li>")
    assert items >= 2 and f"Please check {items} answers" in summary
    assert 'href="#id_reason"' in summary
