"""An emergency flag between raising and the decision: referral, declined, outcome, follow-ups.

Worked examples of the rule "emergency referral is not a decision" (IFOMPT red-flag framework
2020): a patient sent to the emergency department stays flagged, awaiting the outcome; a patient
who declines stays flagged with the advice documented; the exercises stay paused throughout.
"""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clinic import services
from clinic.flag_states import services as flag_states
from clinic.models import AuditEvent, FlagFollowUp, RedFlag, RedFlagEvent
from tests.factories import PatientFactory, RedFlagFactory

Referral = RedFlag.Referral


@pytest.fixture
def saddle(patient_record):
    return RedFlagFactory(
        patient=patient_record,
        code="ces_saddle",
        tier="E",
        reason="Answered yes: new numbness in the saddle area",
    )


@pytest.fixture
def cauda_equina(patient_record, saddle):
    """One suspected cauda equina: three emergency flags of the same visit."""
    return [
        saddle,
        RedFlagFactory(patient=patient_record, code="ces_bladder", tier="E"),
        RedFlagFactory(patient=patient_record, code="ces_bilateral", tier="E"),
    ]


def refer(flag, by, **extra):
    return flag_states.refer_to_emergency(
        flag=flag,
        advised_by="Maya Chen",
        travel="driven",
        called="Partner (Sam), who drove him",
        by=by,
        **extra,
    )


def declined(flag, by, **extra):
    return flag_states.record_declined(
        flag=flag,
        advised_by="Maya Chen",
        advice="Advised to go to the emergency department now; explained the risk of "
        "permanent bladder damage. He will wait for his GP on Monday.",
        by=by,
        **extra,
    )


def outcome(flag, by, **extra):
    return flag_states.record_outcome(
        flag=flag,
        outcome="cleared",
        details="Seen at Harbor General ED: MRI shows no compression; sent home.",
        by=by,
        **extra,
    )


def url(name, flag):
    return reverse(f"clinic:{name}", kwargs={"uuid": flag.uuid})


# --- the state machine ------------------------------------------------------------------------


def test_referred_then_outcome_then_decision_clears_the_flag(therapist, saddle, patient_record):
    refer(saddle, therapist)
    saddle.refresh_from_db()
    assert saddle.is_open and saddle.referral_state == Referral.AWAITING
    assert not patient_record.can_receive_program()  # awaiting the outcome keeps the block

    outcome(saddle, therapist)
    saddle.refresh_from_db()
    assert saddle.is_open and saddle.referral_state == Referral.OUTCOME
    assert not patient_record.can_receive_program()  # the outcome alone is not the decision

    services.record_flag_decision(
        flag=saddle, reason="physician_clearance", note="ED cleared, MRI normal.", by=therapist
    )
    saddle.refresh_from_db()
    assert saddle.status == RedFlag.Status.DECIDED
    assert patient_record.can_receive_program()
    kinds = list(saddle.events.values_list("kind", flat=True))
    assert kinds == ["referred", "outcome", "decision"]
    referral = saddle.events.get(kind="referred")
    assert (referral.advised_by, referral.travel, referral.recorded_by) == (
        "Maya Chen",
        "driven",
        therapist,
    )
    assert referral.called == "Partner (Sam), who drove him"


def test_each_step_is_audited(therapist, saddle):
    before = AuditEvent.objects.count()
    refer(saddle, therapist)
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(row.action, row.detail) for row in rows] == [
        ("update", "red flag: referred"),
        ("create", f"follow-up due {(timezone.localdate() + timedelta(days=1)).isoformat()}"),
    ]
    assert all(row.patient_id == saddle.patient_id for row in rows)


def test_a_decision_waits_for_the_outcome_once_referred(therapist, saddle):
    refer(saddle, therapist)
    with pytest.raises(ValidationError, match="record the outcome"):
        services.record_flag_decision(
            flag=saddle, reason="old_stable", note="Known for years", by=therapist
        )
    saddle.refresh_from_db()
    assert saddle.is_open


def test_an_outcome_needs_a_referral_or_a_declined_one_first(therapist, saddle):
    with pytest.raises(ValidationError):
        outcome(saddle, therapist)


def test_a_flag_already_awaiting_cannot_be_referred_twice(therapist, saddle):
    refer(saddle, therapist)
    with pytest.raises(ValidationError):
        refer(saddle, therapist)


def test_declined_keeps_the_flag_open_and_the_block(therapist, saddle, patient_record):
    declined(saddle, therapist)
    saddle.refresh_from_db()
    assert saddle.is_open and saddle.referral_state == Referral.DECLINED
    assert saddle.blocks_program
    assert not patient_record.can_receive_program()
    event = saddle.events.get()
    assert event.kind == "declined" and "permanent bladder damage" in event.details
    # Later the patient agrees to go: referred, then the outcome, then the decision.
    refer(saddle, therapist)
    outcome(saddle, therapist)
    services.record_flag_decision(
        flag=saddle, reason="physician_clearance", note="Cleared in the ED.", by=therapist
    )
    assert patient_record.can_receive_program()


@pytest.mark.parametrize("tier, code", [("E", "ces_saddle"), ("U", "infection_fever")])
def test_declined_referral_is_no_longer_a_decision_for_e_or_u(
    therapist, patient_record, tier, code
):
    flag = RedFlagFactory(patient=patient_record, tier=tier, code=code)
    with pytest.raises(ValidationError, match="declined referral keeps the flag open"):
        services.record_flag_decision(
            flag=flag, reason="declined_referral", note="Will see GP next week", by=therapist
        )
    flag.refresh_from_db()
    assert flag.is_open
    assert not patient_record.can_receive_program()


def test_a_soon_flag_may_still_be_closed_as_declined(therapist, patient_record):
    flag = RedFlagFactory(patient=patient_record, tier="S", code="cancer_history")
    services.record_flag_decision(
        flag=flag, reason="declined_referral", note="Advised GP review; declined.", by=therapist
    )
    flag.refresh_from_db()
    assert flag.status == RedFlag.Status.DECIDED


def test_only_a_therapist_records_a_step(admin, saddle):
    for step in (refer, declined):
        with pytest.raises(ValidationError, match="Only a clinician"):
            step(saddle, admin)
    with pytest.raises(ValidationError, match="Only a clinician"):
        flag_states.add_follow_up(flag=saddle, task="Call", due_on=timezone.localdate(), by=admin)
    assert not saddle.events.exists()


def test_a_referral_needs_who_travel_and_who_was_called(therapist, saddle):
    with pytest.raises(ValidationError) as caught:
        flag_states.refer_to_emergency(
            flag=saddle, advised_by=" ", travel="rocket", called="", by=therapist
        )
    assert set(caught.value.error_dict) == {"advised_by", "travel", "called"}


def test_one_referral_covers_the_other_flags_of_the_visit(therapist, cauda_equina):
    first, *others = cauda_equina
    refer(first, therapist, also=others)
    for flag in cauda_equina:
        flag.refresh_from_db()
        assert flag.referral_state == Referral.AWAITING
        assert flag.events.get().kind == "referred"
    assert FlagFollowUp.objects.filter(flag__in=cauda_equina).count() == 1  # one call to make


def test_another_patients_flag_cannot_ride_along(therapist, saddle):
    stranger = RedFlagFactory(patient=PatientFactory(therapist=therapist), tier="E")
    with pytest.raises(ValidationError, match="same patient"):
        refer(saddle, therapist, also=[stranger])
    assert not stranger.events.exists()


def test_history_rows_are_append_only(therapist, saddle):
    (event,) = refer(saddle, therapist)
    event.details = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        FlagFollowUp.objects.get(flag=saddle).delete()


# --- follow-up tasks --------------------------------------------------------------------------


def test_a_referral_creates_the_outcome_call_task(therapist, saddle):
    refer(saddle, therapist, follow_up_due=timezone.localdate() + timedelta(days=2))
    task = FlagFollowUp.objects.get(flag=saddle)
    assert task.task == "Call the patient to find out the emergency department outcome"
    assert task.due_on == timezone.localdate() + timedelta(days=2)
    assert not task.is_done and not task.is_overdue


def test_recording_the_outcome_completes_the_pending_tasks(therapist, saddle):
    refer(saddle, therapist)
    outcome(saddle, therapist)
    task = FlagFollowUp.objects.get(flag=saddle)
    assert task.is_done and task.done_by == therapist and task.done_note == "Outcome recorded."


def test_therapist_completes_a_follow_up_on_the_page(therapist_client, therapist, saddle):
    refer(saddle, therapist)
    task = FlagFollowUp.objects.get(flag=saddle)
    response = therapist_client.post(
        reverse("clinic:flag-follow-up-done", kwargs={"uuid": task.uuid}),
        {"note": "No answer; left a voicemail"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_by == therapist and task.done_at is not None
    assert task.done_note == "No answer; left a voicemail"
    # A second click changes nothing and says so.
    again = therapist_client.post(
        reverse("clinic:flag-follow-up-done", kwargs={"uuid": task.uuid}), follow=True
    )
    assert "already done" in again.content.decode()


def test_therapist_adds_a_follow_up(therapist_client, saddle):
    due = timezone.localdate() + timedelta(days=3)
    response = therapist_client.post(
        url("flag-follow-up-add", saddle),
        {"followup-task": "Ask for the discharge letter", "followup-due_on": due.isoformat()},
    )
    assert response.status_code == 302
    assert FlagFollowUp.objects.get(flag=saddle).task == "Ask for the discharge letter"


def test_a_follow_up_in_the_past_is_refused_next_to_the_field(therapist_client, saddle):
    response = therapist_client.post(
        url("flag-follow-up-add", saddle),
        {"followup-task": "Call back", "followup-due_on": "2001-01-01"},
    )
    assert response.status_code == 200
    form = response.context["follow_up_form"]
    assert "due_on" in form.errors
    assert form["task"].value() == "Call back"
    assert not FlagFollowUp.objects.exists()


def test_an_unknown_follow_up_is_404(therapist_client):
    import uuid

    missing = reverse("clinic:flag-follow-up-done", kwargs={"uuid": uuid.uuid4()})
    assert therapist_client.post(missing).status_code == 404


# --- the flag page ----------------------------------------------------------------------------


def test_the_page_shows_how_long_the_flag_has_been_open(therapist_client, saddle):
    RedFlag.objects.filter(pk=saddle.pk).update(
        created_at=timezone.now() - timedelta(days=2, hours=3)
    )
    body = therapist_client.get(url("flag-detail", saddle)).content.decode()
    assert "Open for 2\xa0days, 3\xa0hours" in body


def test_the_page_offers_referral_first_then_the_outcome(therapist_client, therapist, saddle):
    response = therapist_client.get(url("flag-detail", saddle))
    keys = [step["key"] for step in response.context["steps"]]
    assert keys == ["referred", "declined", "decision"]
    reasons = [value for value, _ in response.context["form"].fields["reason"].choices]
    assert "declined_referral" not in reasons
    refer(saddle, therapist)
    response = therapist_client.get(url("flag-detail", saddle))
    assert [step["key"] for step in response.context["steps"]] == ["outcome", "declined"]
    body = response.content.decode()
    assert "Referred to the emergency department, awaiting outcome" in body
    assert "Call the patient to find out the emergency department outcome" in body
    assert "Partner (Sam), who drove him" in body


def test_referral_on_the_page_covers_the_checked_flags(therapist_client, cauda_equina):
    first, bladder, both_legs = cauda_equina
    now = timezone.localtime().replace(second=0, microsecond=0)
    response = therapist_client.post(
        url("flag-referred", first),
        {
            "refer-advised_by": "Maya Chen",
            "refer-advised_at": now.strftime("%Y-%m-%dT%H:%M"),
            "refer-travel": "ambulance",
            "refer-called": "911",
            "refer-note": "",
            "refer-follow_up_due": (timezone.localdate() + timedelta(days=1)).isoformat(),
            "refer-also": [str(bladder.uuid)],
        },
    )
    assert response.status_code == 302
    states = dict(
        RedFlag.objects.filter(pk__in=[f.pk for f in cauda_equina]).values_list(
            "code", "referral_state"
        )
    )
    assert states == {"ces_saddle": "awaiting", "ces_bladder": "awaiting", "ces_bilateral": ""}
    assert first.events.get().occurred_at == now


def test_a_bad_referral_keeps_what_was_typed(therapist_client, saddle):
    future = timezone.localtime() + timedelta(days=1)
    response = therapist_client.post(
        url("flag-referred", saddle),
        {
            "refer-advised_by": "Maya Chen",
            "refer-advised_at": future.strftime("%Y-%m-%dT%H:%M"),
            "refer-called": "911",
            "refer-follow_up_due": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    (step,) = [s for s in response.context["steps"] if s["key"] == "referred"]
    assert "travel" in step["form"].errors
    assert step["form"]["called"].value() == "911"
    assert step["open"]
    saddle.refresh_from_db()
    assert saddle.referral_state == Referral.NONE


def test_a_referral_time_in_the_future_is_refused_next_to_the_field(therapist_client, saddle):
    future = timezone.localtime() + timedelta(days=1)
    response = therapist_client.post(
        url("flag-referred", saddle),
        {
            "refer-advised_by": "Maya Chen",
            "refer-advised_at": future.strftime("%Y-%m-%dT%H:%M"),
            "refer-travel": "taxi",
            "refer-called": "No one",
            "refer-follow_up_due": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    (step,) = [s for s in response.context["steps"] if s["key"] == "referred"]
    assert "advised_at" in step["form"].errors


def test_declined_and_outcome_on_the_page(therapist_client, saddle, patient_record):
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = therapist_client.post(
        url("flag-declined", saddle),
        {
            "declined-advised_by": "Maya Chen",
            "declined-advised_at": now,
            "declined-advice": "Advised ED now; he prefers to wait for his GP.",
            "declined-follow_up_due": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    saddle.refresh_from_db()
    assert saddle.referral_state == Referral.DECLINED and saddle.is_open
    response = therapist_client.post(
        url("flag-outcome", saddle),
        {
            "outcome-outcome": "referred_on",
            "outcome-seen_at": now,
            "outcome-details": "GP saw him next day, urgent MRI booked.",
        },
    )
    assert response.status_code == 302
    saddle.refresh_from_db()
    assert saddle.referral_state == Referral.OUTCOME
    assert not patient_record.can_receive_program()


def test_a_step_the_flag_has_moved_past_redirects(therapist_client, therapist, saddle):
    refer(saddle, therapist)
    response = therapist_client.post(url("flag-referred", saddle), {}, follow=True)
    assert "has moved on" in response.content.decode()


def test_admin_sees_the_history_but_no_forms(admin_client_, therapist, saddle):
    refer(saddle, therapist)
    response = admin_client_.get(url("flag-detail", saddle))
    assert response.context["steps"] == []
    assert response.context["follow_up_form"] is None
    assert "Referred to the emergency department" in response.content.decode()


def test_the_patient_card_shows_the_state_and_open_time(therapist_client, therapist, saddle):
    declined(saddle, therapist)
    body = therapist_client.get(saddle.patient.get_absolute_url()).content.decode()
    assert "Patient declined referral" in body
    assert "open for 0\xa0minutes" in body


# --- the portal keeps the pause -----------------------------------------------------------------


@pytest.mark.parametrize("step", [refer, declined])
def test_the_portal_keeps_asking_to_pause(patient_client, therapist, patient_record, step):
    from tests.factories import published_program

    program = published_program(patient=patient_record, items=1, by=therapist)
    flag = RedFlagFactory(patient=patient_record, code="ces_saddle", tier="E")
    step(flag, therapist)
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert "Please pause your exercises" in response.content.decode()


# --- the dashboard ----------------------------------------------------------------------------


def test_dashboard_one_row_per_patient_highest_tier_first(therapist_client, therapist):
    now = timezone.now()
    urgent_patient = PatientFactory(therapist=therapist, last_name="Urgent")
    RedFlagFactory(patient=urgent_patient, tier="U", code="infection_fever")
    old_emergency = PatientFactory(therapist=therapist, last_name="Older")
    new_emergency = PatientFactory(therapist=therapist, last_name="Newer")
    for patient, hours in ((old_emergency, 30), (new_emergency, 2)):
        for code, tier in (("cancer_history", "S"), ("ces_saddle", "E"), ("ces_bladder", "E")):
            flag = RedFlagFactory(patient=patient, tier=tier, code=code)
            RedFlag.objects.filter(pk=flag.pk).update(created_at=now - timedelta(hours=hours))
    response = therapist_client.get(reverse("pages:dashboard"))
    rows = response.context["flag_patients"]
    assert [row.last_name for row in rows] == ["Older", "Newer", "Urgent"]
    assert [flag.tier for flag in rows[0].open_flag_list] == ["E", "E", "S"]
    assert [row.top_tier for row in rows] == ["E", "E", "U"]
    body = response.content.decode()
    assert (
        body.count('class="list-group-item d-flex gap-3 align-items-start flag-patient-row"') == 3
    )
    assert "open for 1\xa0day, 6\xa0hours" in body


def _dashboard_row(client, patient):
    response = client.get(reverse("pages:dashboard"))
    (row,) = [row for row in response.context["flag_patients"] if row.pk == patient.pk]
    return row, response.content.decode()


def test_every_open_emergency_flag_on_the_dashboard_has_a_to_do(
    therapist_client, therapist, patient_record, cauda_equina
):
    saddle, *others = cauda_equina
    # Raised, nobody has acted yet: one "next" line for the visit's three flags.
    row, body = _dashboard_row(therapist_client, patient_record)
    where = "Record where the patient went: referred to the emergency department, or declined"
    assert row.next_steps == [where]
    assert body.count(f"Next: {where}") == 1
    # Referred: the stored follow-up task is the to-do.
    refer(saddle, therapist, also=others)
    row, body = _dashboard_row(therapist_client, patient_record)
    assert row.next_steps == []
    assert "Call the patient to find out the emergency department outcome" in body
    # The call made but no outcome yet: the page says to record it.
    flag_states.complete_follow_up(
        follow_up=FlagFollowUp.objects.get(flag=saddle), note="Still in the ED.", by=therapist
    )
    row, _body = _dashboard_row(therapist_client, patient_record)
    assert row.next_steps == ["Record the outcome once the patient has been seen"]
    outcome(saddle, therapist, also=others)
    row, _body = _dashboard_row(therapist_client, patient_record)
    assert row.next_steps == ["Record the decision: the outcome is in"]


def test_an_urgent_flag_has_a_to_do_and_a_soon_flag_none(therapist_client, therapist):
    urgent = PatientFactory(therapist=therapist)
    RedFlagFactory(patient=urgent, tier="U", code="infection_fever")
    soon = PatientFactory(therapist=therapist)
    RedFlagFactory(patient=soon, tier="S", code="cancer_history")
    row, _body = _dashboard_row(therapist_client, urgent)
    assert row.next_steps == [
        "Record the decision (most end with a physician's clearance), or a referral"
    ]
    row, _body = _dashboard_row(therapist_client, soon)
    assert row.next_steps == []


def test_the_flag_page_says_what_is_next_until_a_task_does(therapist_client, therapist, saddle):
    body = therapist_client.get(url("flag-detail", saddle)).content.decode()
    assert "Next: Record where the patient went" in body
    assert re.search(r"[ap]\.m\., intake", body)  # "Raised 6 Dec, 5:27 p.m., intake"
    refer(saddle, therapist)
    body = therapist_client.get(url("flag-detail", saddle)).content.decode()
    assert "Next: " not in body
    assert "Call the patient to find out the emergency department outcome" in body


def test_the_flag_card_on_the_patient_page_says_what_is_next(
    therapist_client, therapist, patient_record, saddle
):
    page = reverse("pages:patient-detail", kwargs={"uuid": patient_record.uuid})
    body = therapist_client.get(page).content.decode()
    assert "Next: Record where the patient went" in body
    refer(saddle, therapist)
    body = therapist_client.get(page).content.decode()
    assert "Next: Record the outcome once the patient has been seen" in body


def test_dashboard_lists_overdue_follow_ups(therapist_client, therapist, saddle):
    refer(saddle, therapist)
    FlagFollowUp.objects.filter(flag=saddle).update(due_on=timezone.localdate() - timedelta(days=1))
    response = therapist_client.get(reverse("pages:dashboard"))
    (task,) = response.context["overdue_follow_ups"]
    assert task.flag == saddle
    body = response.content.decode()
    assert "Overdue red-flag follow-ups" in body
    assert "Referred to the emergency department, awaiting outcome" in body


def test_a_closed_flags_pending_task_is_not_overdue_on_the_dashboard(
    therapist_client, therapist, saddle
):
    declined(saddle, therapist)
    FlagFollowUp.objects.filter(flag=saddle).update(due_on=timezone.localdate() - timedelta(1))
    RedFlag.objects.filter(pk=saddle.pk).update(
        status="decided",
        decision_reason="old_stable",
        decision_note="x",
        decided_by=therapist,
        decided_at=timezone.now(),
    )
    response = therapist_client.get(reverse("pages:dashboard"))
    assert response.context["overdue_follow_ups"] == []


# --- flags decided as "declined" before this rule ---------------------------------------------


def test_the_migration_reopens_declined_decisions_and_keeps_them_in_history(
    therapist, patient_record
):
    flag = RedFlagFactory(patient=patient_record, tier="E", code="ces_saddle")
    soon = RedFlagFactory(patient=patient_record, tier="S", code="cancer_history")
    decided_at = timezone.now() - timedelta(days=3)
    RedFlag.objects.filter(pk__in=[flag.pk, soon.pk]).update(
        status="decided",
        decision_reason="declined_referral",
        decision_note="Refused the ED.",
        decided_by=therapist,
        decided_at=decided_at,
    )
    migration = importlib.import_module("clinic.migrations.0017_flag_states")
    migration.reopen_declined_referrals(apps, None)
    flag.refresh_from_db()
    soon.refresh_from_db()
    assert flag.is_open and flag.referral_state == Referral.DECLINED
    event = RedFlagEvent.objects.get(flag=flag)
    assert (event.kind, event.details, event.recorded_by, event.occurred_at) == (
        "declined",
        "Refused the ED.",
        therapist,
        decided_at,
    )
    assert soon.status == RedFlag.Status.DECIDED  # a soon flag never blocked: left alone
    assert not patient_record.can_receive_program()


def test_an_urgent_flag_offers_the_decision_first(therapist_client, patient_record):
    urgent = RedFlagFactory(patient=patient_record, tier="U", code="infection_fever")
    response = therapist_client.get(url("flag-detail", urgent))
    assert [step["key"] for step in response.context["steps"]] == [
        "decision",
        "declined",
        "referred",
    ]
    assert response.context["steps"][0]["open"]


def test_the_one_call_of_a_shared_referral_shows_on_each_flag(
    therapist_client, therapist, cauda_equina
):
    first, *others = cauda_equina
    refer(first, therapist, also=others)
    for flag in cauda_equina:
        tasks = therapist_client.get(url("flag-detail", flag)).context["follow_ups"]
        assert [task.flag for task in tasks] == [first]


def test_overdue_days_are_counted_in_days(therapist_client, therapist, saddle):
    refer(saddle, therapist)
    FlagFollowUp.objects.filter(flag=saddle).update(due_on=timezone.localdate() - timedelta(days=2))
    body = therapist_client.get(reverse("pages:dashboard")).content.decode()
    assert "2 days overdue" in body


def test_the_flag_page_with_its_history_records_one_read(therapist_client, therapist, saddle):
    declined(saddle, therapist)
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    therapist_client.get(url("flag-detail", saddle))
    (event,) = AuditEvent.objects.filter(pk__gt=last)
    assert (event.action, event.patient_id, event.user) == ("view", saddle.patient_id, therapist)


def test_each_step_page_write_is_audited_once_per_flag(therapist, cauda_equina):
    first, *others = cauda_equina
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    declined(first, therapist, also=others)
    details = list(
        AuditEvent.objects.filter(pk__gt=last).order_by("pk").values_list("detail", flat=True)
    )
    assert details.count("red flag: declined") == 3
    assert sum(d.startswith("follow-up due") for d in details) == 1


def test_dashboard_open_time_and_rank_count_open_flags_only(therapist_client, therapist):
    patient = PatientFactory(therapist=therapist)
    old = RedFlagFactory(patient=patient, tier="E", code="ces_saddle")
    RedFlag.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=30),
        status="decided",
        decision_reason="old_stable",
        decision_note="Investigated in 2019.",
        decided_by=therapist,
        decided_at=timezone.now() - timedelta(days=29),
    )
    RedFlagFactory(patient=patient, tier="S", code="night_pain")
    (row,) = therapist_client.get(reverse("pages:dashboard")).context["flag_patients"]
    assert row.top_tier == "S"
    assert timezone.now() - row.open_since < timedelta(minutes=5)
    assert [flag.code for flag in row.open_flag_list] == ["night_pain"]
