"""The demo's red flags between raising and the decision: awaiting the ED outcome, declined."""

from django.urls import reverse
from django.utils import timezone

from clinic.models import FlagFollowUp, Patient, RedFlag, RedFlagEvent


def test_demo_has_a_flag_awaiting_the_outcome_and_a_declined_referral(demo_clinic, client):
    models = ("clinic.RedFlagEvent", "clinic.FlagFollowUp")
    counts = [demo_clinic.rows_after_first_seed[label] for label in models]
    assert [demo_clinic.rows_after_second_seed[label] for label in models] == counts  # idempotent
    assert [RedFlagEvent.objects.count(), FlagFollowUp.objects.count()] == counts

    brooks = Patient.objects.get(last_name="Brooks")
    flags = brooks.red_flags.filter(tier="E")
    assert flags.count() >= 2
    assert set(flags.values_list("status", "referral_state")) == {("open", "awaiting")}
    (task,) = FlagFollowUp.objects.filter(flag__patient=brooks).pending()
    assert task.due_on == timezone.localdate() and not task.is_overdue
    assert not brooks.can_receive_program()

    whitfield = Patient.objects.get(last_name="Whitfield")
    (flag,) = whitfield.red_flags.filter(tier="E")
    assert (flag.status, flag.referral_state) == ("open", RedFlag.Referral.DECLINED)
    assert "declined" in flag.events.get().details
    assert FlagFollowUp.objects.get(flag=flag).is_overdue
    assert not whitfield.can_receive_program()

    client.force_login(brooks.therapist)
    response = client.get(reverse("pages:dashboard"))
    rows = {row.last_name: row for row in response.context["flag_patients"]}
    assert len(rows["Brooks"].open_flag_list) == flags.count()  # one row, every flag in it
    overdue = response.context["overdue_follow_ups"]
    assert [t.flag.patient.last_name for t in overdue] == ["Whitfield"]
