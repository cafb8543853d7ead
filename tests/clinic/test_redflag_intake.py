"""The red-flag rules through the intake: stored answers in, flags and clinician notes out."""

import importlib
import re
from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from clinic import redflags
from clinic.intake import facts
from clinic.intake.choices import RED_FLAG_NEURO_ITEM
from clinic.intake.sections import SECTION_BY_SLUG
from tests.clinic import intake_data as data
from tests.factories import RedFlagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(patient_record, therapist):
    return data.start(patient_record, therapist)


def _set_age(patient, age: int):
    today = timezone.localdate()
    patient.date_of_birth = date(today.year - age, 1, 1)
    patient.save(update_fields=["date_of_birth"])


def codes(patient):
    return set(patient.red_flags.values_list("code", "tier"))


# --- The case that started it: "Getting worse" against an explicit No -------------------------


def test_getting_worse_after_a_no_to_the_severe_pain_question_is_a_note_not_a_flag(
    intake, therapist, patient_record
):
    data.save(intake, "red-flags", data.red_flags(), therapist)  # severe_unremitting: No
    data.save(intake, "onset", data.onset(course="worsening", constancy="constant"), therapist)
    assert codes(patient_record) == set()
    assert patient_record.can_receive_program()
    (hint,) = intake.derived["red_flag_hints"]
    assert "answered No" not in hint  # factors not answered yet: asks the clinician to check
    assert "check whether it is constant" in hint


def test_worsening_pain_that_sitting_makes_worse_is_mechanical(intake, therapist, patient_record):
    data.save(intake, "red-flags", data.red_flags(), therapist)
    data.save(intake, "onset", data.onset(course="worsening", constancy="constant"), therapist)
    data.save(intake, "factors", {"factor_sitting": "worse", "easing": ["lying_down"]}, therapist)
    assert facts.mechanical_pain(intake) is True
    assert codes(patient_record) == set()
    assert "mechanical" in intake.derived["red_flag_hints"][0]


def test_constant_worsening_pain_nothing_eases_is_non_mechanical(intake, therapist):
    data.save(intake, "onset", data.onset(course="worsening", constancy="constant"), therapist)
    data.save(intake, "factors", {"factor_sitting": "no_effect"}, therapist)
    assert facts.mechanical_pain(intake) is False
    derived = facts.red_flag_inputs(intake)["derived"]
    assert derived["constant_pain"] is True and derived["mechanical_pain"] is False


def test_constant_worsening_non_mechanical_pain_before_the_question_is_answered_is_urgent(
    intake, therapist, patient_record
):
    data.save(intake, "onset", data.onset(course="worsening", constancy="constant"), therapist)
    raised = data.save(intake, "factors", {"factor_sitting": "no_effect"}, therapist)
    assert [(f.code, f.tier) for f in raised] == [("severe_unremitting", "U")]


def test_constant_worsening_non_mechanical_pain_after_a_no_is_a_note_not_a_flag(
    intake, therapist, patient_record
):
    # The same answers as above, but the patient said No to the constant worsening pain question.
    data.save(intake, "red-flags", data.red_flags(), therapist)
    data.save(intake, "onset", data.onset(course="worsening", constancy="constant"), therapist)
    data.save(intake, "factors", {"factor_sitting": "no_effect"}, therapist)
    assert codes(patient_record) == set()
    assert patient_record.can_receive_program()
    (hint,) = intake.derived["red_flag_hints"]
    assert "answered No" in hint


def test_the_intake_page_shows_the_clinician_notes(therapist_client, intake, therapist):
    data.save(intake, "red-flags", data.red_flags(), therapist)
    data.save(intake, "onset", data.onset(course="worsening"), therapist)
    body = therapist_client.get(intake.get_absolute_url()).content.decode()
    assert "Notes for the clinician (not red flags)" in body
    assert "Pain getting worse since it started" in body


# --- Infection -------------------------------------------------------------------------------


def test_a_bladder_infection_in_the_medical_history_is_a_soon_flag(
    intake, therapist, patient_record
):
    data.save(intake, "medical", {"recent_infection": "on"}, therapist)
    assert codes(patient_record) == {("recent_infection", "S")}
    assert patient_record.can_receive_program()


def test_a_bladder_infection_with_fever_is_urgent(intake, therapist, patient_record):
    data.save(intake, "medical", {"recent_infection": "on", "fever_chills_sweats": "on"}, therapist)
    assert codes(patient_record) == {("recent_infection", "S"), ("infection_fever", "U")}
    fever = patient_record.red_flags.get(code="infection_fever")
    assert "recent infection" in fever.reason
    assert not patient_record.can_receive_program()


@pytest.mark.parametrize("risk", ["iv_drug_use", "immunosuppression", "spinal_injection_recent"])
def test_a_bladder_infection_with_a_risk_factor_is_urgent(intake, therapist, patient_record, risk):
    data.save(intake, "medical", {"recent_infection": "on", risk: "on"}, therapist)
    assert codes(patient_record) == {("recent_infection", "S"), ("infection_risk", "U")}
    assert "recent infection" in patient_record.red_flags.get(code="infection_risk").reason
    assert not patient_record.can_receive_program()


# --- Suspected malignancy --------------------------------------------------------------------


@pytest.mark.parametrize(("age", "expected"), [(47, set()), (63, {("malignancy_suspected", "U")})])
def test_history_of_cancer_escalates_at_50_or_over(
    intake, therapist, patient_record, age, expected
):
    _set_age(patient_record, age)
    data.save(intake, "red-flags", data.red_flags(cancer_history="yes"), therapist)
    assert codes(patient_record) == {("cancer_history", "S")} | expected


def test_history_of_cancer_with_weight_loss_in_a_younger_patient_is_urgent(
    intake, therapist, patient_record
):
    _set_age(patient_record, 41)
    data.save(intake, "medical", {"cancer": "on", "weight_loss": "on"}, therapist)
    flag = patient_record.red_flags.get(code="malignancy_suspected")
    assert flag.tier == "U" and flag.summary.startswith("Suspected malignancy")
    assert flag.reason == "History of cancer with unexplained weight loss"


def test_history_of_cancer_with_no_improvement_after_6_weeks_is_urgent(
    intake, therapist, patient_record
):
    _set_age(patient_record, 35)
    data.save(intake, "red-flags", data.red_flags(cancer_history="yes"), therapist)
    data.save(intake, "history", {"weeks_without_improvement": "6"}, therapist)
    flag = patient_record.red_flags.get(code="malignancy_suspected")
    assert flag.reason == "History of cancer with no improvement after 4 or more weeks of care"


# --- Titles and questions --------------------------------------------------------------------


def test_new_numbness_raises_a_flag_titled_new_or_worsening(intake, therapist, patient_record):
    data.save(intake, "neuro", data.neuro(numbness="yes_new"), therapist)
    flag = patient_record.red_flags.get()
    assert flag.code == "neuro_changing" and flag.summary.startswith("New or worsening numbness")


def test_questions_offering_long_standing_do_not_ask_about_new_symptoms():
    form = SECTION_BY_SLUG["red-flags"]()
    for code in RED_FLAG_NEURO_ITEM:
        field = form.fields[code]
        assert "yes_old" in dict(field.choices)
        label = field.label.lower()
        for word in (" new ", " now ", "getting worse", "since this pain"):
            assert word not in f" {label} ", (code, word)
    # Questions that are about something new stay yes / no.
    for question in redflags.RED_FLAG_QUESTIONS:
        if re.search(r"\bnew\b", question.question, re.I):
            assert "yes_old" not in dict(form.fields[question.code].choices), question.code


# --- "Tell the patient now" sits under the answer --------------------------------------------


def test_each_emergency_and_urgent_question_has_its_notice_right_under_it(therapist_client, intake):
    url = reverse("clinic:intake-section", kwargs={"uuid": intake.uuid, "slug": "red-flags"})
    body = therapist_client.get(url).content.decode()
    for question in redflags.RED_FLAG_QUESTIONS:
        notice = f'data-notice-for="{question.code}"'
        if question.tier == redflags.SOON:
            assert notice not in body
            continue
        assert body.count(notice) == 1
        # The notice follows this question's own answers, before the next question starts.
        radios = body.index(f'name="{question.code}"')
        after = body[radios:]
        next_question = after.find('class="red-flag-question"')
        position = after.index(notice)
        assert next_question == -1 or position < next_question, question.code
    assert "data-instruction-for" not in body  # no notice at the top of the section


def test_nerve_symptoms_that_are_emergency_signs_have_a_notice_under_them(therapist_client, intake):
    url = reverse("clinic:intake-section", kwargs={"uuid": intake.uuid, "slug": "neuro"})
    body = therapist_client.get(url).content.decode()
    for item, code in redflags.NEURO_NEW_FLAGS.items():
        shown = f'data-notice-for="{item}"' in body
        assert shown == (redflags.FLAG_TIERS[code] == redflags.EMERGENCY), item


def test_the_exams_cauda_equina_questions_have_the_notice_under_each(therapist_client, intake):
    from clinic.exam.rules import CES_CODES

    body = therapist_client.get(
        reverse("clinic:intake-exam", kwargs={"uuid": intake.uuid})
    ).content.decode()
    assert "js/clinic.js" in body  # what shows the notice the moment yes is ticked
    for code in CES_CODES:
        notice = f'data-notice-for="ask_{code}"'
        assert body.count(notice) == 1, code
        radios = body.index(f'name="ask_{code}"')
        after = body[radios:]
        assert after.index(notice) < after.index("</fieldset>"), code
    assert redflags.TIER_INSTRUCTIONS[redflags.EMERGENCY] in body


# --- Flags opened under the old rules --------------------------------------------------------


def test_a_flag_raised_by_an_old_rule_stays_open_until_a_clinician_decides(
    intake, therapist, patient_record
):
    # An urgent flag from worsening pain, raised before the rule changed.
    RedFlagFactory(
        patient=patient_record, intake=intake, code="severe_unremitting", tier="U", reason="old"
    )
    data.save(intake, "red-flags", data.red_flags(), therapist)
    data.save(intake, "onset", data.onset(course="worsening"), therapist)
    flag = patient_record.red_flags.get()
    assert flag.is_open and flag.reason == "old"
    assert not patient_record.can_receive_program()


def test_an_old_flag_raised_by_new_numbness_is_re_coded_so_its_title_matches(
    intake, therapist, patient_record
):
    # Before the rule changed, "new or worsening numbness" raised neuro_stable, titled
    # "long-standing ... not changing". The migration gives it the changing flag's code.
    old = RedFlagFactory(
        patient=patient_record,
        intake=intake,
        code="neuro_stable",
        tier="S",
        reason="New or worsening: numbness; New or worsening: pins and needles; "
        "the safety question itself was answered No: check with them",
    )
    mixed = RedFlagFactory(
        patient=patient_record,
        code="neuro_stable",
        tier="S",
        reason="New or worsening: numbness; Long-standing and stable: leg weakness or giving way",
    )
    stable = RedFlagFactory(
        patient=patient_record,
        code="neuro_stable",
        tier="S",
        reason="Long-standing and stable: numbness",
    )
    migration = importlib.import_module(
        "clinic.migrations.0027_new_nerve_symptom_flags_titled_as_changing"
    )
    migration.recode_new_nerve_symptom_flags(apps, None)
    for flag in (old, mixed, stable):
        flag.refresh_from_db()
    assert old.code == "neuro_changing" and old.tier == "S" and old.is_open
    assert old.summary.startswith("New or worsening numbness")
    assert old.reason == "New or worsening: numbness; New or worsening: pins and needles"
    assert (mixed.code, stable.code) == ("neuro_stable", "neuro_stable")
    assert stable.summary.startswith("Long-standing")


def test_the_re_coding_leaves_an_intake_that_has_the_changing_flag_already(
    intake, therapist, patient_record
):
    RedFlagFactory(patient=patient_record, intake=intake, code="neuro_changing", tier="S")
    old = RedFlagFactory(
        patient=patient_record,
        intake=intake,
        code="neuro_stable",
        tier="S",
        reason="New or worsening: numbness",
    )
    migration = importlib.import_module(
        "clinic.migrations.0027_new_nerve_symptom_flags_titled_as_changing"
    )
    migration.recode_new_nerve_symptom_flags(apps, None)
    old.refresh_from_db()
    assert old.code == "neuro_stable"
